import { Inject, Injectable } from '@nestjs/common';
import { DEMO_USERS } from '@gbt/auth';
import { CaseAccess } from '@gbt/case-access';
import { ReviewCaseStore } from '../review/review-case-store';

/** A person who may be given review work. */
export interface KnownReviewer {
  readonly id: string;
  readonly name: string;
}

export const REVIEWER_DIRECTORY = Symbol('REVIEWER_DIRECTORY');

/**
 * The known staff with the reviewer role. There is no user directory yet (a later issue): the list is
 * `REVIEW_STAFF` (`id=Name,id=Name`, e.g. `rita.reviewer=Rita Zhang,roy.reviewer=Roy Chen`) or, without
 * it, the demo users who have the reviewer role.
 */
export function reviewerDirectoryFromEnv(env: NodeJS.ProcessEnv = process.env): readonly KnownReviewer[] {
  const listed = env.REVIEW_STAFF?.trim();
  if (!listed) return DEMO_USERS.filter((u) => u.roles.includes('reviewer') && !u.roles.includes('applicant')).map(({ id, name }) => ({ id, name }));
  return listed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id = '', ...name] = entry.split('=');
      return { id: id.trim(), name: name.join('=').trim() || id.trim() };
    })
    .filter((r) => r.id.length > 0);
}

/** Who may be given a case's review work: the known reviewers without a declared conflict of interest who are not among its applicants. */
@Injectable()
export class ReviewerDirectory {
  constructor(
    @Inject(REVIEWER_DIRECTORY) private readonly known: readonly KnownReviewer[],
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(CaseAccess) private readonly access: CaseAccess,
  ) {}

  async eligible(caseId: string): Promise<KnownReviewer[]> {
    const conflicts = new Set((await this.cases.get(caseId))?.conflicts ?? []);
    const eligible: KnownReviewer[] = [];
    for (const reviewer of this.known) {
      if (conflicts.has(reviewer.id) || (await this.access.isMember(reviewer.id, caseId))) continue;
      eligible.push(reviewer);
    }
    return eligible;
  }
}
