// Small process helpers for the infra launcher: no dependencies beyond Node itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..');
export const INFRA_DIR = process.env.INFRA_DIR ?? join(ROOT, '.infra');

/** An expected failure: printed as one clear line, never as a stack trace. */
export class InfraError extends Error {}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function run(cmd, args, { cwd, env, capture = false } = {}) {
  const res = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (res.error) throw new InfraError(`${cmd} could not be started: ${res.error.message}`);
  if (res.status !== 0) {
    const detail = capture ? `\n${res.stderr || res.stdout}` : '';
    throw new InfraError(`${cmd} ${args.join(' ')} failed with exit code ${res.status}${detail}`);
  }
  return res.stdout ?? '';
}

export function pidAlive(pid, processMatch) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // Guards against a recycled pid belonging to some other program.
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes(processMatch);
}

export function portFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function tail(file, lines = 15) {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
