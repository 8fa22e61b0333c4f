import type { PersonStanding } from '@gbt/auth';
import type { People } from './people.aggregate';

/** The directory reads a token's subject from its own stream (short: one person's facts), not a copy. */
export const peopleStanding = (people: People): PersonStanding => ({
  async standing(personId) {
    const { state } = await people.load(personId);
    return state.status === null ? null : { status: state.status, roles: state.roles };
  },
});
