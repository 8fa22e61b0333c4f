import { DomainRefusal } from '@gbt/platform';
import { JsonLogger } from '@gbt/messaging';
import { testServers, uniqueName } from '@gbt/testing';
import { RedisConnection } from '../redis-connection';
import { settingsFromEnv } from '../settings';
import { LoginThrottle } from './login-throttle';

const refusalOf = (attempt: Promise<void>) => attempt.then(() => null, (err: unknown) => (err instanceof DomainRefusal ? { code: err.code, status: err.status, ...err.params } : err));

describe('sign-in throttling in Redis', () => {
  const redis = new RedisConnection(testServers().redisUrl, uniqueName('throttle'));
  const settings = { ...settingsFromEnv({}), loginLimitPerAddress: 3, loginLimitPerAccount: 2, loginWindowSeconds: 60 };
  const throttle = new LoginThrottle(redis, settings, new JsonLogger('throttle-test', 'error'));
  // The throttle's connection queues nothing while it connects (a sign-in never waits on Redis): wait until it is up.
  beforeAll(() => new Promise<void>((resolve) => (redis.throttle.status === 'ready' ? resolve() : redis.throttle.once('ready', () => resolve()))));
  afterAll(() => redis.onApplicationShutdown());

  it('refuses an address over its attempts, whichever accounts it tries', async () => {
    for (const account of ['a@x.example', 'b@x.example', 'c@x.example']) expect(await refusalOf(throttle.attempt('192.0.2.1', account))).toBeNull();
    expect(await refusalOf(throttle.attempt('192.0.2.1', 'd@x.example'))).toMatchObject({ code: 'auth.throttled', status: 429, scope: 'address', retryAfterSeconds: expect.any(Number) });
    expect(await refusalOf(throttle.attempt('192.0.2.2', 'd@x.example'))).toBeNull();
  });

  it("refuses an account after its failures from any address, and a success clears them", async () => {
    await throttle.failed('e@x.example');
    expect(await refusalOf(throttle.attempt('198.51.100.1', 'e@x.example'))).toBeNull();
    await throttle.succeeded('e@x.example');
    await throttle.failed('e@x.example');
    await throttle.failed('e@x.example');
    expect(await refusalOf(throttle.attempt('198.51.100.2', 'e@x.example'))).toMatchObject({ code: 'auth.throttled', scope: 'account' });
  });
});
