import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from './principal';
import { DEFAULT_AUDIENCE } from './token-verifier';

export const DEV_ISSUER = 'urn:gbt27922:dev-issuer';

export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

/** People for `npm start` and the end-to-end tests. Never used outside local development. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'alice.applicant', name: 'Alice Wang (Acme Appliances)', roles: ['applicant'] },
  { id: 'bob.applicant', name: 'Bob Li (Globex Electronics)', roles: ['applicant'] },
  { id: 'rita.reviewer', name: 'Rita Zhang (reviewer)', roles: ['reviewer'] },
  { id: 'roy.reviewer', name: 'Roy Chen (reviewer)', roles: ['reviewer'] },
  { id: 'lena.lead', name: 'Lena Zhou (lead reviewer)', roles: ['lead-reviewer', 'reviewer'] },
  { id: 'dan.decider', name: 'Dan Liu (decision maker)', roles: ['decision-maker'] },
  // A second decision maker: appeals are handled, and decisions re-taken, by someone who took no part (ADR 0033).
  { id: 'dora.decider', name: 'Dora Qian (decision maker)', roles: ['decision-maker'] },
  // A third: who upheld an appeal against the level does not decide the level again (ISO/IEC 17065 7.13, ADR 0038).
  { id: 'dirk.decider', name: 'Dirk Ma (decision maker)', roles: ['decision-maker'] },
  { id: 'ada.admin', name: 'Ada Sun (administrator)', roles: ['administrator'] },
];

/**
 * A local token issuer: an Ed25519 key kept in a git-ignored folder, its public half published as a
 * JWKS file the services verify against. Production points the services at a real identity provider.
 */
export class DevIssuer {
  private constructor(
    private readonly privateJwk: JWK,
    readonly jwksFile: string,
  ) {}

  static async open(dir: string): Promise<DevIssuer> {
    const keyFile = join(dir, 'dev-issuer.key.json');
    const jwksFile = join(dir, 'jwks.json');
    if (!existsSync(keyFile)) {
      mkdirSync(dirname(keyFile), { recursive: true });
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const kid = `dev-${Date.now().toString(36)}`;
      writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' }), { mode: 0o600 });
      writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] }));
    }
    return new DevIssuer(JSON.parse(readFileSync(keyFile, 'utf8')) as JWK, jwksFile);
  }

  async token(user: DemoUser, ttlSeconds = 12 * 3600): Promise<string> {
    return this.sign({ sub: user.id, name: user.name, roles: [...user.roles], iat: 0, exp: ttlSeconds });
  }

  /**
   * Any claims, signed with the issuer's key, for tests of what the services refuse: `iat`, `nbf`
   * and `exp` are seconds from now, and a claim given as null is left out.
   */
  async sign(claims: { sub: string; name?: string; roles: readonly string[]; iat?: number | null; nbf?: number; exp?: number | null }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...(claims.name ? { name: claims.name } : {}), roles: [...claims.roles] })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.privateJwk.kid })
      .setSubject(claims.sub)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE);
    if (claims.iat !== null) jwt.setIssuedAt(now + (claims.iat ?? 0));
    if (claims.nbf !== undefined) jwt.setNotBefore(now + claims.nbf);
    if (claims.exp !== null) jwt.setExpirationTime(now + (claims.exp ?? 600));
    return jwt.sign(await importJWK(this.privateJwk, 'EdDSA'));
  }
}
