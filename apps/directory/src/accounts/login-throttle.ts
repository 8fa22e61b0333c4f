import { Inject, Injectable } from '@nestjs/common';
import { errorFields, JsonLogger } from '@gbt/messaging';
import { DomainRefusal } from '@gbt/platform';
import { RedisConnection } from '../redis-connection';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../settings';

/**
 * Sign-in throttling in Redis, shared by every replica (ADR 0015): at most LOGIN_LIMIT_PER_ADDRESS
 * attempts per client address and LOGIN_LIMIT_PER_ACCOUNT failed ones per account within
 * LOGIN_WINDOW_SECONDS; over either, 429 `auth.throttled` with Retry-After. A success clears the
 * account's failures. While Redis does not answer nothing is counted (and a warning says so):
 * sign-in keeps working, as the registry's limit does.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(RedisConnection) private readonly redis: RedisConnection,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {}

  /** Counts an attempt from `address` and refuses it if that address or `account` is over its limit. */
  async attempt(address: string, account: string): Promise<void> {
    const window = this.settings.loginWindowSeconds;
    const counts = await this.run(async (r) => {
      const addressKey = this.key('address', address);
      const [[, hits], , [, addressTtl], [, failures], [, accountTtl]] = (await r
        .multi()
        .incr(addressKey)
        .expire(addressKey, window, 'NX')
        .ttl(addressKey)
        .get(this.key('account', account))
        .ttl(this.key('account', account))
        .exec()) as [unknown, number][];
      return { hits: Number(hits), addressTtl: Number(addressTtl), failures: Number(failures ?? 0), accountTtl: Number(accountTtl) };
    });
    if (!counts) return;
    if (counts.hits > this.settings.loginLimitPerAddress) this.refuse('address', counts.addressTtl);
    if (counts.failures >= this.settings.loginLimitPerAccount) this.refuse('account', counts.accountTtl);
  }

  async failed(account: string): Promise<void> {
    const key = this.key('account', account);
    await this.run((r) => r.multi().incr(key).expire(key, this.settings.loginWindowSeconds, 'NX').exec());
  }

  async succeeded(account: string): Promise<void> {
    await this.run((r) => r.del(this.key('account', account)));
  }

  private refuse(scope: 'address' | 'account', ttl: number): never {
    const retryAfterSeconds = ttl > 0 ? ttl : this.settings.loginWindowSeconds;
    throw new DomainRefusal('auth.throttled', `too many sign-in attempts for this ${scope}; try again in ${retryAfterSeconds} s`, 429, { scope, retryAfterSeconds });
  }

  private key(scope: string, value: string): string {
    return `${this.redis.prefix}:login:${scope}:${value}`;
  }

  private async run<T>(work: (redis: RedisConnection['throttle']) => Promise<T>): Promise<T | undefined> {
    try {
      return await work(this.redis.throttle);
    } catch (err) {
      this.logger.warn('sign-in throttle: Redis does not answer, this attempt is not counted', errorFields(err));
      return undefined;
    }
  }
}
