import type { OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';

/** How long a sign-in waits for the throttle's counts before it counts nothing and goes on. */
const THROTTLE_COMMAND_TIMEOUT_MS = 500;

/**
 * The directory's Redis connections: `client` for the mail queue (waits out an outage), `throttle`
 * for sign-in counts (fails at once while Redis is away, so a sign-in never hangs on it), all keys
 * under `prefix` so test runs and deployments can share one Redis.
 */
export class RedisConnection implements OnApplicationShutdown {
  readonly client: IORedis;
  readonly throttle: IORedis;

  constructor(
    url: string,
    readonly prefix: string,
  ) {
    this.client = new IORedis(url, { maxRetriesPerRequest: null });
    this.throttle = this.client.duplicate({ maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: THROTTLE_COMMAND_TIMEOUT_MS });
    this.throttle.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client.quit().catch(() => undefined), this.throttle.quit().catch(() => this.throttle.disconnect())]);
  }
}
