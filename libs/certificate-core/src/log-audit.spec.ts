import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { growthProblem, inclusionProblem } from './log-audit';
import { consistencyProof, EMPTY_ROOT, inclusionProof, nodeHash, rootHash, type SubtreeHashes } from './merkle';
import { entryLeafHash, hexHash, signTreeHead, type LogEntry, type TreeHead } from './transparency-log';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const keys: ReadonlyMap<string, KeyObject> = new Map([['log-2027', publicKey]]);

/** A log as a server would hold it: complete subtrees computed from the stored entries. */
function logOf(entries: readonly LogEntry[]) {
  const leaves = entries.map(entryLeafHash);
  const hashOf = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 0) return EMPTY_ROOT;
    if (hi - lo === 1) return leaves[lo] as Uint8Array;
    let k = 1;
    while (k * 2 < hi - lo) k *= 2;
    return nodeHash(hashOf(lo, lo + k), hashOf(lo + k, hi));
  };
  const subtrees: SubtreeHashes = async (level, index) => hashOf(index * 2 ** level, (index + 1) * 2 ** level);
  return {
    async head(): Promise<TreeHead> {
      return signTreeHead({ treeSize: entries.length, timestamp: '2029-06-01T02:00:00.000Z', rootHash: hexHash(await rootHash(subtrees, entries.length)), keyId: 'log-2027' }, privateKey);
    },
    inclusion: async (index: number, size: number) => (await inclusionProof(subtrees, index, size)).map(hexHash),
    consistency: async (first: number, second: number) => (await consistencyProof(subtrees, first, second)).map(hexHash),
  };
}

const STATUSES = ['valid', 'suspended', 'valid', 'withdrawn'];
const entries: LogEntry[] = Array.from({ length: 23 }, (_, i) => ({
  number: `GBT27922-2027-${String(100 + Math.floor(i / 4)).padStart(6, '0')}-00`,
  status: STATUSES[i % 4] as string,
  at: new Date(Date.UTC(2027, 2, 1 + i)).toISOString(),
  code: `certificate.${STATUSES[i % 4]}`,
  eventId: `event-${i}:0`,
}));

describe('auditing the public log against a tree head seen earlier', () => {
  it('accepts an honest log: every entry included in the latest head, and the log grown from the head seen at 15', async () => {
    const seen = await logOf(entries.slice(0, 15)).head();
    const log = logOf(entries);
    const latest = await log.head();
    for (const [i, entry] of entries.entries()) expect(inclusionProblem(latest, keys, entry, i, await log.inclusion(i, entries.length))).toBeNull();
    expect(growthProblem(seen, latest, keys, await log.consistency(15, entries.length))).toBeNull();
    expect(growthProblem(latest, latest, keys, [])).toBeNull();
  });

  it('detects any stored leaf rewritten, even when the server recomputes the tree and signs a new head with the log key', async () => {
    const seen = await logOf(entries).head();
    for (let i = 0; i < entries.length; i++) {
      // A quietly changed date or status, then one more entry appended so the log looks as if it grew.
      const rewritten = entries.map((e, j) => (j === i ? { ...e, at: '2027-01-01T00:00:00.000Z', status: 'valid' } : e));
      const forged = logOf([...rewritten, { ...(entries[0] as LogEntry), eventId: 'later:0' }]);
      const latest = await forged.head();
      expect(growthProblem(seen, latest, keys, await forged.consistency(entries.length, entries.length + 1))).toMatch(/does not extend the one seen at 23/);
      // The entry as first recorded is no longer in the log either.
      expect(inclusionProblem(latest, keys, entries[i] as LogEntry, i, await forged.inclusion(i, entries.length + 1))).toMatch(/is not in the tree head/);
    }
  });

  it('detects any leaf removed: the log shrank, or, grown back past the head seen, it no longer extends it', async () => {
    const seen = await logOf(entries).head();
    for (let i = 0; i < entries.length; i++) {
      const without = entries.filter((_, j) => j !== i);
      const shrunk = logOf(without);
      expect(growthProblem(seen, await shrunk.head(), keys, [])).toMatch(/the log shrank from 23 entries .* to 22/);
      const regrown = logOf([...without, { ...(entries[0] as LogEntry), eventId: 'filler:0' }, { ...(entries[1] as LogEntry), eventId: 'filler:1' }]);
      expect(growthProblem(seen, await regrown.head(), keys, await regrown.consistency(23, 24))).toMatch(/does not extend/);
    }
  });

  it('refuses tree heads not signed by a published log key, and an entry that is not the one the leaf holds', async () => {
    const log = logOf(entries);
    const latest = await log.head();
    expect(inclusionProblem({ ...latest, treeSize: 22 }, keys, entries[0] as LogEntry, 0, await log.inclusion(0, 23))).toMatch(/signature of the tree head at size 22 does not match/);
    const other = generateKeyPairSync('ed25519').privateKey;
    const foreign = signTreeHead({ treeSize: 23, timestamp: latest.timestamp, rootHash: latest.rootHash, keyId: 'log-2027' }, other);
    expect(growthProblem(latest, foreign, keys, [])).toMatch(/does not match/);
    expect(inclusionProblem(latest, keys, { ...(entries[3] as LogEntry), status: 'valid' }, 3, await log.inclusion(3, 23))).toMatch(/not in the tree head/);
    expect(inclusionProblem(latest, keys, entries[3] as LogEntry, 3, ['zz'])).toMatch(/audit path is not/);
  });
});
