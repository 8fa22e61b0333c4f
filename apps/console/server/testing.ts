// The console server as its own process, for tests and drills: it runs as npm start runs it (main.ts),
// so "one request must not end the process" is tested on a real process, and a crash shows as an exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@gbt/testing';
import type { ServiceName } from './services';

const ROOT = join(__dirname, '..', '..', '..');

export interface ConsoleProcessOptions {
  readonly services: Readonly<Record<ServiceName, string>>;
  readonly demo?: boolean;
  readonly demoTokensFile?: string;
  /** The built app to serve (default dist/apps/console); it is never built here, and may be missing. */
  readonly dist?: string;
  readonly startTimeoutMs?: number;
  /** A port chosen beforehand (an identity provider's redirect URI names it); a free one otherwise. */
  readonly port?: number;
}

export interface ConsoleProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Whether the process still runs. */
  alive(): boolean;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts apps/console/server/main.ts (never building the app) on a free loopback port and waits until it answers /health. */
export async function startConsoleProcess(options: ConsoleProcessOptions): Promise<ConsoleProcess> {
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    CONSOLE_BUILD: 'false',
    CONSOLE_SERVICE_URLS: JSON.stringify(options.services),
    DEMO_MODE: options.demo ? 'true' : 'false',
  };
  if (options.dist) env.CONSOLE_DIST = options.dist;
  if (options.demoTokensFile) env.CONSOLE_DEMO_TOKENS_FILE = options.demoTokensFile;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/console/server/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!alive()) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => alive() && child.kill('SIGKILL'), 5_000).unref();
    });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (!alive()) throw new Error(`the console server exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (health?.ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the console server did not answer ${url}/health in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, child, alive, output: () => output, stop };
}

export interface RawAnswer {
  /** The status of the answer, or 0 when the connection closed (or timed out) without one. */
  readonly status: number;
  readonly head: string;
  readonly body: string;
}

/**
 * Sends bytes exactly as given (fetch and curl would normalise "..", "//" and "\\" away, and cannot
 * send absolute-form targets, CONNECT or broken headers) and reads the answer until the server closes.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const at = text.indexOf('\r\n\r\n');
      const head = at < 0 ? text : text.slice(0, at);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), head, body: at < 0 ? '' : text.slice(at + 4) });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', done);
    socket.on('error', done);
    socket.on('close', done);
    socket.write(request);
  });
}
