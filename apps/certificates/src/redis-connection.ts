import type { OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';

/** How long the rate limit waits for Redis before it counts on its own (see RegistryRateLimit). */
const RATE_LIMIT_COMMAND_TIMEOUT_MS = 500;

/**
 * The service's Redis connections (timers and PDF jobs on `client`, the registry's rate limit on
 * `rateLimits`) and the prefix under which it keeps everything, so test runs and deployments can
 * share one Redis. They close last, after every queue and worker has closed in beforeApplicationShutdown.
 */
export class RedisConnection implements OnApplicationShutdown {
  /** Waits for Redis as long as it takes: a timer or job must not be lost to a short outage. */
  readonly client: IORedis;
  /**
   * The same server, but a command fails at once while Redis is away (no offline queue, no retry)
   * or after a short timeout if it stalls, so a public request never waits on Redis.
   */
  readonly rateLimits: IORedis;

  constructor(
    url: string,
    readonly prefix: string,
  ) {
    this.client = new IORedis(url, { maxRetriesPerRequest: null });
    this.rateLimits = this.client.duplicate({ maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: RATE_LIMIT_COMMAND_TIMEOUT_MS });
    // Its failures are reported by the rate limit, once per outage, not on every reconnection attempt.
    this.rateLimits.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client.quit().catch(() => undefined), this.rateLimits.quit().catch(() => this.rateLimits.disconnect())]);
  }
}
