import type { HolderCheck } from '@gbt/auth';
import type { Memberships } from './memberships.aggregate';

/** An applicant holds an organisation of the directory when its membership stream lists them: one stream read. */
export const memberCheck = (memberships: Memberships): HolderCheck => ({
  async isHolder(principal, kind, id) {
    if (kind !== 'organisation') return false;
    return (await memberships.load(id)).state.members.includes(principal.id);
  },
});
