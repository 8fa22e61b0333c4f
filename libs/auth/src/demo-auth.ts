import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS, DEV_ISSUER, DevIssuer } from './dev-issuer';
import { DEFAULT_AUDIENCE, type AuthConfig } from './token-verifier';

/** For tests: a development issuer of the test's own, the auth config that trusts it, and a bearer header per demo user. */
export async function demoAuth() {
  const issuer = await DevIssuer.open(mkdtempSync(join(tmpdir(), 'test-auth-')));
  const tokens = new Map<string, string>();
  for (const user of DEMO_USERS) tokens.set(user.id, await issuer.token(user));
  const config: AuthConfig = { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, jwksFile: issuer.jwksFile };
  return { config, issuer, as: (userId: string) => ({ authorization: `Bearer ${tokens.get(userId)}` }) };
}
