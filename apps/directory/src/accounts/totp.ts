import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps use it: SHA-1, 6 digits, 30-second steps. */
const PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app reads from a QR code. */
export const totpUri = (secretBase32: string, account: string, issuer: string): string =>
  new TOTP({ ...PARAMS, issuer, label: account, secret: Secret.fromBase32(secretBase32) }).toString();

/** Whether `code` is the code at `at`, or one step before or after it (clock drift between phone and server). */
export function totpMatches(secretBase32: string, code: string, at: Date): boolean {
  return totpStep(secretBase32, code, at) !== null;
}

/**
 * The time step (30-second period since 1970) whose code `code` is, within one step of `at`; null
 * when it is none of them. Sign-in keeps the last step used, so a code cannot be used twice.
 */
export function totpStep(secretBase32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({ ...PARAMS, token: code, secret: Secret.fromBase32(secretBase32), timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / PARAMS.period) + delta;
}

/** The code at `at` (tests, and the RFC vectors' check of the parameters). */
export const totpCode = (secretBase32: string, at: Date, digits: number = PARAMS.digits, algorithm: 'SHA1' | 'SHA256' | 'SHA512' = PARAMS.algorithm): string =>
  TOTP.generate({ ...PARAMS, digits, algorithm, secret: Secret.fromBase32(secretBase32), timestamp: at.getTime() });

/**
 * TOTP secrets at rest: AES-256-GCM under a key the database does not hold (DIRECTORY_TOTP_KEY or
 * a key file beside the signing key), so a copy of the database gives nobody second factors.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the TOTP encryption key must be 32 bytes (base64 in DIRECTORY_TOTP_KEY)');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}
