import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import type { Db } from 'mongodb';
import type { ServiceConfig } from './service-config';
import { KafkaAdmin } from './kafka-admin';
import { MONGO_DB, SERVICE_CONFIG } from './tokens';

export type DependencyName = 'database' | 'kafka' | 'redis';
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<DependencyName, { ok: boolean; ms: number; error?: string }>;
}

const CHECK_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether the servers this service needs answer now. Each check has its own short-lived budget,
 * so a dead server makes the probe say "not ready" quickly instead of hanging it.
 */
@Injectable()
export class Readiness implements OnApplicationShutdown {
  private readonly redis: IORedis;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(MONGO_DB) private readonly db: Db,
    @Inject(KafkaAdmin) private readonly admin: KafkaAdmin,
  ) {
    // No offline queue and no reconnect loop: while Redis is down a check fails at once, and the
    // next check connects again, so nothing keeps retrying in the background between probes.
    this.redis = new IORedis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<ReadinessReport> {
    const [database, kafka, redis] = await Promise.all([
      this.probe(() => this.db.command({ ping: 1 }), 'the database'),
      this.probe(async () => (await this.admin.get()).describeCluster(), 'Kafka'),
      this.probe(() => this.pingRedis(), 'Redis'),
    ]);
    return { ready: database.ok && kafka.ok && redis.ok, checks: { database, kafka, redis } };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private async probe(run: () => Promise<unknown>, what: string): Promise<{ ok: boolean; ms: number; error?: string }> {
    const started = Date.now();
    try {
      await within(run(), what);
      return { ok: true, ms: Date.now() - started };
    } catch (err) {
      return { ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) };
    }
  }

  private async pingRedis(): Promise<void> {
    if (['wait', 'end', 'close'].includes(this.redis.status)) await this.redis.connect();
    await this.redis.ping();
  }
}
