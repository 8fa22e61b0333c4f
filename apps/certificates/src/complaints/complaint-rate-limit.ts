import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import type { ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { RedisConnection } from '../redis-connection';
import { RegistryRateLimit } from '../registry/rate-limit.guard';
import { COMPLAINT_SETTINGS, type ComplaintSettings } from './complaint-settings';

const HOUR_MS = 3_600_000;

/**
 * The public complaint form's limit: the registry's mechanism (ADR 0015: counted in Redis, shared
 * by replicas, failing open per replica, the same client address) with a count of its own,
 * COMPLAINT_RATE_LIMIT_PER_HOUR complaints per address and hour. Over it: 429 with Retry-After.
 */
@Injectable()
export class ComplaintRateLimit extends RegistryRateLimit {
  @Inject(COMPLAINT_SETTINGS) private readonly complaintSettings!: ComplaintSettings;
  @Inject(RedisConnection) private readonly redis!: RedisConnection;

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({
      ...request,
      limit: this.complaintSettings.ratePerHour,
      ttl: HOUR_MS,
      blockDuration: HOUR_MS,
      generateKey: (_context, tracker) => `${this.redis.prefix}:complaint-rate:${tracker}`,
    });
  }

  protected override async getErrorMessage(_context: ExecutionContext, { limit, timeToBlockExpire }: ThrottlerLimitDetail): Promise<string> {
    return `too many complaints from this address: at most ${limit} an hour, try again in ${timeToBlockExpire} s`;
  }
}
