import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
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
 * `infra up` already installed.
 */
export async function startDrillServers(mongoUri: string) {
  const dir = mkdtempSync(join(tmpdir(), 'drill-infra-'));
  const installedJars = join(ROOT, '.infra', 'kafka', 'libs');
  if (!existsSync(installedJars)) throw new Error(`Kafka's jars are missing at ${installedJars}: run "node tools/infra/infra.mjs up" once first`);
  mkdirSync(join(dir, 'kafka'), { recursive: true });
  symlinkSync(installedJars, join(dir, 'kafka', 'libs'));
  const [kafkaPort, controllerPort, redisPort] = [await freePort(), await freePort(), await freePort()];
  const { KAFKA_BROKERS: _kafka, REDIS_URL: _redis, ...inherited } = process.env;
  const env = {
    ...inherited,
    INFRA_DIR: dir,
    INFRA_KAFKA_PORT: String(kafkaPort),
    INFRA_KAFKA_CONTROLLER_PORT: String(controllerPort),
    INFRA_REDIS_PORT: String(redisPort),
    MONGODB_URI: mongoUri,
  };
  const infra = (command: string, only = 'kafka,redis') => {
    const result = spawnSync(process.execPath, [join(ROOT, 'tools/infra/infra.mjs'), command], { env: { ...env, INFRA_ONLY: only }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`infra ${command} ${only} failed:\n${result.stdout}\n${result.stderr}`);
  };
  infra('up');
  return {
    brokers: `127.0.0.1:${kafkaPort}`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
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
