import { DomainRefusal } from '@gbt/platform';
import type { PersonStanding, Standing, UnlistedPeople } from './person-standing';
import type { Principal } from './principal';

export interface StandingCheckOptions {
  readonly unlistedPeople: UnlistedPeople;
  /** A token issued this recently may belong to someone registered a moment ago whom the directory's event has not reached yet. */
  readonly freshTokenSeconds?: number;
  /** The pauses between the reads of such a fresh token's subject (about 2 s in all). */
  readonly retryDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
  readonly nowSeconds?: () => number;
}

/** The guard's refusals of a validly signed token by the directory's word (`error.<code>` in the console, zh and en). */
export const STANDING_REFUSAL_CODES = ['access.person-unknown', 'access.person-disabled', 'access.person-removed', 'access.person-roles-changed'] as const;

const FRESH_TOKEN_SECONDS = 30;
const RETRY_DELAYS_MS = [200, 400, 600, 800];

/**
 * Holds a verified token to the directory: a disabled, removed or (by default) unknown person is
 * refused with 401, and the token's roles are cut to those the directory still gives the person.
 * Roles are narrowed rather than the whole token refused, so a person who lost one role keeps working
 * in the others until the token runs out; a token with none of its roles left is refused.
 */
export class StandingCheck {
  private readonly fresh: number;
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly people: PersonStanding | undefined,
    private readonly options: StandingCheckOptions,
  ) {
    this.fresh = options.freshTokenSeconds ?? FRESH_TOKEN_SECONDS;
    this.delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.nowSeconds ?? (() => Date.now() / 1000);
  }

  async principal(token: Principal, issuedAt: number): Promise<Principal> {
    const standing = await this.read(token.id, issuedAt);
    if (!standing) {
      if (this.options.unlistedPeople === 'accept') return token;
      throw new DomainRefusal('access.person-unknown', `the directory does not know ${token.id}; sign in with an account of this body`, 401, { personId: token.id });
    }
    if (standing.status === 'removed') throw new DomainRefusal('access.person-removed', `${token.id} was removed from the directory`, 401, { personId: token.id });
    if (standing.status === 'disabled') throw new DomainRefusal('access.person-disabled', `${token.id} is disabled in the directory`, 401, { personId: token.id });
    const roles = token.roles.filter((r) => standing.roles.includes(r));
    if (roles.length === 0) {
      throw new DomainRefusal('access.person-roles-changed', `the directory no longer gives ${token.id} any of the token's roles (${token.roles.join(', ')}); sign in again`, 401, { personId: token.id });
    }
    return roles.length === token.roles.length ? token : { ...token, roles };
  }

  /** Unknown with a fresh token: read again a few times, as the registration's event may be on its way. */
  private async read(personId: string, issuedAt: number): Promise<Standing | null> {
    if (!this.people) return null;
    let standing = await this.people.standing(personId);
    // Under "accept" an unknown person passes anyway, so waiting would only slow the tests down.
    if (standing || this.options.unlistedPeople === 'accept' || this.now() - issuedAt > this.fresh) return standing;
    for (const ms of this.delays) {
      await this.sleep(ms);
      standing = await this.people.standing(personId);
      if (standing) return standing;
    }
    return null;
  }
}
