import { Inject, Injectable, Logger, type LoggerService, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import IORedis from 'ioredis';
import type { Db } from 'mongodb';
import { KafkaAdmin } from './kafka-admin';
import type { ServiceConfig } from './service-config';
import { MONGO_DB, SERVICE_CONFIG } from './tokens';

/** How long one dependency may take to answer a readiness check before it counts as down. */
export const CHECK_TIMEOUT_MS = 2_000;

/** What a check reports besides terminus's `status: 'up' | 'down'`. */
export type CheckFields = {
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
};

/**
 * terminus logs every failed readiness check as an error; a server that does not answer is that
 * server's error, not this service's, so it is logged as a warning (through the service's JSON logger).
 */
export class HealthCheckLogger implements LoggerService {
  private readonly logger = new Logger('health');

  log(message: unknown): void {
    this.logger.log(message);
  }
  error(message: unknown): void {
    this.logger.warn(message);
  }
  warn(message: unknown): void {
    this.logger.warn(message);
  }
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs one check within its own budget and reports it as terminus's up or down, never throwing,
 * so a dead server makes the probe say "not ready" quickly instead of hanging it.
 */
async function timedCheck<const Key extends string>(
  indicators: HealthIndicatorService,
  key: Key,
  what: string,
  run: () => Promise<unknown>,
): Promise<HealthIndicatorResult<Key>> {
  const session = indicators.check(key);
  const started = Date.now();
  try {
    await within(run(), what);
    return session.up<CheckFields>({ ok: true, ms: Date.now() - started });
  } catch (err) {
    return session.down<CheckFields>({ ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) });
  }
}

/** The service's database answers a ping (the raw driver's `Db`, so terminus's Mongoose indicator does not fit). */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(MONGO_DB) private readonly db: Db,
  ) {}

  check<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    return timedCheck(this.indicators, key, 'the database', () => this.db.command({ ping: 1 }));
  }
}

/** Kafka answers a cluster-metadata request on the service's shared admin connection. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(KafkaAdmin) private readonly admin: KafkaAdmin,
  ) {}

  check<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    return timedCheck(this.indicators, key, 'Kafka', async () => (await this.admin.get()).describeCluster());
  }
}

/**
 * Redis answers a PING on a connection of its own. No offline queue and no reconnect loop: while
 * Redis is down a check fails at once, and the next check connects again, so nothing keeps
 * retrying in the background between probes.
 */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly redis: IORedis;
  private connecting?: Promise<void>;

  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.redis = new IORedis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    this.redis.on('error', () => undefined);
  }

  check<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    return timedCheck(this.indicators, key, 'Redis', () => this.ping());
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private async ping(): Promise<void> {
    // Probes that overlap share one connection attempt instead of the second failing as "already connecting".
    if (!this.connecting && ['wait', 'end', 'close'].includes(this.redis.status)) {
      this.connecting = this.redis.connect().finally(() => (this.connecting = undefined));
    }
    await this.connecting;
    await this.redis.ping();
  }
}
