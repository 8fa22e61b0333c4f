import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@gbt/testing';

const ROOT = join(__dirname, '..', '..');

export type RestartableServer = 'kafka' | 'redis';

/**
 * A Kafka broker and a Redis of the drill's own, started by the project's infra script on free
 * ports in a scratch folder: the drills restart them mid-flow, which must not disturb the test
 * files running beside them on the shared servers, and their topics carry only the drill's events.
 * The database stays the shared one (nothing here restarts it), and Kafka's jars are the ones
 * `infra up` already installed. Without `mongoUri`, a FerretDB of its own too (FerretDB's binary
 * the one `infra up` built): the aging benchmark measures the CPU and latencies of its stack alone.
 */
export async function startDrillServers(mongoUri?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'drill-infra-'));
  const installed = (what: string) => {
    const path = join(ROOT, '.infra', what);
    if (!existsSync(path)) throw new Error(`${path} is missing: run "node tools/infra/infra.mjs up" once first`);
    mkdirSync(join(dir, what, '..'), { recursive: true });
    symlinkSync(path, join(dir, what));
  };
  installed(join('kafka', 'libs'));
  if (!mongoUri) installed('bin');
  const [kafkaPort, controllerPort, redisPort, mongoPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const { KAFKA_BROKERS: _kafka, REDIS_URL: _redis, MONGODB_URI: _mongo, ...inherited } = process.env;
  const env = {
    ...inherited,
    INFRA_DIR: dir,
    INFRA_KAFKA_PORT: String(kafkaPort),
    INFRA_KAFKA_CONTROLLER_PORT: String(controllerPort),
    INFRA_REDIS_PORT: String(redisPort),
    INFRA_MONGO_PORT: String(mongoPort),
    ...(mongoUri ? { MONGODB_URI: mongoUri } : {}),
  };
  const all = mongoUri ? 'kafka,redis' : 'ferretdb,kafka,redis';
  const infra = (command: string, only = all) => {
    const result = spawnSync(process.execPath, [join(ROOT, 'tools/infra/infra.mjs'), command], { env: { ...env, INFRA_ONLY: only }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`infra ${command} ${only} failed:\n${result.stdout}\n${result.stderr}`);
  };
  infra('up');
  return {
    mongoUri: mongoUri ?? `mongodb://127.0.0.1:${mongoPort}/`,
    brokers: `127.0.0.1:${kafkaPort}`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    /** Each server's process id by name (from the infra script's pid files), to read their CPU time. */
    pids(): Record<string, number> {
      const file = (name: string) => join(dir, 'run', `${name}.pid`);
      return Object.fromEntries(all.split(',').flatMap((name) => (existsSync(file(name)) ? [[name, Number(readFileSync(file(name), 'utf8').trim())]] : [])));
    },
    /** Stops one server as an operator would (SIGTERM, then SIGKILL if it lingers) and starts it again on its data. */
    restart(server: RestartableServer): number {
      const started = Date.now();
      infra('down', server);
      infra('up', server);
      return Date.now() - started;
    },
    stop() {
      infra('down');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type DrillServers = Awaited<ReturnType<typeof startDrillServers>>;
