import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson, certificateNumber, keysFromJwks, sealPdf, signCertificate, verifyCertificateFile, type CertificatePayload } from '@gbt/certificate-core';
import { renderCertificatePdf } from '../apps/certificates/src/pdf/render-certificate';

/**
 * Every one-byte change to a signed certificate JSON and to a sealed PDF's seal must fail to
 * verify, through the functions tools/verify-certificate.ts calls on a file and its keys
 * (verifyCertificateFile, keysFromJwks), with a key made here. Signatures and the seal
 * are checked as exact, canonical encodings, so not even a change to bits the decoder would drop
 * (`-`/`+`, `_`/`/`, the last character's unused bits, padding, whitespace) survives.
 */
const payload: CertificatePayload = {
  number: certificateNumber(2027, 42),
  version: 3,
  holder: { name: '福州爱克美电器有限公司 "Acme" \\ Fuzhou', creditCode: '91350100M000100Y43' },
  scope: { productCategories: ['家用电器', '厨房电器'], serviceCategories: ['安装', '维修'], sites: ['福州市鼓楼区五四路 88 号'], outlets: ['福州第1服务网点'] },
  level: 'five-star',
  issuingBody: '示例认证中心有限公司',
  issuedOn: '2027-03-01',
  validUntil: '2030-02-28',
};

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const KID = 'certificates-20270301';
const keys = keysFromJwks({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'EdDSA' }] });
const signed = signCertificate(payload, privateKey, KID);
const json = Buffer.from(canonicalJson(signed), 'utf8');

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Bytes inserted at every position of the fully swept regions: whitespace, padding, a NUL, a letter. */
const INSERTS = [0x20, 0x09, 0x0a, 0x0d, 0x3d, 0x00, 0x41];

/** The values a byte is changed to where the sweep is not exhaustive: ±1, case (xor 0x20), and the base64 spellings of the same bits. */
function someChanges(byte: number): number[] {
  const values = new Set([(byte + 1) & 0xff, (byte - 1) & 0xff, byte ^ 0x20]);
  const other: Record<string, string> = { '-': '+', _: '/', '+': '-', '/': '_' };
  const char = String.fromCharCode(byte);
  if (other[char]) values.add(other[char].charCodeAt(0));
  const index = ALPHABET.indexOf(char);
  // The low bits of a base64 character: as the last character of a 64-byte signature, 4 of them are unused.
  if (index >= 0) for (const bits of [1, 2, 3, 4, 8, 15]) values.add(ALPHABET.charCodeAt(index ^ bits));
  values.delete(byte);
  return [...values];
}
const everyChange = (byte: number) => Array.from({ length: 256 }, (_, v) => v).filter((v) => v !== byte);

interface Sweep {
  tried: number;
  readonly survivors: string[];
}

/** Changes bytes of `bytes` in place (restoring each), then deletes and inserts where asked; counts what was tried. */
function sweep(sweep: Sweep, bytes: Buffer, region: string, from: number, to: number, changes: (byte: number) => number[], options: { deleteAndInsert?: boolean; verify?: (b: Buffer) => boolean } = {}) {
  const verifies = options.verify ?? ((b: Buffer) => verifyCertificateFile(b, keys).valid);
  for (let at = from; at < to; at++) {
    const original = bytes[at]!;
    for (const value of changes(original)) {
      bytes[at] = value;
      sweep.tried++;
      if (verifies(bytes)) sweep.survivors.push(`${region} byte ${at}: 0x${original.toString(16)} -> 0x${value.toString(16)}`);
    }
    bytes[at] = original;
  }
  if (!options.deleteAndInsert) return;
  for (let at = from; at <= to; at++) {
    if (at < to) {
      sweep.tried++;
      if (verifies(Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]))) sweep.survivors.push(`${region} byte ${at} deleted`);
    }
    for (const value of INSERTS) {
      sweep.tried++;
      if (verifies(Buffer.concat([bytes.subarray(0, at), Buffer.from([value]), bytes.subarray(at)]))) sweep.survivors.push(`${region} 0x${value.toString(16)} inserted at ${at}`);
    }
  }
}

const jsonMutations = json.length * 255 + json.length + (json.length + 1) * INSERTS.length;

describe('one-byte changes to a signed certificate and its sealed PDF', () => {
  it('the genuine files verify, so every failure below is the change', async () => {
    expect(verifyCertificateFile(json, keys)).toEqual({ valid: true, payload });
    const sealed = sealPdf(await renderCertificatePdf(signed, { verifyUrl: `https://certs.example.cn/verify/${payload.number}` }), privateKey, KID);
    expect(verifyCertificateFile(sealed, keys)).toEqual({ valid: true, payload });
  });

  it(`certificate JSON (${json.length} bytes): all ${jsonMutations} changes (every byte to each of its 255 other values, every deletion, ${INSERTS.length} insertions at every position) fail`, () => {
    const result: Sweep = { tried: 0, survivors: [] };
    sweep(result, Buffer.from(json), 'json', 0, json.length, everyChange, { deleteAndInsert: true });
    expect(result.tried).toBe(jsonMutations);
    expect(result.survivors).toEqual([]);
  }, 60_000);

  it('sealed PDF: the seal line in full, the embedded certificate and the cross-reference fully, the rest sampled; none verifies', async () => {
    const sealed = sealPdf(await renderCertificatePdf(signed, { verifyUrl: `https://certs.example.cn/verify/${payload.number}` }), privateKey, KID);
    const sealStart = sealed.lastIndexOf('\n', sealed.length - 2) + 1;
    expect(sealed.subarray(sealStart).toString('latin1')).toMatch(/^%GBT27922-SEAL Ed25519 certificates-20270301 [A-Za-z0-9_-]{86}\n$/);
    const jsonStart = sealed.indexOf(json);
    expect(jsonStart).toBeGreaterThan(0);
    const objectStart = sealed.lastIndexOf(' 0 obj', jsonStart);
    const objectEnd = sealed.indexOf('endobj', jsonStart) + 'endobj'.length;
    const xref = sealed.lastIndexOf('\nxref\n') + 1;
    const counts: Record<string, number> = {};
    const result: Sweep = { tried: 0, survivors: [] };
    const region = (name: string, run: () => void) => {
      const before = result.tried;
      run();
      counts[name] = result.tried - before;
    };

    region('seal line, every byte to each of its 255 other values, deleted, and with an insertion at every position', () =>
      sweep(result, sealed, 'seal line', sealStart, sealed.length, everyChange, { deleteAndInsert: true }));
    region('embedded certificate.json object, every byte', () => sweep(result, sealed, 'embedded certificate object', objectStart, objectEnd, someChanges));
    region('cross-reference table and trailer, every byte', () => sweep(result, sealed, 'xref and trailer', xref, sealStart, someChanges));
    // Elsewhere the seal alone decides: one byte in 7 (a stride prime to the PDF's line and glyph patterns).
    region('the rest of the PDF, every 7th byte', () => {
      for (let at = 0; at < sealStart; at += 7) if (at < objectStart || (at >= objectEnd && at < xref)) sweep(result, sealed, 'pdf', at, at + 1, (b) => [(b + 1) & 0xff, (b - 1) & 0xff, b ^ 0x20]);
    });
    // Even with a fresh seal by the issuer's own key, a changed embedded certificate must not verify:
    // its own signature and canonical form are checked too, not only the seal.
    const body = sealed.subarray(0, sealStart);
    region('embedded certificate.json resealed by the issuer after the change, every byte', () =>
      sweep(result, Buffer.from(body), 'embedded json, resealed', jsonStart, jsonStart + json.length, someChanges, { verify: (b) => verifyCertificateFile(sealPdf(b, privateKey, KID), keys).valid }));

    process.stdout.write(`sealed PDF of ${sealed.length} bytes: ${result.tried} one-byte changes tried, ${result.survivors.length} verified\n${Object.entries(counts).map(([name, n]) => `  ${n} ${name}`).join('\n')}\n`);
    expect(result.survivors).toEqual([]);
    expect(counts['seal line, every byte to each of its 255 other values, deleted, and with an insertion at every position']).toBe((sealed.length - sealStart) * (255 + 1 + INSERTS.length) + INSERTS.length);
  }, 60_000);
});
