// A whole stack for working on the console: the four services as `npm start` runs them (tools/e2e/stack.ts),
// on this run's own databases and queues, plus a demo tokens file for the console's sign-in page.
// Prints the console server's environment as JSON; Ctrl-C (SIGINT/SIGTERM) stops it and drops its data.
//   node -r @swc-node/register tools/console/dev-stack.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS } from '@gbt/auth';
import { ALL_SERVICES, startStack } from '../e2e/stack';

async function main(): Promise<void> {
  const stack = await startStack();
  const dir = join(__dirname, '..', '..', '.infra', 'console-dev');
  mkdirSync(dir, { recursive: true });
  const tokensFile = join(dir, 'tokens.json');
  const users = Object.fromEntries(DEMO_USERS.map((u) => [u.id, { name: u.name, roles: u.roles, token: stack.platform.token(u.id) }]));
  writeFileSync(tokensFile, JSON.stringify(users, null, 2));
  const urls = Object.fromEntries(ALL_SERVICES.map((name) => [name, stack.url(name)]));
  process.stdout.write(JSON.stringify({ CONSOLE_SERVICE_URLS: JSON.stringify(urls), CONSOLE_DEMO_TOKENS_FILE: tokensFile, DEMO_MODE: 'true' }) + '\n');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  setInterval(() => undefined, 1 << 30);
}

void main();
