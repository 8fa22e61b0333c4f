import { sign, verify, type KeyObject } from 'node:crypto';

/** What a certificate states publicly; exactly these bytes are signed. */
export interface CertificatePayload {
  readonly number: string;
  readonly version: number;
  readonly holder: { readonly name: string; readonly creditCode: string };
  readonly scope: { readonly productCategories: readonly string[]; readonly serviceCategories: readonly string[]; readonly sites: readonly string[]; readonly outlets: readonly string[] };
  readonly level: 'compliant' | 'three-star' | 'four-star' | 'five-star';
  readonly issuingBody: string;
  readonly issuedOn: string;
  readonly validUntil: string;
}

export interface SignedCertificate {
  readonly payload: CertificatePayload;
  readonly algorithm: 'Ed25519';
  readonly keyId: string;
  /** base64url Ed25519 signature over canonicalJson(payload). */
  readonly signature: string;
}

/** JSON with object keys sorted at every depth, so the same payload always yields the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function signCertificate(payload: CertificatePayload, privateKey: KeyObject, keyId: string): SignedCertificate {
  const signature = sign(null, Buffer.from(canonicalJson(payload)), privateKey).toString('base64url');
  return { payload, algorithm: 'Ed25519', keyId, signature };
}

export type Verification = { readonly valid: true; readonly payload: CertificatePayload } | { readonly valid: false; readonly reason: string };

/** Checks a certificate document against the issuing body's published keys, offline. */
export function verifyCertificate(document: unknown, keys: ReadonlyMap<string, KeyObject>): Verification {
  const doc = document as Partial<SignedCertificate> | null;
  if (!doc || typeof doc !== 'object' || !doc.payload || typeof doc.signature !== 'string' || typeof doc.keyId !== 'string') {
    return { valid: false, reason: 'not a signed certificate: payload, keyId and signature are required' };
  }
  if (doc.algorithm !== 'Ed25519') return { valid: false, reason: `unsupported algorithm ${String(doc.algorithm)}` };
  const key = keys.get(doc.keyId);
  if (!key) return { valid: false, reason: `signed with key ${doc.keyId}, which is not among the published keys` };
  const ok = verify(null, Buffer.from(canonicalJson(doc.payload)), key, Buffer.from(doc.signature, 'base64url'));
  return ok ? { valid: true, payload: doc.payload } : { valid: false, reason: 'the signature does not match: the certificate was altered or not issued with this key' };
}
