import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeCanonicalBase64url, ED25519_PUBLIC_KEY_BYTES } from './base64url';

/**
 * The issuing body's published keys (a JWKS, as served at /.well-known/certificate-keys.json),
 * by key id. An Ed25519 key's x must be canonical base64url of 32 bytes, and a key id may appear
 * once: a keys file that could be read two ways is refused rather than read one of them.
 */
export function keysFromJwks(jwks: unknown): Map<string, KeyObject> {
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('the keys file is not a JWKS document ({"keys": [...]})');
  const published = new Map<string, KeyObject>();
  for (const jwk of keys as Record<string, unknown>[]) {
    if (jwk === null || typeof jwk !== 'object' || typeof jwk.kid !== 'string') continue;
    if (published.has(jwk.kid)) throw new Error(`the keys file lists key ${jwk.kid} more than once`);
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && (typeof jwk.x !== 'string' || !decodeCanonicalBase64url(jwk.x, ED25519_PUBLIC_KEY_BYTES))) {
      throw new Error(`published key ${jwk.kid}: x is not canonical base64url of a 32-byte Ed25519 key`);
    }
    published.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
  }
  return published;
}
