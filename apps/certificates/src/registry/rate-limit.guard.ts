import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { RedisConnection } from '../redis-connection';

/**
 * Public endpoints: a fixed one-minute window per client address, counted in Redis so every
 * replica of the service shares it. Over the limit: 429 with Retry-After.
 */
@Injectable()
export class RegistryRateLimit implements CanActivate {
  constructor(
    @Inject(RedisConnection) private readonly redis: RedisConnection,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const window = Math.floor(Date.now() / 60_000);
    const key = `${this.redis.prefix}:registry-rate:${req.ip ?? 'unknown'}:${window}`;
    const used = await this.redis.client.incr(key);
    if (used === 1) await this.redis.client.expire(key, 61);
    const limit = this.settings.registryRateLimitPerMinute;
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - used)));
    if (used <= limit) return true;
    const retryAfter = 60 - Math.floor((Date.now() / 1_000) % 60);
    res.setHeader('Retry-After', String(retryAfter));
    throw new HttpException(`too many registry requests from this address: at most ${limit} a minute, try again in ${retryAfter} s`, 429);
  }
}
