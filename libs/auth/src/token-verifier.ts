import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { unlistedPeopleFromEnv, type UnlistedPeople } from './person-standing';
import { ROLES, type Principal, type Role } from './principal';

export interface AuthConfig {
  readonly issuer: string;
  readonly audience: string;
  /** A JWKS document on disk (the local development issuer writes one) ... */
  readonly jwksFile?: string;
  /** ... or the identity provider's JWKS endpoint. */
  readonly jwksUrl?: string;
  /** The longest a token may live from its "iat" to its "exp" (default 12 hours): a lost token dies. */
  readonly maxLifetimeSeconds?: number;
  /** How far the issuer's clock may be from ours (default 30 s, at most 5 minutes). */
  readonly clockSkewSeconds?: number;
  /** Tokens of people the directory does not list: refused unless a test harness says "accept" (AUTH_UNLISTED_PEOPLE). */
  readonly unlistedPeople?: UnlistedPeople;
}

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

export const DEFAULT_AUDIENCE = 'gbt27922-certification';
export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;
const DEFAULT_CLOCK_SKEW_SECONDS = 30;
const MAX_CLOCK_SKEW_SECONDS = 300;
/** Signatures by a published public key only: a shared-secret algorithm would let a JWKS's public key sign. */
const ALGORITHMS = ['EdDSA', 'ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

const seconds = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a whole number of seconds, not "${value}"`);
  return n;
};

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const { AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_FILE, AUTH_JWKS_URL, AUTH_MAX_TOKEN_LIFETIME_SECONDS, AUTH_CLOCK_SKEW_SECONDS, AUTH_UNLISTED_PEOPLE } = env;
  if (!AUTH_ISSUER || (!AUTH_JWKS_FILE && !AUTH_JWKS_URL)) {
    throw new Error('AUTH_ISSUER and one of AUTH_JWKS_FILE or AUTH_JWKS_URL must be set (npm start sets them for the local development issuer)');
  }
  return {
    issuer: AUTH_ISSUER,
    audience: AUTH_AUDIENCE ?? DEFAULT_AUDIENCE,
    jwksFile: AUTH_JWKS_FILE,
    jwksUrl: AUTH_JWKS_URL,
    maxLifetimeSeconds: seconds('AUTH_MAX_TOKEN_LIFETIME_SECONDS', AUTH_MAX_TOKEN_LIFETIME_SECONDS),
    clockSkewSeconds: seconds('AUTH_CLOCK_SKEW_SECONDS', AUTH_CLOCK_SKEW_SECONDS),
    unlistedPeople: unlistedPeopleFromEnv(AUTH_UNLISTED_PEOPLE),
  };
}

/** How often a token with a key id the JWKS file lacks may make the file be read again. */
const JWKS_FILE_RELOAD_MS = 1_000;

/**
 * The keys of a JWKS file, read again (at most once a second) when a token names a key it lacks:
 * the directory adds its key to the file when it starts, maybe after this service did. A token
 * that comes within the second after a read waits for the next read instead of being refused, so a
 * key added just then is found; callers waiting together share one read.
 */
function reloadingLocalJwks(file: string): JWTVerifyGetKey {
  const read = () => createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet);
  let keys = read();
  let readAt = Date.now();
  let reading: Promise<void> | null = null;
  const readAgain = async () => {
    const wait = readAt + JWKS_FILE_RELOAD_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    keys = read();
    readAt = Date.now();
  };
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw err;
      reading ??= readAgain().finally(() => (reading = null));
      await reading;
      return keys(header, token);
    }
  };
}

/**
 * Verifies bearer JWTs (signature, issuer, audience, "exp" required and at most maxLifetimeSeconds
 * after "iat", "nbf" and "iat" not in the future) and turns their claims into a Principal.
 */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly maxLifetime: number;
  private readonly skew: number;

  constructor(private readonly config: AuthConfig) {
    this.maxLifetime = config.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
    this.skew = Math.min(config.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS);
    if (config.jwksUrl) this.keys = createRemoteJWKSet(new URL(config.jwksUrl));
    else if (config.jwksFile) this.keys = reloadingLocalJwks(config.jwksFile);
    else throw new Error('TokenVerifier needs jwksFile or jwksUrl');
  }

  async verify(token: string): Promise<Principal> {
    return (await this.verifyIssued(token)).principal;
  }

  /** The principal and when its token was issued ("iat", seconds), which the guard needs for a person registered a moment ago. */
  async verifyIssued(token: string): Promise<{ principal: Principal; issuedAt: number }> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: this.skew,
      }));
    } catch (err) {
      throw new AuthenticationError(`invalid token: ${(err as Error).message}`);
    }
    const { iat, exp } = payload as { iat: number; exp: number };
    const now = Date.now() / 1000;
    if (iat > now + this.skew) throw new AuthenticationError('invalid token: "iat" is in the future');
    if (exp - iat > this.maxLifetime) throw new AuthenticationError(`invalid token: it lives ${exp - iat} s, longer than the ${this.maxLifetime} s allowed`);
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r)) : [];
    if (typeof payload.sub !== 'string' || !payload.sub) throw new AuthenticationError('invalid token: no subject');
    if (roles.length === 0) throw new AuthenticationError('invalid token: no known role');
    return { principal: { id: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles }, issuedAt: iat };
  }
}
