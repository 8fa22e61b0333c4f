#!/usr/bin/env node
// npm start: local infrastructure (unless external servers are configured), every service, the demo
// data (seeded once, tools/demo/seed.ts), and where to look. A service or the console that exits is
// started again (after 1 s, doubling to 30 s while it keeps failing); Ctrl-C stops everything.
//   DEMO_MODE=false  no demo users on the console's sign-in page and no demo data (default: demo mode on)
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
// Demo mode unless the user turned it off: the console hands every demo user's token to anyone who opens it.
const demoMode = !/^(false|0|no|off)$/i.test(process.env.DEMO_MODE?.trim() ?? '');
env.DEMO_MODE = demoMode ? 'true' : 'false';
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

// --- Web console (apps/console): built if its sources changed, served on CONSOLE_PORT (3000) with
// /api/<service>/ proxied to the services above. Not in services.mjs: it is no deployable service.
const CONSOLE_PORT = Number(env.CONSOLE_PORT ?? 3000);
const CONSOLE = { name: 'console', port: CONSOLE_PORT, main: 'apps/console/server/main.ts' };
const consoleEnv = {
  PORT: String(CONSOLE_PORT),
  CONSOLE_SERVICE_URLS: JSON.stringify(Object.fromEntries(SERVICES.map((svc) => [svc.name, `http://127.0.0.1:${svc.port}`]))),
  CONSOLE_DEMO_TOKENS_FILE: tokensFile,
};
// --- end of web console

let stopping = false;
const FIRST_RESTART_MS = 1_000;
const MAX_RESTART_MS = 30_000;
/** A child that ran this long was healthy: its next restart waits the first delay again. */
const HEALTHY_RUN_MS = 60_000;

/**
 * Runs one child and starts it again whenever it exits while we are not stopping, waiting 1 s, then
 * 2, 4, ... up to 30 s while it keeps failing; a run of a minute or more resets the wait.
 */
function supervise(svc, childEnv) {
  const entry = { svc, child: null, exits: 0, delayMs: FIRST_RESTART_MS, timer: null };
  const run = () => {
    entry.timer = null;
    if (stopping) return;
    const startedAt = Date.now();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', svc.main], { cwd: ROOT, env: { ...env, ...childEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    entry.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => process.stdout.write(String(chunk).replace(/^(?=.)/gm, `[${svc.name}] `)));
    }
    child.on('error', (err) => console.error(`[start] ${svc.name} could not be started: ${err.message}`));
    child.on('exit', (code, signal) => {
      if (stopping) return;
      entry.exits++;
      if (Date.now() - startedAt >= HEALTHY_RUN_MS) entry.delayMs = FIRST_RESTART_MS;
      const wait = entry.delayMs;
      entry.delayMs = Math.min(entry.delayMs * 2, MAX_RESTART_MS);
      console.log(`[start] ${svc.name} exited (${signal ?? code}); restarting in ${wait / 1000} s`);
      entry.timer = setTimeout(run, wait);
    });
  };
  run();
  return entry;
}

const children = [
  ...SERVICES.map((svc) => supervise(svc, { PORT: String(svc.port), SERVICE_NAME: svc.name })),
  supervise(CONSOLE, consoleEnv),
];
let seeding = null;
const started = Date.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const url = (svc) => `http://127.0.0.1:${svc.port}`;

/** Whether the service answers /health in time; one that exits three times before answering has failed. */
async function answering(svc, timeoutMs = 180_000) {
  const entry = children.find((c) => c.svc === svc);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && !stopping; await sleep(500)) {
    if (entry.exits >= 3) return false;
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
  for (const svc of SERVICES.filter((s) => s.signIn)) {
    console.log(`Sign-in            POST ${url(svc)}${svc.signIn} {"email","password"}  (keys: ${url(svc)}/.well-known/jwks.json${demoMode ? `; demo: POST ${url(svc)}/demo/sign-in {"personId"}, mails: ${url(svc)}/demo/mails` : ''})`);
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
  } else if (!demoMode) {
    console.log('\nDemo organisations: none (demo mode is off).');
  } else {
    console.log('\nDemo organisations: not seeded (see the [demo] lines above); the next start tries again.');
  }
  const signIn = demoMode ? 'sign in as a demo user' : 'sign in with a bearer token from the identity provider';
  console.log(`Web console        http://127.0.0.1:${CONSOLE_PORT}/  (${signIn}; public certificate directory at /registry)`);
  console.log(`Demo clock         ${env.SIMULATED_CLOCK_FILE} (offset 0 is real time)`);
  console.log(`\n${demoMode ? 'Demo users' : 'Users of the local development issuer'} (tokens valid 12 hours, all in .infra/auth/tokens.json):`);
  for (const [id, user] of Object.entries(auth.users)) console.log(`  ${id.padEnd(16)} ${user.roles.join(', ')}`);
  console.log(`Try: curl -H "authorization: Bearer $(node -p 'require("./.infra/auth/tokens.json")["alice.applicant"].token')" http://127.0.0.1:3001/cases`);
  if (demoMode) {
    console.log('\n!!! DEMO MODE: the web console hands the token of every demo user, the administrator included, to anyone');
    console.log(`!!! who can open http://127.0.0.1:${CONSOLE_PORT}/ (its sign-in page, /auth/demo-users). Do not use this system for real data.`);
    console.log('!!! DEMO_MODE=false npm start turns demo mode off (no demo users, no demo data).');
  } else {
    console.log('\nDemo mode is off (DEMO_MODE=false): the console offers no demo users.');
  }
  console.log(`\nReady in ${Math.round((Date.now() - started) / 1000)} s. Logs of the servers: .infra/logs/. A service that exits is restarted. Press Ctrl-C to stop everything.\n`);
}

async function main() {
  for (const svc of SERVICES) {
    if (!(await answering(svc))) {
      if (!stopping) console.error(`[start] ${svc.name} did not answer on ${url(svc)}/health; see its output above`);
      return stop(1);
    }
  }
  if (!(await answering(CONSOLE))) console.error(`[start] the web console did not answer on http://127.0.0.1:${CONSOLE_PORT}/health; see its output above`);
  // Demo organisations only in demo mode: a system out of demo mode may hold real data.
  const seeded = demoMode ? await seedDemo() : false;
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
  for (const entry of children) if (entry.timer) clearTimeout(entry.timer);
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
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
