import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SigningKey } from '@gbt/auth';
import { errorFields, JsonLogger } from '@gbt/messaging';
import { SecretBox } from './totp';
import type { DirectorySettings } from '../settings';

export const KEYS = Symbol('DIRECTORY_KEYS');

/** The directory's secrets: the token signing key and the box TOTP secrets are kept in. */
export interface DirectoryKeys {
  readonly signing: SigningKey;
  readonly totp: SecretBox;
}

/**
 * Opens (making them on first use) the keys in the settings' folder, and adds the public key to the
 * services' JWKS file where it may (npm start); a read-only file (a container's mounted JWKS) is
 * left as it is: the services then trust the directory's /.well-known/jwks.json by other means.
 */
export async function openKeys(settings: DirectorySettings, logger: JsonLogger): Promise<DirectoryKeys> {
  const signing = await SigningKey.open(settings.keysDir);
  if (settings.jwksFile) {
    try {
      signing.publishTo(settings.jwksFile);
    } catch (err) {
      logger.warn('the directory could not add its key to AUTH_JWKS_FILE; services trusting only that file refuse its tokens', { file: settings.jwksFile, ...errorFields(err) });
    }
  }
  return { signing, totp: new SecretBox(Buffer.from(settings.totpKey ?? totpKeyFile(settings.keysDir), 'base64')) };
}

function totpKeyFile(dir: string): string {
  const file = join(dir, 'directory-totp.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}
