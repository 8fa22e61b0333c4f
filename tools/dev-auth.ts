// The local development issuer: prints its settings and a token per demo user as JSON.
// Used by `npm start`; run it yourself for fresh tokens: node -r @swc-node/register tools/dev-auth.ts
// It also makes the directory's signing key and adds its public half to the JWKS file before any
// service starts, so every service accepts the directory's tokens from its first request.
import { join } from 'node:path';
import { DEMO_USERS, DEV_ISSUER, DevIssuer, SigningKey } from '@gbt/auth';

async function main(): Promise<void> {
  const dir = join(__dirname, '..', '.infra', 'auth');
  const issuer = await DevIssuer.open(dir);
  (await SigningKey.open(dir)).publishTo(issuer.jwksFile);
  const tokens = Object.fromEntries(await Promise.all(DEMO_USERS.map(async (u) => [u.id, { name: u.name, roles: u.roles, token: await issuer.token(u) }])));
  process.stdout.write(JSON.stringify({ env: { AUTH_ISSUER: DEV_ISSUER, AUTH_JWKS_FILE: issuer.jwksFile }, users: tokens }, null, 2) + '\n');
}

void main();
