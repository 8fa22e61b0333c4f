import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { demoAuth } from '@gbt/auth';
import { dropDatabase, testServers, uniqueName, waitFor } from '@gbt/testing';

const ROOT = join(__dirname, '..', '..');
const SERVICES = { applications: 'apps/applications/src/main.ts', 'evidence-review': 'apps/evidence-review/src/main.ts', scoring: 'apps/scoring/src/main.ts' } as const;
export type ServiceName = keyof typeof SERVICES;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * The services as separate processes started from their own main.ts, as `npm start` runs them,
 * each with a database and queue prefix of this run, on the real servers.
 */
export async function startStack(names: readonly ServiceName[]) {
  const auth = await demoAuth();
  const run = uniqueName('e2e').replace(/-/g, '_');
  const servers = testServers();
  const started: { name: ServiceName; port: number; database: string; child: ChildProcess; output: string[] }[] = [];
  for (const name of names) {
    const port = await freePort();
    const database = `${run}_${name.replace(/-/g, '_')}`;
    const env = {
      ...process.env,
      PORT: String(port),
      MONGODB_URI: servers.mongoUri,
      MONGODB_DATABASE: database,
      KAFKA_BROKERS: servers.brokers,
      REDIS_URL: servers.redisUrl,
      REVIEW_QUEUE_PREFIX: run,
      EVIDENCE_DIR: mkdtempSync(join(tmpdir(), 'e2e-evidence-')),
      AUTH_ISSUER: auth.config.issuer,
      AUTH_AUDIENCE: auth.config.audience,
      AUTH_JWKS_FILE: auth.config.jwksFile,
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', SERVICES[name]], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout?.on('data', (d) => output.push(String(d)));
    child.stderr?.on('data', (d) => output.push(String(d)));
    started.push({ name, port, database, child, output });
  }
  for (const s of started) {
    await waitFor(
      async () => {
        if (s.child.exitCode !== null) throw new Error(`${s.name} exited: ${s.output.join('').slice(-2_000)}`);
        return (await request(`http://127.0.0.1:${s.port}`).get('/health').catch(() => null))?.status === 200;
      },
      60_000,
      `${s.name} to answer`,
    );
  }
  const port = (name: ServiceName) => started.find((s) => s.name === name)!.port;
  return {
    http: (name: ServiceName) => request(`http://127.0.0.1:${port(name)}`),
    as: auth.as,
    async stop() {
      await Promise.all(
        started.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.child.exitCode !== null) return resolve();
              s.child.once('exit', () => resolve());
              s.child.kill('SIGTERM');
            }),
        ),
      );
      for (const s of started) await dropDatabase(s.database);
    },
  };
}
