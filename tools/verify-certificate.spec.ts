import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateNumber, sealPdf, signCertificate, type CertificatePayload } from '@gbt/certificate-core';
import { renderCertificatePdf } from '../apps/certificates/src/pdf/render-certificate';
import { verifyCommand } from './verify-certificate';

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
const GENUINE = `GENUINE ${payload.number} Acme Appliances (four-star, valid until 2030-02-28)\n`;

describe('tools/verify-certificate (the offline verifier, run as a user would)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verify-'));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'body-2027', alg: 'EdDSA' }] };
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks));
  const signed = signCertificate(payload, privateKey, 'body-2027');
  const verifier = (...args: string[]) => spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'verify-certificate.ts'), ...args], { encoding: 'utf8' });
  const run = (certificate: unknown) => {
    writeFileSync(join(dir, 'cert.json'), JSON.stringify(certificate));
    return verifier(join(dir, 'cert.json'), '--keys', join(dir, 'jwks.json'));
  };

  it('accepts a genuine certificate and rejects a modified one', () => {
    const genuine = run(signed);
    expect([genuine.status, genuine.stdout]).toEqual([0, GENUINE]);
    const tampered = run({ ...signed, payload: { ...payload, validUntil: '2033-02-28' } });
    expect([tampered.status, tampered.stdout]).toEqual([1, 'NOT GENUINE: the signature does not match: the certificate was altered or not issued with this key\n']);
  });

  it('accepts a genuine sealed PDF and rejects one with a single byte changed', async () => {
    const sealed = sealPdf(await renderCertificatePdf(signed, { verifyUrl: `https://certs.example.cn/verify/${payload.number}` }), privateKey, 'body-2027');
    writeFileSync(join(dir, 'cert.pdf'), sealed);
    const genuine = verifier(join(dir, 'cert.pdf'), '--keys', join(dir, 'jwks.json'));
    expect([genuine.status, genuine.stdout]).toEqual([0, GENUINE]);
    const changed = Buffer.from(sealed);
    changed[Math.floor(changed.length / 2)] ^= 0x20;
    writeFileSync(join(dir, 'changed.pdf'), changed);
    const tampered = verifier(join(dir, 'changed.pdf'), '--keys', join(dir, 'jwks.json'));
    expect([tampered.status, tampered.stdout]).toEqual([1, 'NOT GENUINE: the seal does not match: the PDF was changed after it was sealed, or not sealed with this key\n']);
  });

  it('checks a bare number offline: a typo is refused, a well-formed number is no verdict', () => {
    const typo = verifier(payload.number.replace('-000007-', '-000070-'));
    expect([typo.status, typo.stdout]).toMatchObject([1, expect.stringMatching(/^NOT GENUINE: the check digits of GBT27922-2027-000070-\d\d do not match/)]);
    const wellFormed = verifier(payload.number.toLowerCase());
    expect([wellFormed.status, wellFormed.stdout]).toEqual([2, `NO VERDICT: ${payload.number} is well formed (its check digits match), but only the certificate file or --registry <URL> can show it is genuine\n`]);
    expect(verifier(join(dir, 'cert.json')).status).toBe(2);
  });

  it('fetches a certificate and the published keys from a registry', async () => {
    const other = signCertificate({ ...payload, number: certificateNumber(2027, 8) }, privateKey, 'body-2027');
    const files: Record<string, unknown> = {
      '/.well-known/certificate-keys.json': jwks,
      [`/registry/certificates/${payload.number}/certificate.json`]: signed,
      [`/registry/certificates/${certificateNumber(2027, 9)}/certificate.json`]: other,
    };
    const server = createServer((req, res) => {
      const body = files[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ? JSON.stringify(body) : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      expect(await verifyCommand([payload.number, '--registry', base])).toEqual({ code: 0, stdout: GENUINE, stderr: '' });
      expect(await verifyCommand([certificateNumber(2027, 9), '--registry', base])).toMatchObject({ code: 1, stdout: `NOT GENUINE: the registry answered with certificate ${other.payload.number}, not ${certificateNumber(2027, 9)}\n` });
      expect(await verifyCommand([certificateNumber(2027, 10), '--registry', base])).toMatchObject({ code: 1, stdout: expect.stringMatching(/^NOT GENUINE: the registry at .* has no certificate GBT27922-2027-000010-/) });
      expect(await verifyCommand([payload.number, '--registry', 'http://certs.example.cn'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/use https/) });
    } finally {
      server.close();
    }
  });
});
