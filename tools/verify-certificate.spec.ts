import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateNumber, signCertificate, type CertificatePayload } from '@gbt/certificate-core';

const payload: CertificatePayload = {
  number: certificateNumber(2027, 7),
  version: 1,
  holder: { name: 'Acme Appliances', creditCode: '91350100M000100Y43' },
  scope: { productCategories: ['appliances'], serviceCategories: ['repair'], sites: [], outlets: [] },
  level: 'four-star',
  issuingBody: 'Example Certification Centre',
  issuedOn: '2027-03-01',
  validUntil: '2030-02-28',
};

describe('tools/verify-certificate (the offline verifier, run as a user would)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verify-'));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'body-2027', alg: 'EdDSA' }] }));
  const run = (certificate: unknown) => {
    writeFileSync(join(dir, 'cert.json'), JSON.stringify(certificate));
    return spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'verify-certificate.ts'), join(dir, 'cert.json'), '--keys', join(dir, 'jwks.json')], { encoding: 'utf8' });
  };

  it('accepts a genuine certificate and rejects a modified one', () => {
    const signed = signCertificate(payload, privateKey, 'body-2027');
    const genuine = run(signed);
    expect([genuine.status, genuine.stdout]).toEqual([0, `GENUINE ${payload.number} Acme Appliances (four-star, valid until 2030-02-28)\n`]);
    const tampered = run({ ...signed, payload: { ...payload, validUntil: '2033-02-28' } });
    expect([tampered.status, tampered.stdout]).toEqual([1, 'NOT GENUINE: the signature does not match: the certificate was altered or not issued with this key\n']);
  });
});
