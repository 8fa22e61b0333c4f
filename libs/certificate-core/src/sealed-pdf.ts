import { sign, verify, type KeyObject } from 'node:crypto';
import { decodeCanonicalBase64url, ED25519_SIGNATURE_BYTES } from './base64url';
import { KEY_ID, verifyCertificateJson, type SignedCertificate } from './signed-certificate';

/**
 * A sealed certificate PDF is the rendered PDF plus one last line, a PDF comment:
 *   %GBT27922-SEAL Ed25519 <keyId> <base64url signature>
 * The signature covers every byte before that line, so the printed page, the embedded
 * certificate.json and the fonts are all covered; readers ignore comments after %%EOF. The line
 * itself is read strictly, so every byte of it matters too: one space between fields, a key id
 * that is one printable word, and the signature exactly as issued (canonical base64url, see
 * decodeCanonicalBase64url), ending in one newline.
 */
const SEAL_PREFIX = '%GBT27922-SEAL Ed25519 ';
const SEAL_LINE = /^%GBT27922-SEAL (\S+) (\S+) (\S+)$/;
/** The attachment name the renderer gives the signed certificate JSON. */
export const EMBEDDED_CERTIFICATE_NAME = 'certificate.json';

export function sealPdf(pdf: Buffer, privateKey: KeyObject, keyId: string): Buffer {
  if (!KEY_ID.test(keyId)) throw new Error(`key id "${keyId}" must be one word of printable ASCII`);
  const tail = pdf.subarray(-32).toString('latin1');
  if (!/%%EOF\r?\n?$/.test(tail)) throw new Error('not a complete PDF: it does not end with %%EOF');
  // The seal must start on its own line, or it would become part of the %%EOF line.
  const body = tail.endsWith('\n') ? pdf : Buffer.concat([pdf, Buffer.from('\n')]);
  const signature = sign(null, body, privateKey).toString('base64url');
  return Buffer.concat([body, Buffer.from(`${SEAL_PREFIX}${keyId} ${signature}\n`, 'latin1')]);
}

export type SealedPdfVerification = { readonly valid: true; readonly keyId: string; readonly certificate: SignedCertificate } | { readonly valid: false; readonly reason: string };

export function verifySealedPdf(bytes: Buffer, keys: ReadonlyMap<string, KeyObject>): SealedPdfVerification {
  const fail = (reason: string) => ({ valid: false, reason }) as const;
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return fail('the file is not a PDF');
  const end = bytes.length - 1;
  const start = bytes.lastIndexOf('\n', end - 1) + 1;
  const match = bytes[end] === 0x0a ? SEAL_LINE.exec(bytes.subarray(start, end).toString('latin1')) : null;
  if (!match) return fail('the PDF has no GB/T 27922 seal on its last line: it was not issued sealed, or was cut or re-saved');
  const [, algorithm, keyId, encodedSignature] = match;
  if (algorithm !== 'Ed25519') return fail(`the seal uses ${algorithm}, but only Ed25519 seals are issued`);
  if (!KEY_ID.test(keyId)) return fail('the seal names its key with something other than one word of printable ASCII: it was altered');
  const signature = decodeCanonicalBase64url(encodedSignature, ED25519_SIGNATURE_BYTES);
  if (!signature) return fail('the seal signature is not written as issued (86 base64url characters): the seal was altered');
  const key = keys.get(keyId);
  if (!key) return fail(`the PDF was sealed with key ${keyId}, which is not among the published keys`);
  if (key.asymmetricKeyType !== 'ed25519') return fail(`published key ${keyId} is not an Ed25519 key`);
  if (!verify(null, bytes.subarray(0, start), key, signature)) {
    return fail('the seal does not match: the PDF was changed after it was sealed, or not sealed with this key');
  }
  const json = embeddedCertificateBytes(bytes.subarray(0, start));
  if (json === null) return fail(`the sealed PDF does not carry a readable ${EMBEDDED_CERTIFICATE_NAME}`);
  // The embedded JSON is held to the same canonical bytes as a certificate.json file.
  const verdict = verifyCertificateJson(json, keys);
  if (!verdict.valid) return fail(`the certificate embedded in the PDF is not genuine: ${verdict.reason}`);
  return { valid: true, keyId, certificate: JSON.parse(json.toString('utf8')) as SignedCertificate };
}

/**
 * The signed certificate JSON attached to a PDF as certificate.json, or null. Objects are found
 * through the cross-reference table rather than by searching the bytes, so font or image data
 * that happens to look like PDF syntax cannot be mistaken for the attachment. It reads the
 * uncompressed single-xref files the renderer writes; anything else yields null.
 */
export function embeddedCertificate(pdf: Buffer): unknown | null {
  const data = embeddedCertificateBytes(pdf);
  if (!data) return null;
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** The bytes of the certificate.json attachment, as embeddedCertificate finds it; null when there is none or more than one. */
export function embeddedCertificateBytes(pdf: Buffer): Buffer | null {
  const objects = crossReference(pdf);
  if (!objects) return null;
  const nameEntry = new RegExp(`/UF \\(${EMBEDDED_CERTIFICATE_NAME.replace('.', '\\.')}\\)`);
  const specs = [...objects.keys()].map((n) => objectAt(pdf, objects, n)?.dictionary ?? '').filter((d) => /\/Type \/Filespec\b/.test(d) && nameEntry.test(d));
  // Two attachments with the same name would leave the verdict to whichever was found first.
  if (specs.length !== 1) return null;
  const streamRef = /\/EF <<\s*\/F (\d+) 0 R/.exec(specs[0]);
  return streamRef ? embeddedFileData(pdf, objects, Number(streamRef[1])) : null;
}

/** Object number -> byte offset, from the one classic xref table pdfkit writes. */
function crossReference(pdf: Buffer): Map<number, number> | null {
  const tail = pdf.subarray(-1024).toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF/.exec(tail.slice(tail.lastIndexOf('startxref')));
  if (!startxref) return null;
  const table = pdf.subarray(Number(startxref[1])).toString('latin1');
  if (!table.startsWith('xref')) return null;
  const offsets = new Map<number, number>();
  const lines = table.split(/\r?\n|\r/).slice(1);
  for (let i = 0; i < lines.length; ) {
    const section = /^(\d+) (\d+)$/.exec(lines[i].trim());
    if (!section) break;
    const [first, count] = [Number(section[1]), Number(section[2])];
    for (let k = 0; k < count; k++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[i + 1 + k] ?? '');
      if (!entry) return null;
      if (entry[3] === 'n') offsets.set(first + k, Number(entry[1]));
    }
    i += 1 + count;
  }
  return offsets;
}

interface PdfObject {
  /** The dictionary text, up to its stream or endobj keyword. */
  readonly dictionary: string;
  /** Where the stream data starts, after `stream` and its end of line; null without a stream. */
  readonly dataStart: number | null;
}

function objectAt(pdf: Buffer, objects: Map<number, number>, n: number): PdfObject | null {
  const offset = objects.get(n);
  if (offset === undefined) return null;
  const head = pdf.subarray(offset, offset + 4096).toString('latin1');
  if (!head.startsWith(`${n} 0 obj`)) return null;
  const keyword = /\bstream(\r?\n)|\bendobj\b/.exec(head);
  if (!keyword) return null;
  const dataStart = keyword[1] === undefined ? null : offset + keyword.index + keyword[0].length;
  return { dictionary: head.slice(0, keyword.index), dataStart };
}

function embeddedFileData(pdf: Buffer, objects: Map<number, number>, n: number): Buffer | null {
  const object = objectAt(pdf, objects, n);
  // A filtered (compressed) stream would need inflating; the renderer writes it plain.
  if (!object || object.dataStart === null || !/\/Type \/EmbeddedFile\b/.test(object.dictionary) || /\/Filter\b/.test(object.dictionary)) return null;
  const length = /\/Length (\d+)\b(?! \d+ R)/.exec(object.dictionary);
  const end = length ? object.dataStart + Number(length[1]) : Infinity;
  return end <= pdf.length ? pdf.subarray(object.dataStart, end) : null;
}
