// The public-log half of tools/verify-certificate.ts (ADR 0030): is the status history the registry
// gives for a certificate the one its append-only log recorded, in a signed tree head, and did the
// log only grow since a tree head the user saw earlier?
import type { KeyObject } from 'node:crypto';
import { growthProblem, inclusionProblem, keysFromJwks, treeHeadProblem, type LogEntry, type TreeHead } from '@gbt/certificate-core';

/** How the verifier fetches: its own loader (https, or http to this machine only) and its 404 test. */
export interface Fetcher {
  readonly get: (url: string) => Promise<Buffer>;
  readonly notFound: (err: unknown) => boolean;
}

/** A history entry as the registry shows it (GET /registry/certificates/<number>). */
export interface ShownChange {
  readonly status: string;
  readonly code: string;
  readonly at: string;
}

/** `recorded`: the current status is in a signed tree head; `pending`/`absent`: no verdict on the log; `inconsistent`: the log contradicts itself or the registry. */
export type LogVerdict = { readonly kind: 'recorded' | 'pending' | 'absent' | 'inconsistent'; readonly lines: string };

interface CertificateLeaves {
  readonly leaves: readonly { readonly index: number; readonly entry: LogEntry; readonly auditPath: readonly string[] | null }[];
}

const json = async (fetcher: Fetcher, url: string): Promise<unknown> => JSON.parse((await fetcher.get(url)).toString('utf8'));

function describeChange(c: ShownChange): string {
  return `${c.status} ${c.code} at ${c.at}`;
}

export async function logVerdict(registry: string, number: string, history: readonly ShownChange[], seenSource: unknown | undefined, fetcher: Fetcher): Promise<LogVerdict> {
  const inconsistent = (problem: string): LogVerdict => ({ kind: 'inconsistent', lines: `LOG INCONSISTENT: ${problem}\n` });
  let keys: Map<string, KeyObject>;
  let latest: unknown;
  try {
    keys = keysFromJwks(await json(fetcher, `${registry}/.well-known/log-keys.json`));
    latest = await json(fetcher, `${registry}/log/tree-heads/latest`);
  } catch (err) {
    if (fetcher.notFound(err)) return { kind: 'absent', lines: `LOG not checked: the registry at ${registry} publishes no log or no signed tree head yet\n` };
    throw err;
  }
  const badHead = treeHeadProblem(latest, keys);
  if (badHead) return inconsistent(badHead);
  const head = latest as TreeHead;
  const { leaves } = (await json(fetcher, `${registry}/log/certificates/${encodeURIComponent(number)}?treeSize=${head.treeSize}`)) as CertificateLeaves;
  if (!Array.isArray(leaves)) return inconsistent(`the log gave no leaves for ${number}`);

  // The log's entries for this certificate, in the order appended, must be the registry's history: every change, as it was recorded.
  for (const [i, shown] of history.entries()) {
    const leaf = leaves[i];
    if (!leaf) continue;
    const { entry } = leaf;
    if (entry.number !== number || entry.status !== shown.status || entry.code !== shown.code || entry.at !== shown.at) {
      return inconsistent(`the registry shows "${describeChange(shown)}" where the log recorded "${describeChange(entry)}" (leaf ${leaf.index})`);
    }
    if (leaf.auditPath) {
      const problem = inclusionProblem(head, keys, entry, leaf.index, leaf.auditPath);
      if (problem) return inconsistent(problem);
    }
  }
  if (leaves.length > history.length) return inconsistent(`the log recorded ${leaves.length} changes of ${number}, the registry shows ${history.length}: a change was removed from the registry`);

  let lines = '';
  if (seenSource !== undefined) {
    const seen = seenSource as TreeHead;
    const askable = !treeHeadProblem(seen, keys) && seen.treeSize <= head.treeSize;
    const proof = askable ? ((await json(fetcher, `${registry}/log/proofs/consistency?first=${seen.treeSize}&second=${head.treeSize}`)) as { proof?: unknown }).proof : [];
    const problem = growthProblem(seen, head, keys, proof);
    if (problem) return inconsistent(problem);
    lines += `LOG grew consistently from tree size ${seen.treeSize} (seen ${seen.timestamp}) to ${head.treeSize}\n`;
  }
  const current = leaves[history.length - 1];
  if (!current?.auditPath) {
    return { kind: 'pending', lines: `${lines}LOG pending: the current status of ${number} is not yet in a signed tree head (the latest covers ${head.treeSize} entries); tree heads are signed every minute or so\n` };
  }
  return { kind: 'recorded', lines: `${lines}LOG recorded at tree size ${head.treeSize}: leaf ${current.index} (${describeChange(current.entry)}), tree head of ${head.timestamp} signed by ${head.keyId}\n` };
}
