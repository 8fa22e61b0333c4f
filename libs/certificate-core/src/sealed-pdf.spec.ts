import { generateKeyPairSync } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { certificateNumber } from './certificate-number';
import { embeddedCertificate, sealPdf, verifySealedPdf } from './sealed-pdf';
import { canonicalJson, signCertificate, type CertificatePayload, type SignedCertificate } from './signed-certificate';

const payload: CertificatePayload = {
  number: certificateNumber(2027, 42),
  version: 1,
  holder: { name: '福州爱克美电器有限公司', creditCode: '91350100M000100Y43' },
  scope: { productCategories: ['家用电器'], serviceCategories: ['维修'], sites: [], outlets: [] },
  level: 'four-star',
  issuingBody: 'Example Certification Centre',
  issuedOn: '2027-03-01',
  validUntil: '2030-02-28',
};

/** A small PDF carrying the certificate as certificate.json, the way the renderer attaches it. */
function pdfWith(certificate: SignedCertificate, compress = false): Promise<Buffer> {
  const date = new Date('2027-03-01T00:00:00Z');
  const doc = new PDFDocument({ compress, info: { CreationDate: date } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text(`Certificate ${certificate.payload.number}`);
  doc.file(Buffer.from(canonicalJson(certificate)), { name: 'certificate.json', type: 'application/json', creationDate: date, modifiedDate: date });
  doc.end();
  return done;
}

const withoutSeal = (sealed: Buffer) => sealed.subarray(0, sealed.lastIndexOf('\n', sealed.length - 2) + 1);

describe('sealed certificate PDFs', () => {
  const issuer = generateKeyPairSync('ed25519');
  const forger = generateKeyPairSync('ed25519');
  const keys = new Map([['cert-2027', issuer.publicKey]]);
  const signed = signCertificate(payload, issuer.privateKey, 'cert-2027');
  let pdf: Buffer;
  let sealed: Buffer;
  beforeAll(async () => {
    pdf = await pdfWith(signed);
    sealed = sealPdf(pdf, issuer.privateKey, 'cert-2027');
  });

  it('verifies a genuine sealed PDF and hands back the embedded certificate', () => {
    expect(sealed.subarray(0, pdf.length).equals(pdf)).toBe(true);
    expect(sealed.subarray(pdf.length).toString('latin1')).toMatch(/^%GBT27922-SEAL Ed25519 cert-2027 [A-Za-z0-9_-]{86}\n$/);
    expect(verifySealedPdf(sealed, keys)).toEqual({ valid: true, keyId: 'cert-2027', certificate: JSON.parse(JSON.stringify(signed)) });
    expect(embeddedCertificate(pdf)).toEqual(signed);
    expect(embeddedCertificate(sealed)).toEqual(signed);
  });

  it('fails when any single byte before the seal changes', () => {
    const failures = new Set<string>();
    for (let at = 0; at < pdf.length; at++) {
      const copy = Buffer.from(sealed);
      copy[at] ^= 0x01;
      const verdict = verifySealedPdf(copy, keys);
      expect(verdict.valid).toBe(false);
      if (!verdict.valid) failures.add(verdict.reason);
    }
    // The %PDF- header is checked first, and a changed last newline joins the seal to the %%EOF line.
    expect([...failures].sort()).toEqual([
      'the PDF has no GB/T 27922 seal on its last line: it was not issued sealed, or was cut or re-saved',
      'the file is not a PDF',
      'the seal does not match: the PDF was changed after it was sealed, or not sealed with this key',
    ]);
  });

  it('fails when the seal line is written any other way than it was issued, even for the same signature bytes', () => {
    const body = withoutSeal(sealed);
    const line = sealed.subarray(body.length).toString('latin1');
    const [, keyId, signature] = /^%GBT27922-SEAL Ed25519 (\S+) (\S+)\n$/.exec(line)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const lastBits = signature.slice(0, -1) + alphabet[alphabet.indexOf(signature.at(-1)!) ^ 1];
    expect(Buffer.from(lastBits, 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
    const withSeal = (text: string) => Buffer.concat([body, Buffer.from(text, 'latin1')]);
    const notAsIssued = 'the seal signature is not written as issued (86 base64url characters): the seal was altered';
    for (const variant of [lastBits, `${signature}==`, signature.replace(/-/g, '+').replace(/_/g, '/')]) {
      if (variant === signature) continue;
      expect(verifySealedPdf(withSeal(`%GBT27922-SEAL Ed25519 ${keyId} ${variant}\n`), keys)).toEqual({ valid: false, reason: notAsIssued });
    }
    for (const variant of [`%GBT27922-SEAL Ed25519 ${keyId}  ${signature}\n`, `%GBT27922-SEAL Ed25519 ${keyId} ${signature}\r\n`, `%GBT27922-SEAL Ed25519 ${keyId} ${signature} \n`, `%GBT27922-SEAL Ed25519 ${keyId} ${signature}\n\n`]) {
      expect(verifySealedPdf(withSeal(variant), keys)).toMatchObject({ valid: false });
    }
    expect(verifySealedPdf(withSeal(line), keys)).toMatchObject({ valid: true });
  });

  it('fails when the PDF is re-sealed with a key that is not published', () => {
    expect(verifySealedPdf(sealPdf(withoutSeal(sealed), forger.privateKey, 'cert-2027'), keys)).toEqual({
      valid: false,
      reason: 'the seal does not match: the PDF was changed after it was sealed, or not sealed with this key',
    });
    expect(verifySealedPdf(sealPdf(withoutSeal(sealed), forger.privateKey, 'cert-2099'), keys)).toEqual({
      valid: false,
      reason: 'the PDF was sealed with key cert-2099, which is not among the published keys',
    });
  });

  it('fails when the embedded certificate was altered, whoever sealed it again', () => {
    // Same length, so the PDF structure stays intact and only the claim changes.
    const altered = Buffer.from(withoutSeal(sealed).toString('latin1').replace('"level":"four-star"', '"level":"five-star"'), 'latin1');
    expect(embeddedCertificate(altered)).toMatchObject({ payload: { level: 'five-star' } });
    expect(verifySealedPdf(sealPdf(altered, forger.privateKey, 'cert-2027'), keys)).toMatchObject({ valid: false, reason: expect.stringMatching(/^the seal does not match/) });
    // Even a seal made with the issuer's own key does not vouch for a certificate it did not sign.
    expect(verifySealedPdf(sealPdf(altered, issuer.privateKey, 'cert-2027'), keys)).toEqual({
      valid: false,
      reason: 'the certificate embedded in the PDF is not genuine: the signature does not match: the certificate was altered or not issued with this key',
    });
  });

  it('fails without a seal, and without a readable certificate, saying so', async () => {
    expect(verifySealedPdf(pdf, keys)).toMatchObject({ valid: false, reason: expect.stringMatching(/has no GB\/T 27922 seal/) });
    expect(verifySealedPdf(Buffer.from('{"payload":{}}\n'), keys)).toEqual({ valid: false, reason: 'the file is not a PDF' });
    const compressed = await pdfWith(signed, true);
    expect(embeddedCertificate(compressed)).toBeNull();
    expect(verifySealedPdf(sealPdf(compressed, issuer.privateKey, 'cert-2027'), keys)).toEqual({ valid: false, reason: 'the sealed PDF does not carry a readable certificate.json' });
    expect(() => sealPdf(Buffer.from('%PDF-1.3\n'), issuer.privateKey, 'cert-2027')).toThrow(/does not end with %%EOF/);
  });
});
