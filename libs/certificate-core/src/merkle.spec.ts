import { createHash } from 'node:crypto';
import { completedBy, consistencyProof, EMPTY_ROOT, frontierOf, inclusionProof, leafHash, nodeHash, rootHash, verifyConsistency, verifyInclusion, type SubtreeHashes } from './merkle';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

/** The tree hash straight from RFC 9162's definition, over the leaf hashes: what the stored-subtree version must agree with. */
function naiveRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
}

/** Complete-subtree hashes computed naively from the leaves, as a log would have stored them. */
const subtreesOf =
  (leaves: readonly Uint8Array[]): SubtreeHashes =>
  async (level, index) => {
    const span = 2 ** level;
    if ((index + 1) * span > leaves.length) throw new Error(`subtree ${level}/${index} is not complete`);
    return naiveRoot(leaves.slice(index * span, (index + 1) * span));
  };

// The Certificate Transparency reference tree (RFC 6962 test data, as used by its implementations).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(unhex(h)));
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** A small deterministic generator, so a failure names a size that can be run again. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('the Merkle tree of the public log (RFC 6962 / 9162)', () => {
  it('gives the reference roots, audit paths and consistency proofs of the Certificate Transparency test tree', async () => {
    const ct = subtreesOf(CT_LEAVES);
    for (let n = 0; n <= 8; n++) expect(hex(await rootHash(ct, n))).toBe(CT_ROOTS[n]);
    expect((await inclusionProof(ct, 0, 8)).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect((await inclusionProof(ct, 5, 8)).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect((await consistencyProof(ct, 2, 8)).map(hex)).toEqual(['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']);
    expect((await consistencyProof(ct, 6, 8)).map(hex)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(verifyConsistency(6, 8, unhex(CT_ROOTS[6]!), unhex(CT_ROOTS[8]!), await consistencyProof(ct, 6, 8))).toBe(true);
  });

  it('proves every leaf of every size 1..300 included, and the proof fails for another leaf, index, size or root', async () => {
    const leaves = Array.from({ length: 300 }, (_, i) => leafHash(createHash('sha256').update(`entry ${i}`).digest()));
    const subtrees = subtreesOf(leaves);
    const next = random(20);
    for (let n = 1; n <= 300; n++) {
      const root = naiveRoot(leaves.slice(0, n));
      expect(hex(await rootHash(subtrees, n))).toBe(hex(root));
      // Every leaf of the small trees, a random handful of the larger ones (the whole would be 45,000 proofs).
      const indexes = n <= 40 ? Array.from({ length: n }, (_, i) => i) : [0, n - 1, ...Array.from({ length: 6 }, () => Math.floor(next() * n))];
      for (const m of indexes) {
        const proof = await inclusionProof(subtrees, m, n);
        expect(verifyInclusion(leaves[m]!, m, n, proof, root)).toBe(true);
        if (n > 1) {
          expect(verifyInclusion(leaves[(m + 1) % n]!, m, n, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[m]!, (m + 1) % n, n, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[m]!, m, n, proof.slice(0, -1), root)).toBe(false);
        }
        expect(verifyInclusion(leaves[m]!, m, n, proof, EMPTY_ROOT)).toBe(false);
      }
    }
  });

  it('proves random pairs of sizes consistent, and the proof fails against another root or with a hash changed', async () => {
    const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
    const subtrees = subtreesOf(leaves);
    const next = random(7);
    const pairs: [number, number][] = [[0, 5], [5, 5], [1, 300], [299, 300], [256, 300], [128, 256]];
    for (let i = 0; i < 400; i++) {
      const a = 1 + Math.floor(next() * 300);
      const b = 1 + Math.floor(next() * 300);
      pairs.push([Math.min(a, b), Math.max(a, b)]);
    }
    for (const [m, n] of pairs) {
      const [first, second] = [naiveRoot(leaves.slice(0, m)), naiveRoot(leaves.slice(0, n))];
      const proof = await consistencyProof(subtrees, m, n);
      expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
      if (m === n || m === 0) continue;
      expect(verifyConsistency(m, n, naiveRoot(leaves.slice(1, m + 1)), second, proof)).toBe(false);
      expect(verifyConsistency(m, n, first, naiveRoot(leaves.slice(1, n + 1)), proof)).toBe(false);
      const altered = proof.map((p, j) => (j === 0 ? Buffer.from(p).fill(7, 0, 1) : p));
      expect(verifyConsistency(m, n, first, second, altered)).toBe(false);
    }
  });

  it('refuses impossible requests: a leaf outside the tree, a shrinking tree', async () => {
    const subtrees = subtreesOf(CT_LEAVES);
    await expect(inclusionProof(subtrees, 8, 8)).rejects.toThrow(RangeError);
    await expect(inclusionProof(subtrees, -1, 8)).rejects.toThrow(RangeError);
    await expect(consistencyProof(subtrees, 5, 3)).rejects.toThrow(RangeError);
    expect(verifyConsistency(8, 6, unhex(CT_ROOTS[8]!), unhex(CT_ROOTS[6]!), [])).toBe(false);
  });

  it('names the subtrees an append completes and the frontier a size is made of', () => {
    expect(completedBy(0)).toEqual([]);
    expect(completedBy(1)).toEqual([{ level: 1, index: 0 }]);
    expect(completedBy(7)).toEqual([{ level: 1, index: 3 }, { level: 2, index: 1 }, { level: 3, index: 0 }]);
    expect(frontierOf(0)).toEqual([]);
    expect(frontierOf(13)).toEqual([{ level: 3, index: 0 }, { level: 2, index: 2 }, { level: 0, index: 12 }]);
    expect(frontierOf(16)).toEqual([{ level: 4, index: 0 }]);
  });
});
