import { Inject, Injectable } from '@nestjs/common';
import { RedisConnection } from '../redis-connection';
import type { PendingAuthorization } from './oidc-client';

/** Long enough to sign in at the provider (and type a second factor there), short enough to be of no use later. */
export const PENDING_SECONDS = 600;

/**
 * State, nonce and PKCE verifier of sign-ins under way at the provider, in Redis under the state
 * (a point read, shared by replicas), each taken once: a state that comes back twice finds nothing.
 */
@Injectable()
export class PendingAuthorizations {
  constructor(@Inject(RedisConnection) private readonly redis: RedisConnection) {}

  async keep(state: string, pending: PendingAuthorization): Promise<void> {
    await this.redis.client.set(this.key(state), JSON.stringify(pending), 'EX', PENDING_SECONDS);
  }

  async take(state: string): Promise<PendingAuthorization | undefined> {
    const kept = await this.redis.client.getdel(this.key(state));
    return kept ? (JSON.parse(kept) as PendingAuthorization) : undefined;
  }

  private key(state: string): string {
    return `${this.redis.prefix}:oidc-pending:${state}`;
  }
}
