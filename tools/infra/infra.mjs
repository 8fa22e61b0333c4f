#!/usr/bin/env node
// Local infrastructure launcher: node tools/infra/infra.mjs up|down|status|reset|env
// MONGODB_URI, KAFKA_BROKERS and REDIS_URL in the environment mean "use that server, start nothing".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBES } from './probes.mjs';
import { SERVERS } from './servers.mjs';
import { INFRA_DIR, InfraError, pidAlive, portFree, sleep, tail } from './util.mjs';

const RUN_DIR = join(INFRA_DIR, 'run');
const LOG_DIR = join(INFRA_DIR, 'logs');
// INFRA_ONLY=kafka,redis acts on those servers alone: the reliability drills restart one at a time.
const ACTIVE = process.env.INFRA_ONLY ? SERVERS.filter((s) => process.env.INFRA_ONLY.split(',').includes(s.name)) : SERVERS;
const READY_TIMEOUT_MS = Number(process.env.INFRA_READY_TIMEOUT_MS ?? 120_000);

const pidFile = (s) => join(RUN_DIR, `${s.name}.pid`);
const logFile = (s) => join(LOG_DIR, `${s.name}.log`);
const external = (s) => process.env[s.envVar];
const urlOf = (s) => external(s) ?? s.url();

function runningPid(s) {
  if (!existsSync(pidFile(s))) return undefined;
  const pid = Number(readFileSync(pidFile(s), 'utf8'));
  return pid && pidAlive(pid, s.processMatch) ? pid : undefined;
}

async function answers(s) {
  try {
    await PROBES[s.name](urlOf(s));
    return true;
  } catch {
    return false;
  }
}

async function start(s) {
  if (external(s)) return `external ${urlOf(s)}`;
  if (runningPid(s)) return `already running (pid ${runningPid(s)})`;
  for (const port of s.ports()) {
    if (!(await portFree(port))) {
      throw new InfraError(
        `${s.name}: port ${port} on 127.0.0.1 is in use by another process. Stop it, or set ${s.envVar} to use that server, or choose other ports (INFRA_*_PORT).`,
      );
    }
  }
  s.install();
  mkdirSync(RUN_DIR, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const { cmd, args } = s.command();
  const out = openSync(logFile(s), 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  writeFileSync(pidFile(s), String(child.pid));
  return `started (pid ${child.pid})`;
}

async function waitReady(s) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (await answers(s)) return;
    if (!external(s) && !runningPid(s)) {
      throw new InfraError(`${s.name} exited during start-up. Last lines of ${logFile(s)}:\n${tail(logFile(s))}`);
    }
    if (Date.now() > deadline) {
      throw new InfraError(`${s.name} did not answer at ${urlOf(s)} within ${READY_TIMEOUT_MS} ms. See ${logFile(s)}.`);
    }
    await sleep(250);
  }
}

function envLines() {
  return SERVERS.map((s) => `${s.envVar}=${urlOf(s)}`);
}

async function up() {
  for (const s of ACTIVE) console.log(`[infra] ${s.name}: ${await start(s)}`);
  await Promise.all(ACTIVE.map(waitReady));
  mkdirSync(INFRA_DIR, { recursive: true });
  writeFileSync(join(INFRA_DIR, 'env'), envLines().join('\n') + '\n');
  console.log('[infra] ready:');
  for (const line of envLines()) console.log(`  ${line}`);
}

async function stop(s) {
  const pid = runningPid(s);
  if (!pid) {
    if (existsSync(pidFile(s))) unlinkSync(pidFile(s));
    return 'not running';
  }
  process.kill(-pid, 'SIGTERM');
  for (let i = 0; i < 80 && pidAlive(pid, s.processMatch); i++) await sleep(250);
  if (pidAlive(pid, s.processMatch)) process.kill(-pid, 'SIGKILL');
  unlinkSync(pidFile(s));
  return `stopped (pid ${pid})`;
}

async function down() {
  for (const s of [...ACTIVE].reverse()) {
    if (!external(s)) console.log(`[infra] ${s.name}: ${await stop(s)}`);
  }
}

async function status() {
  let allUp = true;
  for (const s of ACTIVE) {
    const ok = await answers(s);
    allUp &&= ok;
    const who = external(s) ? 'external' : runningPid(s) ? `pid ${runningPid(s)}` : 'not running';
    console.log(`${s.name.padEnd(9)} ${ok ? 'answering' : 'DOWN     '} ${urlOf(s).padEnd(28)} ${who}`);
  }
  return allUp ? 0 : 1;
}

async function reset() {
  await down();
  for (const dir of ['redis', 'ferretdb', join('kafka', 'data'), 'logs']) {
    rmSync(join(INFRA_DIR, dir), { recursive: true, force: true });
  }
  console.log('[infra] data removed (installed binaries and jars kept)');
}

const commands = {
  up,
  down,
  status,
  reset,
  env: async () => console.log(envLines().map((l) => `export ${l}`).join('\n')),
};

const name = process.argv[2];
if (!commands[name]) {
  console.error('usage: node tools/infra/infra.mjs up|down|status|reset|env');
  process.exit(2);
}
try {
  process.exitCode = (await commands[name]()) ?? 0;
} catch (err) {
  if (!(err instanceof InfraError)) throw err;
  console.error(`[infra] ${err.message}`);
  process.exitCode = 1;
}
