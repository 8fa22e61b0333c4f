import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS, DEV_ISSUER, DevIssuer } from './dev-issuer';
import { DEFAULT_AUDIENCE, type AuthConfig } from './token-verifier';

/**
 * For tests: a development issuer of the test's own, the auth config that trusts it, and a bearer
 * header per demo user. Tests sign tokens for made-up people the directory never heard of, so this
 * config accepts unlisted people (disabled and removed ones are still refused); a test of the
 * default passes `{ unlistedPeople: 'refuse' }`.
 */
export async function demoAuth(overrides: Partial<AuthConfig> = {}) {
  const issuer = await DevIssuer.open(mkdtempSync(join(tmpdir(), 'test-auth-')));
  const tokens = new Map<string, string>();
  for (const user of DEMO_USERS) tokens.set(user.id, await issuer.token(user));
  const config: AuthConfig = { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, jwksFile: issuer.jwksFile, unlistedPeople: 'accept', ...overrides };
  return { config, issuer, as: (userId: string) => ({ authorization: `Bearer ${tokens.get(userId)}` }) };
}
