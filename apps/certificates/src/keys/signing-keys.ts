import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PublishedKey {
  readonly kid: string;
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly use: 'sig';
  readonly alg: 'EdDSA';
}

/**
 * The issuing body's Ed25519 keys, one PEM file per key id in a directory that is never in the
 * repository: `<kid>.pem` holds a private key (the newest signs), `<kid>.pub.pem` a retired key
 * kept only so older certificates still verify. With none there, a development key is made.
 */
export class SigningKeys {
  private constructor(
    readonly current: { readonly kid: string; readonly privateKey: KeyObject },
    private readonly publicKeys: ReadonlyMap<string, KeyObject>,
  ) {}

  static fromDirectory(dir: string, options: { generateIfMissing: boolean; now: Date; /** Key ids start with it; the public log's keys are `log-...`. */ kidPrefix?: string }): SigningKeys {
    const prefix = options.kidPrefix ?? 'certificates';
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    let files = readdirSync(dir).filter((f) => f.endsWith('.pem')).sort();
    if (!files.some((f) => !f.endsWith('.pub.pem'))) {
      if (!options.generateIfMissing) throw new Error(`no ${prefix} signing key (<kid>.pem) in ${dir}`);
      const kid = `${prefix}-${options.now.toISOString().slice(0, 10).replace(/-/g, '')}`;
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(join(dir, `${kid}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      files = readdirSync(dir).filter((f) => f.endsWith('.pem')).sort();
    }
    const publicKeys = new Map<string, KeyObject>();
    let current: { kid: string; privateKey: KeyObject } | undefined;
    for (const file of files) {
      const pem = readFileSync(join(dir, file), 'utf8');
      if (file.endsWith('.pub.pem')) {
        publicKeys.set(file.slice(0, -'.pub.pem'.length), createPublicKey(pem));
      } else {
        const kid = file.slice(0, -'.pem'.length);
        const privateKey = createPrivateKey(pem);
        publicKeys.set(kid, createPublicKey(privateKey));
        current = { kid, privateKey };
      }
    }
    if (!current) throw new Error(`no ${prefix} signing key in ${dir}`);
    return new SigningKeys(current, publicKeys);
  }

  get verificationKeys(): ReadonlyMap<string, KeyObject> {
    return this.publicKeys;
  }

  /** The JWKS published at /.well-known/certificate-keys.json. */
  jwks(): { keys: PublishedKey[] } {
    return {
      keys: [...this.publicKeys].map(([kid, key]) => {
        const { x } = key.export({ format: 'jwk' }) as { x: string };
        return { kid, kty: 'OKP', crv: 'Ed25519', x, use: 'sig', alg: 'EdDSA' };
      }),
    };
  }
}
