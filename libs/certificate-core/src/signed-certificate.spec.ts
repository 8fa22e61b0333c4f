import { generateKeyPairSync } from 'node:crypto';
import { decodeCanonicalBase64url } from './base64url';
import { certificateNumber } from './certificate-number';
import { keysFromJwks } from './published-keys';
import { canonicalJson, readCanonicalJson, signCertificate, verifyCertificate, verifyCertificateJson, type CertificatePayload } from './signed-certificate';

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

describe('one certificate, one encoding', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const keys = new Map([['cert-2027', publicKey]]);
  const signed = signCertificate(payload, privateKey, 'cert-2027');
  const bytes = (text: string) => Buffer.from(text, 'utf8');

  it('decodes base64url only as it is written: no other alphabet, padding, whitespace, length or unused bits', () => {
    const sixtyFour = Buffer.alloc(64, 0xfb);
    const text = sixtyFour.toString('base64url');
    expect(text).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(decodeCanonicalBase64url(text, 64)?.equals(sixtyFour)).toBe(true);
    // Node's decoder reads every one of these as the same 64 bytes; none is how they are written.
    for (const variant of [text.replace(/-/g, '+'), text.replace(/_/g, '/'), `${text}==`, ` ${text}`, `${text.slice(0, 40)}\n${text.slice(40)}`, `${text.slice(0, -1)}${String.fromCharCode(text.charCodeAt(85) + 1)}`]) {
      expect(Buffer.from(variant, 'base64url').equals(sixtyFour) || Buffer.from(variant, 'base64').equals(sixtyFour)).toBe(true);
      expect(decodeCanonicalBase64url(variant, 64)).toBeNull();
    }
    expect(decodeCanonicalBase64url(text.slice(0, -2), 64)).toBeNull();
    expect(decodeCanonicalBase64url('', 0)?.length).toBe(0);
  });

  it('signs into canonical key order, so the stored document serialises to the bytes verifiers ask for', () => {
    expect(JSON.stringify(signed)).toBe(canonicalJson(signed));
    expect(verifyCertificateJson(bytes(JSON.stringify(signed)), keys)).toEqual({ valid: true, payload: JSON.parse(JSON.stringify(payload)) });
  });

  it('reads certificate JSON only in its canonical form', () => {
    const text = canonicalJson(signed);
    expect(readCanonicalJson(bytes(text))).toEqual({ value: signed });
    const escaped = canonicalJson({ a: '\u001f' });
    expect(escaped).toBe('{"a":"\\u001f"}');
    for (const variant of [
      `${text}\n`,
      ` ${text}`,
      JSON.stringify(JSON.parse(text), null, 1),
      JSON.stringify({ payload: signed.payload, algorithm: signed.algorithm, keyId: signed.keyId, signature: signed.signature }),
      text.replace('"version":1', '"version":1.0'),
      text.replace('"keyId":"cert-2027"', '"keyId":"cert-2027","keyId":"cert-2027"'),
      text.replace('"level":"five-star"', '"level":"\\u0066ive-star"'),
      text.replace('"level":"five-star"', '"level":"five\\-star"'),
    ]) {
      expect(readCanonicalJson(bytes(variant))).toEqual({ problem: expect.stringMatching(/^the JSON is not in the canonical form|^the file is not JSON/) });
      expect(verifyCertificateJson(bytes(variant), keys)).toMatchObject({ valid: false });
    }
    expect(readCanonicalJson(bytes(escaped.replace('001f', '001F')))).toEqual({ problem: expect.stringMatching(/^the JSON is not in the canonical form/) });
    expect(readCanonicalJson(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(text)]))).toEqual({ problem: 'the file is not JSON' });
    const invalidUtf8 = Buffer.from(bytes(text));
    invalidUtf8[invalidUtf8.indexOf(bytes('福'))] = 0xff;
    expect(readCanonicalJson(invalidUtf8)).toEqual({ problem: expect.stringMatching(/^the JSON is not in the canonical form/) });
  });

  it('refuses documents with fields it does not sign or read, and refuses to sign what it would refuse', () => {
    expect(verifyCertificate({ ...signed, status: 'valid' }, keys)).toEqual({ valid: false, reason: 'not a signed certificate: exactly algorithm, keyId, payload, signature are required' });
    expect(verifyCertificate({ ...signed, payload: { ...signed.payload, note: 'x' } }, keys)).toMatchObject({ valid: false, reason: expect.stringMatching(/^not a signed certificate: the payload must have exactly/) });
    expect(verifyCertificate({ ...signed, payload: { ...signed.payload, number: signed.payload.number.toLowerCase() } }, keys)).toMatchObject({ valid: false, reason: 'not a signed certificate: the payload number is not a certificate number' });
    expect(verifyCertificate({ ...signed, keyId: 'cert 2027' }, keys)).toMatchObject({ valid: false, reason: expect.stringMatching(/keyId must be one word/) });
    expect(() => signCertificate({ ...payload, version: 0 }, privateKey, 'cert-2027')).toThrow(/refusing to sign a malformed certificate/);
    expect(() => signCertificate(payload, privateKey, 'cert 2027')).toThrow(/must be one word/);
  });

  it('reads published keys strictly: an Ed25519 x as issued, each key id once', () => {
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'cert-2027' } as { x: string; kid: string };
    expect([...keysFromJwks({ keys: [jwk] }).keys()]).toEqual(['cert-2027']);
    // 32 bytes are 43 characters, the last carrying 2 unused bits: flipping one names the same key.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameKey = jwk.x.slice(0, -1) + alphabet[alphabet.indexOf(jwk.x.at(-1)!) ^ 1];
    expect(Buffer.from(sameKey, 'base64url').equals(Buffer.from(jwk.x, 'base64url'))).toBe(true);
    expect(() => keysFromJwks({ keys: [{ ...jwk, x: sameKey }] })).toThrow(/x is not canonical base64url/);
    expect(() => keysFromJwks({ keys: [jwk, jwk] })).toThrow(/more than once/);
    expect(() => keysFromJwks({ nope: [] })).toThrow(/not a JWKS/);
  });
});
