/**
 * base64url as this platform writes it (RFC 4648 §5 without padding), read back strictly: the
 * text must be exactly what encoding its bytes gives. That refuses `+` and `/` (the other
 * alphabet), `=` padding, whitespace, a wrong length, and a last character whose unused low bits
 * are not zero: Node's decoder accepts all of those for the same bytes, so a signature written
 * any of those ways would otherwise still verify.
 */
export function decodeCanonicalBase64url(text: string, length?: number): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return null;
  return length === undefined || bytes.length === length ? bytes : null;
}

/** An Ed25519 signature is 64 bytes: 86 base64url characters, the last carrying 4 unused bits. */
export const ED25519_SIGNATURE_BYTES = 64;
/** An Ed25519 public key is 32 bytes. */
export const ED25519_PUBLIC_KEY_BYTES = 32;
