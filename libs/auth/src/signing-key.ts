import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JSONWebKeySet } from 'jose';

/** The public half of a key as a JWKS entry. */
export type PublicJwk = JWK & { readonly kid: string };

/**
 * The directory's token signing key: an Ed25519 key in a git-ignored folder (made on first use),
 * whose public half is published at the directory's `/.well-known/jwks.json` and added to the JWKS
 * file the services read, so they accept the directory's tokens beside the development issuer's.
 */
export class SigningKey {
  private constructor(
    private readonly privateJwk: JWK & { kid: string },
    readonly publicJwk: PublicJwk,
  ) {}

  /** Opens (or makes) `<dir>/directory-signing.key.json`. */
  static async open(dir: string): Promise<SigningKey> {
    const file = join(dir, 'directory-signing.key.json');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const kid = `directory-${Date.now().toString(36)}`;
      // Written aside and renamed, so two processes starting at once never read half a key.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' }), { mode: 0o600 });
      if (!existsSync(file)) renameSync(partial, file);
    }
    const privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK & { kid: string };
    const { d: _secret, ...publicPart } = privateJwk;
    return new SigningKey(privateJwk, { ...publicPart, kid: privateJwk.kid, alg: 'EdDSA', use: 'sig' });
  }

  get jwks(): JSONWebKeySet {
    return { keys: [this.publicJwk] };
  }

  /** Adds the public key to a JWKS file (kept: every other key in it), unless it is there already. */
  publishTo(jwksFile: string): void {
    const current: JSONWebKeySet = existsSync(jwksFile) ? (JSON.parse(readFileSync(jwksFile, 'utf8')) as JSONWebKeySet) : { keys: [] };
    if (current.keys.some((k) => k.kid === this.publicJwk.kid)) return;
    mkdirSync(dirname(jwksFile), { recursive: true });
    const partial = `${jwksFile}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ keys: [...current.keys, this.publicJwk] }));
    renameSync(partial, jwksFile);
  }

  async sign(claims: { sub: string; name: string; roles: readonly string[] }, options: { issuer: string; audience: string; ttlSeconds: number; now: Date }): Promise<string> {
    const iat = Math.floor(options.now.getTime() / 1000);
    return new SignJWT({ name: claims.name, roles: [...claims.roles] })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.privateJwk.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + options.ttlSeconds)
      .sign(await importJWK(this.privateJwk, 'EdDSA'));
  }
}
