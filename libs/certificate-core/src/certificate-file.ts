import type { KeyObject } from 'node:crypto';
import { verifySealedPdf } from './sealed-pdf';
import { NOT_JSON, verifyCertificateJson, type Verification } from './signed-certificate';

/** A verdict on a file; `unreadable` when it is neither a PDF nor JSON, so no verdict on a certificate could be reached. */
export type FileVerification = Verification | { readonly valid: false; readonly reason: string; readonly unreadable: true };

/**
 * A certificate file as the public gets it: a sealed PDF (told apart by its %PDF- header,
 * whatever the file is called) or the signed certificate JSON. Every byte counts: the PDF is
 * covered by its seal and the seal line is read strictly; the JSON must be in canonical form
 * and its signature canonical base64url. Never throws.
 */
export function verifyCertificateFile(bytes: Buffer, keys: ReadonlyMap<string, KeyObject>): FileVerification {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const sealed = verifySealedPdf(bytes, keys);
    return sealed.valid ? { valid: true, payload: sealed.certificate.payload } : { valid: false, reason: sealed.reason };
  }
  const verdict = verifyCertificateJson(bytes, keys);
  if (!verdict.valid && verdict.reason === NOT_JSON) return { valid: false, reason: 'the file is neither a PDF nor certificate JSON', unreadable: true };
  return verdict;
}
