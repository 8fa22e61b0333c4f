import type { Role } from './principal';

/** Where a person stands with the body, as the directory (`directory.people.v1`) last told this service. */
export interface Standing {
  readonly status: 'active' | 'disabled' | 'removed';
  readonly roles: readonly Role[];
}

/**
 * The service's read model of people, read by the guard on every authenticated request: one `_id`
 * point read (ADR 0022). null when the directory has not (yet) told this service of the person.
 */
export interface PersonStanding {
  standing(personId: string): Promise<Standing | null>;
}

export const PERSON_STANDING = Symbol('PersonStanding');

/**
 * What to do with a validly signed token whose subject the directory does not list. "refuse" is the
 * default and the only setting for a running body; "accept" is for test harnesses, drills and
 * benchmarks that sign development tokens for made-up people (disabled and removed people are
 * refused under both).
 */
export type UnlistedPeople = 'accept' | 'refuse';

export function unlistedPeopleFromEnv(value: string | undefined): UnlistedPeople {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'refuse') return 'refuse';
  if (v === 'accept') return 'accept';
  throw new Error(`AUTH_UNLISTED_PEOPLE must be "accept" or "refuse", not "${value}"`);
}
