import { Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { getOptionsToken, getStorageToken, ThrottlerGuard, ThrottlerStorageService, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { errorFields, JsonLogger } from '@gbt/messaging';
import { RedisConnection } from '../redis-connection';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const MINUTE_MS = 60_000;
/** While Redis is away, how often the warning is repeated (with how many requests were counted locally meanwhile). */
const OUTAGE_WARNING_EVERY_MS = MINUTE_MS;

/**
 * The public endpoints' rate limit (@nestjs/throttler, used only where a controller says
 * `@UseGuards(RegistryRateLimit)`): REGISTRY_RATE_LIMIT_PER_MINUTE requests a minute per client
 * address, counted in Redis so every replica shares the counts. Over the limit the address is
 * refused for a minute: 429 with Retry-After (seconds) and a problem+json `detail`.
 *
 * The client address is the socket's (`req.ip` with Express's "trust proxy" off): X-Forwarded-For
 * is not trusted, so a client cannot pick its own address. IPv6 addresses count per /64, as the
 * throttler does by default, since one host may use any address of its /64.
 */
@Injectable()
export class RegistryRateLimit extends ThrottlerGuard {
  // RateLimit-Limit, -Remaining and -Reset, the names these answers carried before.
  protected override headerPrefix = 'RateLimit';

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return (await super.getTracker(req)) || 'unknown';
  }
}

/**
 * Counts in Redis; when Redis fails or stalls, the request is not refused: this replica counts
 * on its own (the limit then holds per replica) and says so in a warning, repeated each minute
 * of the outage, and logs when Redis answers again. See docs/adr/0015-shared-rate-limits.md.
 */
export class SharedRateLimitCounts implements ThrottlerStorage, OnApplicationShutdown {
  private readonly shared: ThrottlerStorage;
  private readonly local = new ThrottlerStorageService();
  private outage: { since: number; warnedAt: number; countedLocally: number } | undefined;

  constructor(
    redis: RedisConnection,
    private readonly logger: JsonLogger,
    private readonly now: () => number = Date.now,
  ) {
    this.shared = new ThrottlerStorageRedisService(redis.rateLimits);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    let record: ThrottlerStorageRecord;
    try {
      record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (err) {
      this.failed(err);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    if (this.outage) {
      this.logger.info('registry rate limit: Redis answers again, the counts are shared by every replica again', { outageMs: this.now() - this.outage.since, countedLocally: this.outage.countedLocally });
      this.outage = undefined;
    }
    return record;
  }

  private failed(err: unknown): void {
    const now = this.now();
    this.outage ??= { since: now, warnedAt: -Infinity, countedLocally: 0 };
    this.outage.countedLocally++;
    if (now - this.outage.warnedAt < OUTAGE_WARNING_EVERY_MS) return;
    this.outage.warnedAt = now;
    this.logger.warn('registry rate limit: Redis does not answer, this replica counts requests on its own until it does', {
      outageMs: now - this.outage.since,
      countedLocally: this.outage.countedLocally,
      ...errorFields(err),
    });
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }
}

/** What RegistryRateLimit needs, for the certificates module's providers; the Redis keys start with the service's prefix. */
export const registryRateLimitProviders: Provider[] = [
  {
    provide: getOptionsToken(),
    inject: [CERTIFICATES_SETTINGS, RedisConnection],
    useFactory: (settings: CertificatesSettings, redis: RedisConnection): ThrottlerModuleOptions => ({
      // The default throttler, so the header is plain Retry-After; blocked for as long as the window.
      throttlers: [{ limit: settings.registryRateLimitPerMinute, ttl: MINUTE_MS }],
      // One count per address for every limited endpoint together, as before (not one per route).
      generateKey: (_context, tracker) => `${redis.prefix}:registry-rate:${tracker}`,
      errorMessage: (_context, { limit, timeToBlockExpire }) =>
        `too many registry requests from this address: at most ${limit} a minute, try again in ${timeToBlockExpire} s`,
    }),
  },
  { provide: getStorageToken(), inject: [RedisConnection, JsonLogger], useFactory: (redis: RedisConnection, logger: JsonLogger) => new SharedRateLimitCounts(redis, logger) },
  RegistryRateLimit,
];
