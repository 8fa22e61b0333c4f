import { resolve } from 'node:path';
import { DEFAULT_AUDIENCE, DEV_ISSUER } from '@gbt/auth';
import { oidcSettingsFromEnv, type OidcSettings } from './oidc/oidc-settings';

export const DIRECTORY_SETTINGS = Symbol('DIRECTORY_SETTINGS');

export interface DirectorySettings {
  /** The "iss" of the directory's tokens: the issuer the services are configured to trust (AUTH_ISSUER). */
  readonly issuer: string;
  readonly audience: string;
  /** Where the signing key and the TOTP encryption key live when not given otherwise (git-ignored). */
  readonly keysDir: string;
  /** The JWKS file the services read (AUTH_JWKS_FILE): the directory adds its public key to it. */
  readonly jwksFile: string | undefined;
  /** 32 bytes, base64, that encrypt TOTP secrets at rest; made in keysDir when not given. */
  readonly totpKey: string | undefined;
  readonly accessTokenSeconds: number;
  readonly refreshTokenDays: number;
  readonly invitationDays: number;
  readonly resetMinutes: number;
  /** Failed sign-ins per account, and sign-in attempts per client address, in a window. */
  readonly loginLimitPerAccount: number;
  readonly loginLimitPerAddress: number;
  readonly loginWindowSeconds: number;
  /** A real mail server (smtp://user:pass@host:port); without it mails stay in the outbox. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Where the links in mails point (the console). */
  readonly consoleUrl: string;
  /** Demo mode (DEMO_MODE=true): demo people seeded, one-click sign-in, the outbox readable. */
  readonly demo: boolean;
  /** Sign-in with the body's identity provider, when OIDC_ISSUER and OIDC_CLIENT_ID are set. */
  readonly oidc: OidcSettings | undefined;
}

const whole = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0, not "${value}"`);
  return n;
};

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): DirectorySettings {
  const consoleUrl = (env.CONSOLE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  return {
    issuer: env.AUTH_ISSUER ?? DEV_ISSUER,
    audience: env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE,
    keysDir: resolve(env.DIRECTORY_KEYS_DIR ?? '.infra/auth'),
    jwksFile: env.AUTH_JWKS_FILE,
    totpKey: env.DIRECTORY_TOTP_KEY,
    accessTokenSeconds: whole('ACCESS_TOKEN_SECONDS', env.ACCESS_TOKEN_SECONDS, 300),
    refreshTokenDays: whole('REFRESH_TOKEN_DAYS', env.REFRESH_TOKEN_DAYS, 14),
    invitationDays: whole('INVITATION_DAYS', env.INVITATION_DAYS, 7),
    resetMinutes: whole('PASSWORD_RESET_MINUTES', env.PASSWORD_RESET_MINUTES, 60),
    loginLimitPerAccount: whole('LOGIN_LIMIT_PER_ACCOUNT', env.LOGIN_LIMIT_PER_ACCOUNT, 5),
    loginLimitPerAddress: whole('LOGIN_LIMIT_PER_ADDRESS', env.LOGIN_LIMIT_PER_ADDRESS, 50),
    loginWindowSeconds: whole('LOGIN_WINDOW_SECONDS', env.LOGIN_WINDOW_SECONDS, 900),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'GB/T 27922 <no-reply@certification.example>',
    consoleUrl,
    demo: env.DEMO_MODE?.trim().toLowerCase() === 'true',
    oidc: oidcSettingsFromEnv(env, consoleUrl),
  };
}
