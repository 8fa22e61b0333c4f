import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { ROLES, type Principal, type Role } from './principal';

export interface AuthConfig {
  readonly issuer: string;
  readonly audience: string;
  /** A JWKS document on disk (the local development issuer writes one) ... */
  readonly jwksFile?: string;
  /** ... or the identity provider's JWKS endpoint. */
  readonly jwksUrl?: string;
}

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

export const DEFAULT_AUDIENCE = 'gbt27922-certification';

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const { AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_FILE, AUTH_JWKS_URL } = env;
  if (!AUTH_ISSUER || (!AUTH_JWKS_FILE && !AUTH_JWKS_URL)) {
    throw new Error('AUTH_ISSUER and one of AUTH_JWKS_FILE or AUTH_JWKS_URL must be set (npm start sets them for the local development issuer)');
  }
  return { issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE ?? DEFAULT_AUDIENCE, jwksFile: AUTH_JWKS_FILE, jwksUrl: AUTH_JWKS_URL };
}

/** Verifies bearer JWTs (signature, issuer, audience, expiry) and turns their claims into a Principal. */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: AuthConfig) {
    if (config.jwksUrl) this.keys = createRemoteJWKSet(new URL(config.jwksUrl));
    else if (config.jwksFile) this.keys = createLocalJWKSet(JSON.parse(readFileSync(config.jwksFile, 'utf8')) as JSONWebKeySet);
    else throw new Error('TokenVerifier needs jwksFile or jwksUrl');
  }

  async verify(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { issuer: this.config.issuer, audience: this.config.audience, clockTolerance: 30 }));
    } catch (err) {
      throw new AuthenticationError(`invalid token: ${(err as Error).message}`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r)) : [];
    if (typeof payload.sub !== 'string' || !payload.sub) throw new AuthenticationError('invalid token: no subject');
    if (roles.length === 0) throw new AuthenticationError('invalid token: no known role');
    return { id: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles };
  }
}
