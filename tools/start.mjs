#!/usr/bin/env node
// npm start: local infrastructure (unless external servers are configured), every service, the demo
// data (seeded once, tools/demo/seed.ts), and where to look.
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

// The demo clock: every service reads its time as real time plus the offset in this file, so the seed
// can walk a certificate through three years to its expiry. The seed leaves it at offset 0 (real time);
// write {"offsetMs": <ms>} to move the whole demo in time, e.g. to see surveillance fall due.
const clockFile = join(ROOT, '.infra/clock.json');
if (!existsSync(clockFile)) writeFileSync(clockFile, JSON.stringify({ offsetMs: 0 }));
env.SIMULATED_CLOCK_FILE ??= clockFile;
// Due certificate timers are looked for every second, so a moved clock shows its effects at once.
env.TIMER_SWEEP_INTERVAL_MS ??= '1000';

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

// --- Web console (apps/console): built if its sources changed, served on CONSOLE_PORT (3000) with
// /api/<service>/ proxied to the services above. Not in services.mjs: it is no deployable service.
const CONSOLE_PORT = Number(env.CONSOLE_PORT ?? 3000);
const CONSOLE = { name: 'console', port: CONSOLE_PORT };
const consoleChild = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/console/server/main.ts'], {
  cwd: ROOT,
  env: { ...env, PORT: String(CONSOLE_PORT), CONSOLE_SERVICE_URLS: JSON.stringify(Object.fromEntries(SERVICES.map((svc) => [svc.name, `http://127.0.0.1:${svc.port}`]))), CONSOLE_DEMO_TOKENS_FILE: tokensFile },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const stream of [consoleChild.stdout, consoleChild.stderr]) stream.on('data', (chunk) => process.stdout.write(String(chunk).replace(/^(?=.)/gm, '[console] ')));
children.push({ svc: CONSOLE, child: consoleChild });
// --- end of web console

let stopping = false;
let seeding = null;
const started = Date.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const url = (svc) => `http://127.0.0.1:${svc.port}`;

async function answering(svc, timeoutMs = 180_000) {
  const child = children.find((c) => c.svc === svc).child;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(500)) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const res = await fetch(`${url(svc)}/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (res?.ok) return true;
  }
  return false;
}

/** Seeds the demo data once; a later start finds it and only refreshes the statuses it prints. */
function seedDemo() {
  const urls = Object.fromEntries(SERVICES.map((svc) => [svc.name, url(svc)]));
  seeding = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'tools/demo/seed.ts')], {
    cwd: ROOT,
    env: { ...env, DEMO_SERVICE_URLS: JSON.stringify(urls) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve) => seeding.once('exit', (code) => resolve(code === 0)));
}

function printSummary(seeded) {
  console.log('\n=== GB/T 27922 certification platform ===');
  console.log(`Kafka     ${env.KAFKA_BROKERS}`);
  console.log(`MongoDB   ${env.MONGODB_URI}`);
  console.log(`Redis     ${env.REDIS_URL}`);
  if (SERVICES.length === 0) console.log('Services  none yet: the foundation runs the infrastructure only.');
  for (const svc of SERVICES) {
    console.log(`${svc.name.padEnd(18)} ${url(svc)}${svc.docs ? `  API docs: ${url(svc)}${svc.docs}` : ''}`);
    console.log(`${''.padEnd(18)} health: ${url(svc)}/health/ready  metrics: ${url(svc)}/metrics`);
  }
  for (const svc of SERVICES.filter((s) => s.dashboard)) {
    console.log(`Queues dashboard   ${url(svc)}${svc.dashboard}?access_token=${auth.users['lena.lead'].token}`);
  }
  for (const svc of SERVICES.filter((s) => s.verify)) {
    console.log(`Public registry    ${url(svc)}/registry/certificates  (verification page: ${url(svc)}${svc.verify}; keys: ${url(svc)}/.well-known/certificate-keys.json)`);
  }
  const demo = existsSync(join(ROOT, '.infra/demo-seeded.json')) ? JSON.parse(readFileSync(join(ROOT, '.infra/demo-seeded.json'), 'utf8')) : null;
  if (demo && seeded) {
    console.log(`\nDemo organisations (seeded ${demo.seededAt.slice(0, 10)}; .infra/demo-seeded.json):`);
    for (const c of demo.cases) {
      console.log(`  ${c.stage}: ${c.name} (applicant ${c.applicant})`);
      console.log(`      case ${c.caseId}: ${c.status}${c.level ? `, ${c.level}` : ''}`);
      if (c.certificateNumber) console.log(`      certificate ${c.certificateNumber} (${c.registryStatus ?? 'see the registry'}): ${c.verifyUrl}`);
    }
  } else {
    console.log('\nDemo organisations: not seeded (see the [demo] lines above); the next start tries again.');
  }
  console.log(`Web console        http://127.0.0.1:${CONSOLE_PORT}/  (sign in as a demo user; public certificate directory at /registry)`);
  console.log(`Demo clock         ${env.SIMULATED_CLOCK_FILE} (offset 0 is real time)`);
  console.log('\nDemo users (tokens valid 12 hours, all in .infra/auth/tokens.json):');
  for (const [id, user] of Object.entries(auth.users)) console.log(`  ${id.padEnd(16)} ${user.roles.join(', ')}`);
  console.log(`Try: curl -H "authorization: Bearer $(node -p 'require("./.infra/auth/tokens.json")["alice.applicant"].token')" http://127.0.0.1:3001/cases`);
  console.log(`Ready in ${Math.round((Date.now() - started) / 1000)} s. Logs of the servers: .infra/logs/. Press Ctrl-C to stop everything.\n`);
}

async function main() {
  for (const svc of SERVICES) {
    if (!(await answering(svc))) {
      if (!stopping) console.error(`[start] ${svc.name} did not answer on ${url(svc)}/health; see its output above`);
      return stop(1);
    }
  }
  if (!(await answering(CONSOLE))) console.error(`[start] the web console did not answer on http://127.0.0.1:${CONSOLE_PORT}/health; see its output above`);
  const seeded = await seedDemo();
  seeding = null;
  if (!stopping) printSummary(seeded);
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping services ...');
  // A seed stopped half-way may have left the demo clock in the past; the next start seeds again.
  if (seeding) {
    if (seeding.exitCode === null && seeding.signalCode === null) {
      const gone = new Promise((resolve) => seeding.once('exit', resolve));
      seeding.kill('SIGTERM');
      await gone;
    }
    writeFileSync(env.SIMULATED_CLOCK_FILE, JSON.stringify({ offsetMs: 0 }));
  }
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
  process.exit(code);
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
setInterval(() => {}, 1 << 30);
void main();
