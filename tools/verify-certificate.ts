// Certificate verifier: node -r @swc-node/register tools/verify-certificate.ts ...
//   <certificate.json | certificate.pdf> --keys <jwks.json | URL>   checks the signature (and a PDF's seal), offline with a keys file
//   <certificate.json | certificate.pdf> --registry <base URL>       the same, then asks the registry whether it is still valid
//   <certificate number>                                             checks only the number's check digits
//   <certificate number> --registry <base URL> [--keys <...>]        fetches the certificate from the registry, checks it, and its status
// The keys are the issuing body's published JWKS (Ed25519). Every byte of a file counts: certificate
// JSON must be in its canonical form, signatures canonical base64url, and a PDF sealed on its last line.
// With --registry the certificate's status comes from the registry (GET /registry/certificates/<number>):
// valid, suspended, withdrawn, superseded, expired or cancelled, with the reason code the registry gives.
// Exit codes:
//   0  genuine, and with --registry also valid now (offline, without --registry, the status is not checked)
//   1  not genuine (altered, forged, not issued with a published key, or not in the form it is issued in)
//   2  no verdict: bad usage, I/O, unusable input, a registry that does not answer its status, or a bare
//      number (anyone can compute check digits, so a well-formed number alone must never read as genuine)
//   3  genuine, but not valid: the registry says suspended, withdrawn, superseded, expired or cancelled,
//      or the file is an older version than the registry's current one
// With --registry the registry's public log is checked too (ADR 0030, tools/verify-log.ts): the
// certificate's status history must be the one the log recorded, its current status in a signed tree
// head (LOG recorded at tree size N), and, with --seen-sth <file> (a tree head saved earlier from
// /log/tree-heads/latest), the log must only have grown since. A log that contradicts itself or the
// registry exits 1 (LOG INCONSISTENT); a status not yet in a tree head leaves the exit code as it is
// (LOG pending); --seen-sth against a registry without a log exits 2.
import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { certificateNumberProblem, keysFromJwks, parseStanding, verifyCertificateFile, type CertificatePayload, type FileVerification, type Standing } from '@gbt/certificate-core';
import { logVerdict, type ShownChange } from './verify-log';

export function loadPublishedKeys(jwks: unknown): Map<string, KeyObject> {
  return keysFromJwks(jwks);
}

/** A sealed PDF (told apart by its %PDF- header, whatever the file is called) or certificate JSON; never throws. */
export function verifyBytes(bytes: Buffer, keys: ReadonlyMap<string, KeyObject>): FileVerification {
  return verifyCertificateFile(bytes, keys);
}

class HttpStatusError extends Error {
  constructor(readonly status: number, url: string) {
    super(`${url} answered HTTP ${status}`);
  }
}

/** A file, or an https URL; plain http only to this machine, since keys fetched in the clear could be swapped. */
async function load(source: string): Promise<Buffer> {
  if (!/^https?:\/\//i.test(source)) return readFileSync(source);
  const url = new URL(source);
  if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`${source}: use https (plain http is allowed only to 127.0.0.1 or localhost)`);
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new HttpStatusError(response.status, source);
  return Buffer.from(await response.arrayBuffer());
}

export interface Outcome {
  readonly code: 0 | 1 | 2 | 3;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the registry says about a certificate now, or why it could not say. */
type RegistryAnswer = { readonly standing: Standing; readonly version: number; readonly history: readonly ShownChange[] } | { readonly problem: string };

async function registryStanding(registry: string, number: string): Promise<RegistryAnswer> {
  let body: unknown;
  try {
    body = JSON.parse((await load(`${registry}/registry/certificates/${encodeURIComponent(number)}`)).toString('utf8'));
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404) return { problem: `the registry at ${registry} has no certificate ${number}` };
    return { problem: `the registry at ${registry} did not answer the status of ${number}: ${(err as Error).message}` };
  }
  const view = body as { number?: unknown; version?: unknown; standing?: unknown; history?: unknown } | null;
  const standing = parseStanding(view?.standing);
  if (view?.number !== number || typeof view.version !== 'number' || !standing) return { problem: `the registry at ${registry} gave no readable status for ${number}` };
  return { standing, version: view.version, history: Array.isArray(view.history) ? (view.history as ShownChange[]) : [] };
}

const USAGE =
  'usage: verify-certificate <certificate.json|certificate.pdf> (--keys <jwks.json|URL> | --registry <base URL> [--seen-sth <tree head file>])\n       verify-certificate <certificate number> [--registry <base URL> [--seen-sth <tree head file>]] [--keys <jwks.json|URL>]\n';

const genuineLine = (p: CertificatePayload) => `GENUINE ${p.number} ${p.holder.name} (${p.level}, valid until ${p.validUntil})\n`;
/** One line a script can read: STATUS <status> <reason code> <parameters as JSON>. */
const statusLine = (s: Standing) => `STATUS ${s.status} ${s.reason} ${JSON.stringify(s.params)}\n`;

/** The verdict on the signature, and on the status when the registry was asked (undefined: offline). */
function report(verdict: FileVerification, answer?: RegistryAnswer): Outcome {
  if (!verdict.valid) return 'unreadable' in verdict ? { code: 2, stdout: '', stderr: `cannot verify: ${verdict.reason}\n` } : { code: 1, stdout: `NOT GENUINE: ${verdict.reason}\n`, stderr: '' };
  const p = verdict.payload;
  if (!answer) return { code: 0, stdout: `${genuineLine(p)}STATUS not checked (offline): --registry <URL> asks the registry whether it is still valid\n`, stderr: '' };
  if ('problem' in answer) return { code: 2, stdout: `${genuineLine(p)}NO VERDICT on its status: ${answer.problem}\n`, stderr: '' };
  const { standing, version } = answer;
  const out = `${genuineLine(p)}${statusLine(standing)}`;
  if (standing.status !== 'valid') return { code: 3, stdout: `${out}NOT VALID: the certificate is genuine, but the registry lists it as ${standing.status}\n`, stderr: '' };
  if (version !== p.version) return { code: 3, stdout: `${out}NOT CURRENT: this is version ${p.version} of the certificate; the registry's current version is ${version}\n`, stderr: '' };
  return { code: 0, stdout: out, stderr: '' };
}

export async function verifyCommand(args: readonly string[]): Promise<Outcome> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { keys: { type: 'string' }, registry: { type: 'string' }, 'seen-sth': { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    return { code: 2, stdout: '', stderr: `${(err as Error).message}\n${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return { code: 2, stdout: '', stderr: USAGE };
  const [target] = positionals;
  const registry = values.registry?.replace(/\/+$/, '');
  const keysSource = values.keys ?? (registry ? `${registry}/.well-known/certificate-keys.json` : undefined);
  const isFile = /\.(json|pdf)$/i.test(target) || existsSync(target);
  const seenFile = values['seen-sth'];
  if (seenFile && !registry) return { code: 2, stdout: '', stderr: `--seen-sth needs --registry\n${USAGE}` };
  try {
    const seen: unknown = seenFile === undefined ? undefined : JSON.parse(readFileSync(seenFile, 'utf8'));
    /** The status verdict, then what the registry's public log says about the status history it was given. */
    const audited = async (verdict: FileVerification, number: string): Promise<Outcome> => {
      const answer = registry && verdict.valid ? await registryStanding(registry, number) : undefined;
      const outcome = report(verdict, answer);
      if (!registry || !answer || 'problem' in answer) return outcome;
      const log = await logVerdict(registry, number, answer.history, seen, { get: load, notFound: (err) => err instanceof HttpStatusError && err.status === 404 });
      const code = log.kind === 'inconsistent' ? 1 : log.kind === 'absent' && seen !== undefined ? 2 : outcome.code;
      return { ...outcome, code, stdout: outcome.stdout + log.lines };
    };
    if (isFile) {
      if (!keysSource) return { code: 2, stdout: '', stderr: USAGE };
      const verdict = verifyBytes(await load(target), loadPublishedKeys(JSON.parse((await load(keysSource)).toString('utf8'))));
      return verdict.valid ? audited(verdict, verdict.payload.number) : report(verdict);
    }
    const number = target.trim().toUpperCase();
    const problem = certificateNumberProblem(number);
    if (problem) return report({ valid: false, reason: problem });
    if (!registry || !keysSource) {
      return { code: 2, stdout: `NO VERDICT: ${number} is well formed (its check digits match), but only the certificate file or --registry <URL> can show it is genuine\n`, stderr: '' };
    }
    const keys = loadPublishedKeys(JSON.parse((await load(keysSource)).toString('utf8')));
    let bytes: Buffer;
    try {
      bytes = await load(`${registry}/registry/certificates/${encodeURIComponent(number)}/certificate.json`);
    } catch (err) {
      if (err instanceof HttpStatusError && err.status === 404) return report({ valid: false, reason: `the registry at ${registry} has no certificate ${number}` });
      throw err;
    }
    const verdict = verifyBytes(bytes, keys);
    // A genuine certificate for another number must not vouch for this one.
    if (verdict.valid && verdict.payload.number !== number) return report({ valid: false, reason: `the registry answered with certificate ${verdict.payload.number}, not ${number}` });
    return verdict.valid ? audited(verdict, number) : report(verdict);
  } catch (err) {
    return { code: 2, stdout: '', stderr: `cannot verify: ${(err as Error).message}\n` };
  }
}

if (require.main === module) {
  void verifyCommand(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exitCode = code;
  });
}
