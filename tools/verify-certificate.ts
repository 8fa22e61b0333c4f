// Certificate verifier: node -r @swc-node/register tools/verify-certificate.ts ...
//   <certificate.json | certificate.pdf> --keys <jwks.json | URL>   checks the signature (and a PDF's seal), offline with a keys file
//   <certificate number>                                             checks only the number's check digits
//   <certificate number> --registry <base URL> [--keys <...>]        fetches the certificate from the registry and checks it
// The keys are the issuing body's published JWKS (Ed25519).
// Exit code 0 when genuine, 1 when not, 2 when no verdict was reached (bad usage, I/O, or a bare number:
// anyone can compute check digits, so a well-formed number alone must never read as genuine to a script).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { certificateNumberProblem, verifyCertificate, verifySealedPdf, type Verification } from '@gbt/certificate-core';

export function loadPublishedKeys(jwks: unknown): Map<string, KeyObject> {
  const keys = (jwks as { keys?: { kid?: string }[] } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('the keys file is not a JWKS document ({"keys": [...]})');
  return new Map(keys.filter((k) => typeof k.kid === 'string').map((k) => [k.kid as string, createPublicKey({ key: k as never, format: 'jwk' })]));
}

/** A sealed PDF (told apart by its %PDF- header, whatever the file is called) or certificate JSON. */
export function verifyBytes(bytes: Buffer, keys: ReadonlyMap<string, KeyObject>): Verification {
  let verdict: Verification;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const sealed = verifySealedPdf(bytes, keys);
    verdict = sealed.valid ? { valid: true, payload: sealed.certificate.payload } : sealed;
  } else {
    verdict = verifyCertificate(JSON.parse(bytes.toString('utf8')), keys);
  }
  const numberProblem = verdict.valid ? certificateNumberProblem(verdict.payload.number) : null;
  return numberProblem ? { valid: false, reason: numberProblem } : verdict;
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
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const USAGE = 'usage: verify-certificate <certificate.json|certificate.pdf> --keys <jwks.json|URL>\n       verify-certificate <certificate number> [--registry <base URL>] [--keys <jwks.json|URL>]\n';

function report(verdict: Verification): Outcome {
  if (!verdict.valid) return { code: 1, stdout: `NOT GENUINE: ${verdict.reason}\n`, stderr: '' };
  const p = verdict.payload;
  return { code: 0, stdout: `GENUINE ${p.number} ${p.holder.name} (${p.level}, valid until ${p.validUntil})\n`, stderr: '' };
}

export async function verifyCommand(args: readonly string[]): Promise<Outcome> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { keys: { type: 'string' }, registry: { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    return { code: 2, stdout: '', stderr: `${(err as Error).message}\n${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return { code: 2, stdout: '', stderr: USAGE };
  const [target] = positionals;
  const registry = values.registry?.replace(/\/+$/, '');
  const keysSource = values.keys ?? (registry ? `${registry}/.well-known/certificate-keys.json` : undefined);
  const isFile = /\.(json|pdf)$/i.test(target) || existsSync(target);
  try {
    if (isFile) {
      if (!keysSource) return { code: 2, stdout: '', stderr: USAGE };
      return report(verifyBytes(await load(target), loadPublishedKeys(JSON.parse((await load(keysSource)).toString('utf8')))));
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
    return report(verdict);
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
