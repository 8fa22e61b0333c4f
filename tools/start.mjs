#!/usr/bin/env node
// npm start: local infrastructure (unless external servers are configured), every service, and where to look.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from './services.mjs';

const ROOT = join(import.meta.dirname, '..');
const infra = (cmd, stdio = 'inherit') => spawnSync(process.execPath, [join(ROOT, 'tools/infra/infra.mjs'), cmd], { stdio });
const external = ['MONGODB_URI', 'KAFKA_BROKERS', 'REDIS_URL'].every((v) => process.env[v]);
// Servers that were already running when we came are left running when we go.
const infraWasRunning = !external && infra('status', 'ignore').status === 0;

if (!external && infra('up').status !== 0) process.exit(1);
const env = { ...process.env };
if (!external) {
  for (const line of readFileSync(join(ROOT, '.infra/env'), 'utf8').trim().split('\n')) {
    const [key, ...rest] = line.split('=');
    env[key] ??= rest.join('=');
  }
}

// The local development issuer: services verify its tokens, people use the demo users' tokens.
const devAuth = spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'tools/dev-auth.ts')], { cwd: ROOT, encoding: 'utf8' });
if (devAuth.status !== 0) {
  console.error(`[start] the development token issuer failed:\n${devAuth.stderr}`);
  process.exit(1);
}
const auth = JSON.parse(devAuth.stdout);
for (const [key, value] of Object.entries(auth.env)) env[key] ??= value;
const tokensFile = join(ROOT, '.infra/auth/tokens.json');
writeFileSync(tokensFile, JSON.stringify(auth.users, null, 2));

const children = SERVICES.map((svc) => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', svc.main], {
    cwd: ROOT,
    env: { ...env, PORT: String(svc.port), SERVICE_NAME: svc.name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => process.stdout.write(String(chunk).replace(/^(?=.)/gm, `[${svc.name}] `)));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) console.log(`[start] ${svc.name} exited (${signal ?? code})`);
  });
  return { svc, child };
});

console.log('\n=== GB/T 27922 certification platform ===');
console.log(`Kafka     ${env.KAFKA_BROKERS}`);
console.log(`MongoDB   ${env.MONGODB_URI}`);
console.log(`Redis     ${env.REDIS_URL}`);
if (SERVICES.length === 0) console.log('Services  none yet: the foundation runs the infrastructure only.');
for (const { name, port, docs } of SERVICES) console.log(`${name.padEnd(18)} http://127.0.0.1:${port}${docs ? `  (API docs: http://127.0.0.1:${port}${docs})` : ''}`);
for (const { port, dashboard } of SERVICES.filter((s) => s.dashboard)) {
  console.log(`Queues dashboard   http://127.0.0.1:${port}${dashboard}?access_token=${auth.users['lena.lead'].token}`);
}
for (const { port, verify } of SERVICES.filter((s) => s.verify)) {
  console.log(`Public registry    http://127.0.0.1:${port}/registry/certificates  (verification page: http://127.0.0.1:${port}${verify}; keys: /.well-known/certificate-keys.json)`);
}
console.log('\nDemo users (tokens valid 12 hours, all in .infra/auth/tokens.json):');
for (const [id, user] of Object.entries(auth.users)) console.log(`  ${id.padEnd(16)} ${user.roles.join(', ')}`);
console.log(`Try: curl -H "authorization: Bearer $(node -p 'require("./.infra/auth/tokens.json")["alice.applicant"].token')" http://127.0.0.1:3001/cases`);
console.log('Logs of the servers: .infra/logs/. Press Ctrl-C to stop everything.\n');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping services ...');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  if (!external && !infraWasRunning && existsSync(join(ROOT, '.infra'))) infra('down');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
