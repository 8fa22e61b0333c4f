import { sign, verify, type KeyObject } from 'node:crypto';
import { decodeCanonicalBase64url, ED25519_SIGNATURE_BYTES } from './base64url';
import { certificateNumberProblem } from './certificate-number';

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

/**
 * JSON that must be byte for byte the canonical serialisation of its own value (canonicalJson,
 * UTF-8): keys sorted, no whitespace, no trailing newline, escapes and numbers exactly as
 * JSON.stringify writes them. So one value has one encoding, and duplicate keys (the later would
 * win in JSON.parse), a byte-order mark, invalid UTF-8 or anything after the value are refused.
 */
/** readCanonicalJson's problem when the bytes are not JSON at all. */
export const NOT_JSON = 'the file is not JSON';

export function readCanonicalJson(bytes: Uint8Array): { readonly value: unknown } | { readonly problem: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let value: unknown;
  try {
    value = JSON.parse(buffer.toString('utf8'));
  } catch {
    return { problem: NOT_JSON };
  }
  if (!Buffer.from(canonicalJson(value), 'utf8').equals(buffer)) {
    return { problem: 'the JSON is not in the canonical form it is issued in (keys sorted, no spaces or line breaks, nothing after it): it was edited or re-saved' };
  }
  return { value };
}

/** A key id names a published key: one word of printable ASCII. */
export const KEY_ID = /^[\x21-\x7e]{1,128}$/;
const LEVELS: readonly string[] = ['compliant', 'three-star', 'four-star', 'five-star'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DOCUMENT_KEYS = ['algorithm', 'keyId', 'payload', 'signature'] as const;
const PAYLOAD_KEYS = ['holder', 'issuedOn', 'issuingBody', 'level', 'number', 'scope', 'validUntil', 'version'] as const;
const HOLDER_KEYS = ['creditCode', 'name'] as const;
const SCOPE_KEYS = ['outlets', 'productCategories', 'serviceCategories', 'sites'] as const;

/** A plain object with exactly these keys (sorted), nothing more or less. */
function hasExactly(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const own = Object.keys(value).sort();
  return own.length === keys.length && own.every((k, i) => k === keys[i]);
}
const isStrings = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** What is wrong with the shape of a certificate payload, or null: the verifier reads exactly the fields the issuer signs. */
/** A payload with exactly the fields of a certificate, each well formed. */
export const isCertificatePayload = (payload: unknown): payload is CertificatePayload => payloadProblem(payload) === null;

export function payloadProblem(payload: unknown): string | null {
  if (!hasExactly(payload, PAYLOAD_KEYS)) return `the payload must have exactly ${PAYLOAD_KEYS.join(', ')}`;
  const p = payload;
  if (typeof p.number !== 'string' || !/^GBT27922-\d{4}-\d{6}-\d{2}$/.test(p.number)) return 'the payload number is not a certificate number';
  const numberProblem = certificateNumberProblem(p.number);
  if (numberProblem) return numberProblem;
  if (typeof p.version !== 'number' || !Number.isSafeInteger(p.version) || p.version < 1) return 'the payload version is not a positive whole number';
  if (!hasExactly(p.holder, HOLDER_KEYS) || typeof p.holder.name !== 'string' || typeof p.holder.creditCode !== 'string') return 'the payload holder must be exactly a name and a creditCode';
  if (!hasExactly(p.scope, SCOPE_KEYS) || !SCOPE_KEYS.every((k) => isStrings((p.scope as Record<string, unknown>)[k]))) return `the payload scope must be exactly ${SCOPE_KEYS.join(', ')}, each a list of texts`;
  if (typeof p.level !== 'string' || !LEVELS.includes(p.level)) return 'the payload level is not one of the GB/T 27922 levels';
  if (typeof p.issuingBody !== 'string') return 'the payload issuingBody is not a text';
  if (typeof p.issuedOn !== 'string' || !DAY.test(p.issuedOn) || typeof p.validUntil !== 'string' || !DAY.test(p.validUntil)) return 'the payload dates are not YYYY-MM-DD';
  return null;
}

/**
 * Signs a payload. The result has its keys in canonical order at every depth, so serialising it
 * with plain JSON.stringify (as a stored copy is served) yields the canonical bytes verifiers ask for.
 */
export function signCertificate(payload: CertificatePayload, privateKey: KeyObject, keyId: string): SignedCertificate {
  const problem = payloadProblem(payload);
  if (problem) throw new Error(`refusing to sign a malformed certificate: ${problem}`);
  if (!KEY_ID.test(keyId)) throw new Error(`key id "${keyId}" must be one word of printable ASCII`);
  const signature = sign(null, Buffer.from(canonicalJson(payload)), privateKey).toString('base64url');
  return JSON.parse(canonicalJson({ payload, algorithm: 'Ed25519', keyId, signature })) as SignedCertificate;
}

export type Verification = { readonly valid: true; readonly payload: CertificatePayload } | { readonly valid: false; readonly reason: string };

/** Checks a certificate document (already parsed) against the issuing body's published keys, offline. */
export function verifyCertificate(document: unknown, keys: ReadonlyMap<string, KeyObject>): Verification {
  const fail = (reason: string) => ({ valid: false, reason }) as const;
  if (!hasExactly(document, DOCUMENT_KEYS)) return fail(`not a signed certificate: exactly ${DOCUMENT_KEYS.join(', ')} are required`);
  const doc = document;
  if (doc.algorithm !== 'Ed25519') return fail(`unsupported algorithm ${String(doc.algorithm)}`);
  if (typeof doc.keyId !== 'string' || !KEY_ID.test(doc.keyId)) return fail('not a signed certificate: keyId must be one word of printable ASCII');
  const signature = typeof doc.signature === 'string' ? decodeCanonicalBase64url(doc.signature, ED25519_SIGNATURE_BYTES) : null;
  if (!signature) return fail('the signature is not written as issued (86 base64url characters): the certificate was altered');
  const payload = doc.payload;
  if (!isCertificatePayload(payload)) return fail(`not a signed certificate: ${payloadProblem(payload)}`);
  const key = keys.get(doc.keyId);
  if (!key) return fail(`signed with key ${doc.keyId}, which is not among the published keys`);
  if (key.asymmetricKeyType !== 'ed25519') return fail(`published key ${doc.keyId} is not an Ed25519 key`);
  const ok = verify(null, Buffer.from(canonicalJson(payload)), key, signature);
  return ok ? { valid: true, payload } : fail('the signature does not match: the certificate was altered or not issued with this key');
}

/** Checks certificate JSON as a file holds it: the exact bytes must be the canonical form (readCanonicalJson). */
export function verifyCertificateJson(bytes: Uint8Array, keys: ReadonlyMap<string, KeyObject>): Verification {
  const read = readCanonicalJson(bytes);
  return 'problem' in read ? { valid: false, reason: read.problem } : verifyCertificate(read.value, keys);
}
