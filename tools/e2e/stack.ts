import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { demoAuth } from '@gbt/auth';
import { MongoClient } from 'mongodb';
import { dropDatabase, freePort, publishDemoDirectory, startGroupsAtTopicEnds, testServers, uniqueName, waitFor, waitForDemoDirectory } from '@gbt/testing';
import { DirectorySessions } from './directory-sessions';
import { ClockFile, type Platform } from '../scenario';

const ROOT = join(__dirname, '..', '..');
const SERVICES = {
  applications: 'apps/applications/src/main.ts',
  'evidence-review': 'apps/evidence-review/src/main.ts',
  scoring: 'apps/scoring/src/main.ts',
  certificates: 'apps/certificates/src/main.ts',
  directory: 'apps/directory/src/main.ts',
} as const;
export type ServiceName = keyof typeof SERVICES;
export const ALL_SERVICES = Object.keys(SERVICES) as ServiceName[];

/**
 * The Kafka consumers each service starts (`consumers.start(name)`; the group is `<database>.<name>`).
 * A consumer missing here still works: it only reads the topics' whole history first.
 */
const CONSUMERS: Record<ServiceName, readonly string[]> = {
  applications: ['lifecycle', 'case-list', 'staff-competence', 'organisation-members'],
  'evidence-review': ['cases', 'case-access', 'staff-competence', 'audit-plans'],
  scoring: ['review-results', 'case-access', 'staff-competence'],
  certificates: ['lifecycle', 'evaluations', 'case-access', 'replies', 'staff-competence', 'reports', 'audit-sites'],
  directory: ['organisations', 'report-reminders'],
};

/**
 * A fresh stack's groups start at the topics' ends (see startGroupsAtTopicEnds): the stack is then
 * as `npm start` on an empty Kafka, not busy with every earlier run's events, certificates and timers.
 */
const skipKafkaHistory = (brokers: string, groups: readonly string[]) =>
  startGroupsAtTopicEnds(new Kafka({ clientId: uniqueName('e2e-offsets'), brokers: brokers.split(','), logLevel: logLevel.NOTHING }), groups);

interface Running {
  readonly name: ServiceName;
  readonly port: number;
  readonly database: string;
  readonly env: NodeJS.ProcessEnv;
  child: ChildProcess;
  output: string[];
}

function spawnService(s: Omit<Running, 'child' | 'output'>): Running {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', SERVICES[s.name]], { cwd: ROOT, env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(String(d));
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { ...s, child, output };
}

async function answering(s: Running, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    async () => {
      if (s.child.exitCode !== null || s.child.signalCode !== null) throw new Error(`${s.name} exited (${s.child.signalCode ?? s.child.exitCode}): ${s.output.join('').slice(-2_000)}`);
      return (await request(`http://127.0.0.1:${s.port}`).get('/health').catch(() => null))?.status === 200;
    },
    timeoutMs,
    `${s.name} to answer on port ${s.port}`,
  );
}

/** The services that judge competence and impartiality from the directory's facts (their `staff_competence`). */
const JUDGING: readonly ServiceName[] = ['evidence-review', 'certificates'];

/**
 * The demo staff's directory facts on the stack's Kafka, and each judging service holding them
 * before a test claims or decides. The directory service, when in the stack, seeds the same facts
 * in demo mode: the two are harmless duplicates.
 */
async function demoStaffKnown(servers: { brokers: string; mongoUri: string }, databases: readonly string[]): Promise<void> {
  await publishDemoDirectory(new Kafka({ clientId: uniqueName('e2e-directory'), brokers: servers.brokers.split(','), logLevel: logLevel.NOTHING }));
  const client = await new MongoClient(servers.mongoUri).connect();
  try {
    // A busy machine may take a while to start every consumer group of a service.
    for (const database of databases) await waitForDemoDirectory(client.db(database), 150_000);
  } finally {
    await client.close();
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });

export interface StackOptions {
  /** Read the shared topics' history from the beginning, as a service with new groups does (slow on a busy Kafka). */
  readonly replayKafkaHistory?: boolean;
  /** Servers other than the shared test servers (the drills bring a Kafka and a Redis of their own, the aging benchmark a FerretDB too). */
  readonly servers?: Partial<ReturnType<typeof testServers>>;
  /**
   * Tokens of people the directory does not list: "accept" (the default here) lets tests and drills
   * sign development tokens for made-up people; "refuse" is what a running body does.
   */
  readonly unlistedPeople?: 'accept' | 'refuse';
}

/**
 * The services as separate processes started from their own main.ts, as `npm start` runs them,
 * each with a database and queue prefix of this run, on the real servers. They share one
 * simulated clock file: `setNow` and `advance` move the whole stack's time together, and the
 * certificates service sweeps its timers every half second, so due timers fire within a second.
 * The directory is always part of it: the demo people sign in through it (`DirectorySessions`),
 * and `as`/`platform.token` are the tokens it issued. The development issuer stays trusted only
 * so that tests can forge tokens on purpose (`issuer`).
 */
export async function startStack(wanted: readonly ServiceName[] = ALL_SERVICES, options: StackOptions = {}) {
  const names: readonly ServiceName[] = wanted.includes('directory') ? wanted : [...wanted, 'directory'];
  const auth = await demoAuth({ unlistedPeople: options.unlistedPeople ?? 'accept' });
  const run = uniqueName('e2e').replace(/-/g, '_');
  const servers = { ...testServers(), ...options.servers };
  const scratch = mkdtempSync(join(tmpdir(), 'e2e-stack-'));
  const clock = new ClockFile(join(scratch, 'clock.json'));
  await clock.reset();

  const common: NodeJS.ProcessEnv = {
    ...process.env,
    MONGODB_URI: servers.mongoUri,
    KAFKA_BROKERS: servers.brokers,
    REDIS_URL: servers.redisUrl,
    AUTH_ISSUER: auth.config.issuer,
    AUTH_AUDIENCE: auth.config.audience,
    AUTH_JWKS_FILE: auth.config.jwksFile,
    AUTH_UNLISTED_PEOPLE: auth.config.unlistedPeople,
    SIMULATED_CLOCK_FILE: clock.file,
    LOG_LEVEL: 'warn',
  };
  const perService: Record<ServiceName, NodeJS.ProcessEnv> = {
    applications: { EVIDENCE_DIR: mkdtempSync(join(scratch, 'evidence-')) },
    'evidence-review': { REVIEW_QUEUE_PREFIX: run, REVIEW_TIMER_SWEEP_INTERVAL_MS: '500' },
    scoring: {},
    certificates: {
      CERTIFICATE_KEYS_DIR: mkdtempSync(join(scratch, 'keys-')),
      LOG_KEYS_DIR: mkdtempSync(join(scratch, 'log-keys-')),
      // The appender signs a head right after it appends; the scheduled signer is the fallback.
      LOG_TREE_HEAD_INTERVAL_MS: '10000',
      CERTIFICATE_KEYS_GENERATE: 'true',
      CERTIFICATE_QUEUE_PREFIX: run,
      // Runs share the topics, so each numbers from its own random point to keep numbers apart.
      CERTIFICATE_FIRST_SEQUENCE: String(1 + Math.floor(Math.random() * 900_000)),
      REGISTRY_RATE_LIMIT_PER_MINUTE: '100000',
      COMPLAINT_RATE_LIMIT_PER_HOUR: '100000',
      TIMER_SWEEP_INTERVAL_MS: '500',
    },
    // Demo mode as `npm start` runs it: the demo people and qualifications, one-click sign-in, the mail outbox readable.
    directory: {
      DEMO_MODE: 'true',
      DIRECTORY_KEYS_DIR: mkdtempSync(join(scratch, 'directory-keys-')),
      DIRECTORY_REDIS_PREFIX: run,
      LOGIN_LIMIT_PER_ADDRESS: '100000',
    },
  };

  const planned = await Promise.all(
    names.map(async (name) => {
      const port = await freePort();
      const database = `${run}_${name.replace(/-/g, '_')}`;
      return { name, port, database, env: { ...common, ...perService[name], PORT: String(port), MONGODB_DATABASE: database } };
    }),
  );
  if (!options.replayKafkaHistory) await skipKafkaHistory(servers.brokers, planned.flatMap((s) => CONSUMERS[s.name].map((c) => `${s.database}.${c}`)));
  const started = planned.map(spawnService);
  let sessions: DirectorySessions;
  try {
    for (const s of started) await answering(s);
    await demoStaffKnown(servers, started.filter((s) => JUDGING.includes(s.name)).map((s) => s.database));
    const directory = started.find((s) => s.name === 'directory');
    sessions = await DirectorySessions.start(() => `http://127.0.0.1:${directory?.port}`);
  } catch (err) {
    for (const s of started) s.child.kill('SIGKILL');
    throw err;
  }

  const find = (name: ServiceName) => {
    const s = started.find((x) => x.name === name);
    if (!s) throw new Error(`${name} is not part of this stack (${names.join(', ')})`);
    return s;
  };
  const url = (name: ServiceName) => `http://127.0.0.1:${find(name).port}`;
  const platform: Platform = { url: (name) => url(name), token: (user) => sessions.token(user) };

  const stack = {
    run,
    http: (name: ServiceName) => request(url(name)),
    /** The Authorization header of a demo person's access token from the directory. */
    as: (user: string) => sessions.authorization(user),
    /** The demo people's sessions at the directory (to renew them at once after moving far in time, say). */
    sessions,
    /** The stack's development issuer, to sign tokens of any shape. */
    issuer: auth.issuer,
    url,
    /** The database a service of this stack writes to. */
    database: (name: ServiceName) => find(name).database,
    /** For the scenario actors (tools/scenario): the services' addresses and the demo users' tokens. */
    platform,
    /** The simulated clock file every service of the stack reads. */
    clock,
    /** The stack's simulated time. */
    now: () => clock.now(),
    /** Moves every service's clock to `at` (and on with real time from there); waits until each has read it. */
    setNow: (at: Date | string) => clock.setNow(at),
    advance: (ms: number) => clock.advance(ms),
    /** A service's process id (the benchmarks read its CPU time). */
    pid: (name: ServiceName) => find(name).child.pid,
    /** The last lines a service wrote, for a failing test's message. */
    logs: (name: ServiceName) => find(name).output.join('').slice(-5_000),
    /** Kills a service's process (default SIGKILL: a crash, nothing flushed or closed) and waits until it is gone. */
    async kill(name: ServiceName, signal: NodeJS.Signals = 'SIGKILL') {
      const s = find(name);
      const gone = exited(s.child);
      s.child.kill(signal);
      await gone;
    },
    /** Starts a service again (killing it first if it still runs) with the same port, database, queue prefix, keys and clock. */
    async restart(name: ServiceName) {
      await stack.kill(name);
      const again = spawnService(find(name));
      started[started.indexOf(find(name))] = again;
      await answering(again);
      // Tokens that ran out while the directory was down are renewed now, not at the next look in up to 15 s.
      if (name === 'directory') await sessions.renewDue();
    },
    async stop() {
      sessions.stop();
      await Promise.all(
        started.map(async (s) => {
          const gone = exited(s.child);
          s.child.kill('SIGTERM');
          const hard = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
          await gone;
          clearTimeout(hard);
        }),
      );
      // Only once nothing uses them (see dropDatabase); the queues and timers of this run go too.
      for (const s of started) await dropDatabase(s.database, servers.mongoUri);
      const redis = new IORedis(servers.redisUrl);
      try {
        for (let cursor = '0'; ; ) {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${run}:*`, 'COUNT', 1_000);
          if (keys.length) await redis.del(...keys);
          if ((cursor = next) === '0') break;
        }
      } finally {
        redis.disconnect();
      }
      rmSync(scratch, { recursive: true, force: true });
    },
  };
  return stack;
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
