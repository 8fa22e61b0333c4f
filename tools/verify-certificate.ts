// Offline certificate verifier: node -r @swc-node/register tools/verify-certificate.ts <certificate.json> --keys <jwks.json>
// The keys are the issuing body's published JWKS (Ed25519). Exit code 0 when genuine, 1 when not, 2 on bad usage.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { certificateNumberProblem, verifyCertificate, type Verification } from '@gbt/certificate-core';

export function loadPublishedKeys(jwks: unknown): Map<string, KeyObject> {
  const keys = (jwks as { keys?: { kid?: string }[] } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('the keys file is not a JWKS document ({"keys": [...]})');
  return new Map(keys.filter((k) => typeof k.kid === 'string').map((k) => [k.kid as string, createPublicKey({ key: k as never, format: 'jwk' })]));
}

export function verifyFiles(certificateFile: string, keysFile: string): Verification {
  const document = JSON.parse(readFileSync(certificateFile, 'utf8')) as { payload?: { number?: string } };
  const verdict = verifyCertificate(document, loadPublishedKeys(JSON.parse(readFileSync(keysFile, 'utf8'))));
  const numberProblem = verdict.valid ? certificateNumberProblem(verdict.payload.number) : null;
  return numberProblem ? { valid: false, reason: numberProblem } : verdict;
}

if (require.main === module) {
  const [file, flag, keys] = process.argv.slice(2);
  if (!file || flag !== '--keys' || !keys) {
    process.stderr.write('usage: verify-certificate <certificate.json> --keys <jwks.json>\n');
    process.exit(2);
  }
  try {
    const verdict = verifyFiles(file, keys);
    process.stdout.write(verdict.valid ? `GENUINE ${verdict.payload.number} ${verdict.payload.holder.name} (${verdict.payload.level}, valid until ${verdict.payload.validUntil})\n` : `NOT GENUINE: ${verdict.reason}\n`);
    process.exit(verdict.valid ? 0 : 1);
  } catch (err) {
    process.stderr.write(`cannot verify: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
