import { createHash } from 'node:crypto';

/**
 * Merkle tree hashing and proofs as RFC 6962 / RFC 9162 (section 2.1) define them, so any
 * Certificate Transparency tool can check this log: a leaf hash is SHA-256(0x00 || entry), an
 * interior node SHA-256(0x01 || left || right), and a tree of n leaves splits at the largest power
 * of two below n. Sizes and indexes are plain numbers; shifts are done by division so that logs
 * beyond 2^31 leaves stay exact.
 */

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export const HASH_BYTES = 32;
const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

export const leafHash = (entry: Uint8Array): Buffer => sha256(LEAF, entry);
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(NODE, left, right);
/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = sha256();

/** The largest power of two strictly below n (n > 1): where a tree of n leaves splits. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && splitPoint(n * 2) === n;
const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/**
 * The hash of a complete subtree: level k, index j covers leaves [j * 2^k, (j + 1) * 2^k); level 0
 * is the leaf hashes. A log stores these as they complete, so every proof below costs O(log n) of them.
 */
export type SubtreeHashes = (level: number, index: number) => Promise<Uint8Array>;

/** The hash of the leaves [lo, hi) as the tree holds them: a complete subtree, or its split. */
async function rangeHash(subtrees: SubtreeHashes, lo: number, hi: number): Promise<Uint8Array> {
  const n = hi - lo;
  if (isPowerOfTwo(n)) return subtrees(Math.log2(n), lo / n);
  const k = splitPoint(n);
  const [left, right] = await Promise.all([rangeHash(subtrees, lo, lo + k), rangeHash(subtrees, lo + k, hi)]);
  return nodeHash(left, right);
}

/** The tree head's root hash of the first `size` leaves (RFC 9162 MTH). */
export function rootHash(subtrees: SubtreeHashes, size: number): Promise<Uint8Array> {
  return size === 0 ? Promise.resolve(EMPTY_ROOT) : rangeHash(subtrees, 0, size);
}

function requireRange(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

/** The audit path of leaf `index` in the tree of the first `size` leaves (RFC 9162 PATH), leaf to root. */
export async function inclusionProof(subtrees: SubtreeHashes, index: number, size: number): Promise<Uint8Array[]> {
  requireRange(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size, `leaf ${index} is not in a tree of ${size}`);
  const path = async (lo: number, hi: number): Promise<Uint8Array[]> => {
    if (hi - lo === 1) return [];
    const k = splitPoint(hi - lo);
    if (index < lo + k) return [...(await path(lo, lo + k)), await rangeHash(subtrees, lo + k, hi)];
    return [...(await path(lo + k, hi)), await rangeHash(subtrees, lo, lo + k)];
  };
  return path(0, size);
}

/** What proves the tree of `first` leaves is a prefix of the tree of `second` (RFC 9162 PROOF / SUBPROOF). */
export async function consistencyProof(subtrees: SubtreeHashes, first: number, second: number): Promise<Uint8Array[]> {
  requireRange(Number.isSafeInteger(first) && Number.isSafeInteger(second) && first >= 0 && first <= second, `no consistency proof from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const sub = async (m: number, lo: number, hi: number, whole: boolean): Promise<Uint8Array[]> => {
    if (m === hi - lo) return whole ? [] : [await rangeHash(subtrees, lo, hi)];
    const k = splitPoint(hi - lo);
    if (m <= k) return [...(await sub(m, lo, lo + k, whole)), await rangeHash(subtrees, lo + k, hi)];
    return [...(await sub(m - k, lo + k, hi, false)), await rangeHash(subtrees, lo, lo + k)];
  };
  return sub(first, 0, second, true);
}

const sameHash = (a: Uint8Array, b: Uint8Array) => a.length === HASH_BYTES && b.length === HASH_BYTES && Buffer.from(a).equals(Buffer.from(b));
const wellFormed = (proof: readonly Uint8Array[]) => Array.isArray(proof) && proof.every((p) => p instanceof Uint8Array && p.length === HASH_BYTES);

/** RFC 9162 2.1.3.2: does the audit path take this leaf hash at `index` to the root of a tree of `size`? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size || !wellFormed(proof) || leaf.length !== HASH_BYTES) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(r, root);
}

/** RFC 9162 2.1.4.2: is the tree of `first` leaves with `firstRoot` a prefix of the tree of `second` with `secondRoot`? */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second || !wellFormed(proof)) return false;
  if (first === second) return proof.length === 0 && sameHash(firstRoot, secondRoot);
  // Every tree extends the empty one.
  if (first === 0) return proof.length === 0 && sameHash(firstRoot, EMPTY_ROOT) && secondRoot.length === HASH_BYTES;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(fr, firstRoot) && sameHash(sr, secondRoot);
}

/**
 * The complete subtrees that appending one leaf to a tree of `size` leaves completes, lowest
 * first, each with the two it joins: level k completes at index j when (size + 1) is a multiple of 2^k.
 */
export function completedBy(size: number): { level: number; index: number }[] {
  const done: { level: number; index: number }[] = [];
  for (let span = 2, level = 1; (size + 1) % span === 0; span *= 2, level++) done.push({ level, index: (size + 1) / span - 1 });
  return done;
}

/** The complete subtrees a tree of `size` leaves is made of, largest (leftmost) first: its frontier. */
export function frontierOf(size: number): { level: number; index: number }[] {
  const parts: { level: number; index: number }[] = [];
  let offset = 0;
  for (let span = splitPoint(size * 2 + 1), level = Math.log2(span); span >= 1; span /= 2, level--) {
    if (size - offset >= span) {
      parts.push({ level, index: offset / span });
      offset += span;
    }
  }
  return parts;
}
