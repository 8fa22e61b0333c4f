import type { OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';

/**
 * The service's one Redis connection (timers, PDF jobs, the registry's rate limit) and the prefix
 * under which it keeps everything, so test runs and deployments can share one Redis. It closes
 * last, after every queue and worker has closed in beforeApplicationShutdown.
 */
export class RedisConnection implements OnApplicationShutdown {
  readonly client: IORedis;

  constructor(
    url: string,
    readonly prefix: string,
  ) {
    this.client = new IORedis(url, { maxRetriesPerRequest: null });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}
