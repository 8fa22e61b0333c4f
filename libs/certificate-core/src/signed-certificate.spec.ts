import { generateKeyPairSync } from 'node:crypto';
import { certificateNumber } from './certificate-number';
import { canonicalJson, signCertificate, verifyCertificate, type CertificatePayload } from './signed-certificate';

const payload: CertificatePayload = {
  number: certificateNumber(2027, 42),
  version: 1,
  holder: { name: '福州爱克美电器有限公司', creditCode: '91350100M000100Y43' },
  scope: { productCategories: ['家用电器'], serviceCategories: ['维修'], sites: [], outlets: [] },
  level: 'five-star',
  issuingBody: 'Example Certification Centre',
  issuedOn: '2027-03-01',
  validUntil: '2030-02-28',
};

describe('signed certificates', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const keys = new Map([['cert-2027', publicKey]]);
  const signed = signCertificate(payload, privateKey, 'cert-2027');

  it('signs canonical bytes: key order never changes the signature', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
    const reordered = Object.fromEntries(Object.entries(payload).reverse()) as unknown as CertificatePayload;
    expect(verifyCertificate({ ...signed, payload: reordered }, keys)).toEqual({ valid: true, payload: reordered });
  });

  it('accepts a genuine certificate after a round trip through JSON', () => {
    expect(verifyCertificate(JSON.parse(JSON.stringify(signed)), keys)).toMatchObject({ valid: true });
  });

  it('rejects a modified certificate, a foreign key and a malformed document, saying why', () => {
    expect(verifyCertificate({ ...signed, payload: { ...payload, level: 'four-star' } }, keys)).toEqual({ valid: false, reason: 'the signature does not match: the certificate was altered or not issued with this key' });
    expect(verifyCertificate(signCertificate(payload, other.privateKey, 'cert-2027'), keys)).toMatchObject({ valid: false });
    expect(verifyCertificate({ ...signed, keyId: 'cert-1999' }, keys)).toEqual({ valid: false, reason: 'signed with key cert-1999, which is not among the published keys' });
    expect(verifyCertificate({ hello: 'world' }, keys)).toMatchObject({ valid: false, reason: expect.stringMatching(/not a signed certificate/) });
  });
});
