import type { KeyObject } from 'node:crypto';
import { verifyConsistency, verifyInclusion } from './merkle';
import { entryLeafHash, parseHexHash, treeHeadProblem, type LogEntry, type TreeHead } from './transparency-log';

/**
 * What an auditor of the public log checks (the verifier CLI does, ADR 0030), each returning why
 * the log cannot be trusted, or null. Nothing here trusts the server: leaf hashes are recomputed
 * from the entries, tree heads checked against the published log keys, proofs recomputed.
 */

const hashes = (path: unknown): Buffer[] | null => {
  if (!Array.isArray(path)) return null;
  const parsed = path.map(parseHexHash);
  return parsed.every((h): h is Buffer => h !== null) ? parsed : null;
};

/** The entry is the leaf at `index` of the signed tree `head`: the audit path takes its hash to the head's root. */
export function inclusionProblem(head: unknown, keys: ReadonlyMap<string, KeyObject>, entry: LogEntry, index: number, auditPath: unknown): string | null {
  const bad = treeHeadProblem(head, keys);
  if (bad) return bad;
  const { treeSize, rootHash } = head as TreeHead;
  const path = hashes(auditPath);
  if (!path) return 'the audit path is not a list of hex SHA-256 hashes';
  if (!verifyInclusion(entryLeafHash(entry), index, treeSize, path, parseHexHash(rootHash) as Buffer)) {
    return `the entry at leaf ${index} is not in the tree head of size ${treeSize}: the log was altered, or the entry does not say what the log recorded`;
  }
  return null;
}

/** The log only grew from the head seen earlier to the latest one: same key, a larger or equal tree, and a consistency proof that holds. */
export function growthProblem(seen: unknown, latest: unknown, keys: ReadonlyMap<string, KeyObject>, proof: unknown): string | null {
  const badSeen = treeHeadProblem(seen, keys);
  if (badSeen) return `the tree head seen earlier: ${badSeen}`;
  const badLatest = treeHeadProblem(latest, keys);
  if (badLatest) return badLatest;
  const [a, b] = [seen as TreeHead, latest as TreeHead];
  if (b.treeSize < a.treeSize) return `the log shrank from ${a.treeSize} entries (seen ${a.timestamp}) to ${b.treeSize}: entries were removed`;
  const path = hashes(proof);
  if (!path) return 'the consistency proof is not a list of hex SHA-256 hashes';
  if (!verifyConsistency(a.treeSize, b.treeSize, parseHexHash(a.rootHash) as Buffer, parseHexHash(b.rootHash) as Buffer, path)) {
    return `the log at ${b.treeSize} entries does not extend the one seen at ${a.treeSize} (${a.timestamp}): entries seen then were rewritten or removed`;
  }
  return null;
}
