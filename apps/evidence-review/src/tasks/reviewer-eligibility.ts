import { Inject, Injectable } from '@nestjs/common';
import { CaseAccess } from '@gbt/case-access';
import { shanghaiDate } from '@gbt/certificate-core';
import { ineligibility, StaffCompetence, type CaseToJudge, type Ineligibility, type StaffMember } from '@gbt/competence';
import type { EligibleReviewersView, NotAllowed } from '@gbt/contracts/views';
import type { ReviewCase } from '../review/review-case.model';
import { ReviewCaseStore } from '../review/review-case-store';

/** Why a reviewer may not take a case's work: a refusal code with its parameters, and a sentence for logs. */
export type ReviewRefusal = NotAllowed & { readonly message: string };

const asRefusal = ({ code, params, message }: Ineligibility): ReviewRefusal => ({ code, params, message });

/**
 * Who may take a case's review work on a given day: the directory's competence and impartiality
 * rules (@gbt/competence, ADR 0032) and the case's own declared conflicts of interest. Everything
 * is read by `_id`: the case, the person, the reviewer roster.
 */
@Injectable()
export class ReviewerEligibility {
  constructor(
    @Inject(StaffCompetence) private readonly staff: StaffCompetence,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(CaseAccess) private readonly access: CaseAccess,
  ) {}

  /** The person as the rules see them, read once for a request that judges several tasks. */
  member(personId: string): Promise<StaffMember | null> {
    return this.staff.member(personId);
  }

  /** Why the person may not take work on the case at that instant, or null; `member` as read by `member()`. */
  async refusal(member: StaffMember | null, personId: string, caseId: string, at: Date): Promise<ReviewRefusal | null> {
    return this.refusalOn(member, personId, await this.cases.get(caseId), at);
  }

  /** The same for a case record already read (the work list reads each case once). */
  refusalOn(member: StaffMember | null, personId: string, known: ReviewCase | null, at: Date): ReviewRefusal | null {
    if (known?.conflicts.includes(personId)) {
      return { code: 'ConflictOfInterest', params: { personId }, message: `${personId} has a declared conflict of interest with this applicant` };
    }
    const kase: CaseToJudge = { organisationId: known?.organisationId ?? '', productCategories: known?.productCategories ?? [] };
    const refused = ineligibility(member, personId, kase, shanghaiDate(at), this.staff.policy);
    return refused && asRefusal(refused);
  }

  /** Why the person may not take review work at all (unknown to the directory, disabled), before any case is looked at. */
  async standing(member: StaffMember | null, personId: string): Promise<ReviewRefusal | null> {
    if (member?.status === 'active') return null;
    const refused = ineligibility(member, personId, { organisationId: '', productCategories: [] }, '0000-01-01', this.staff.policy);
    return refused && asRefusal(refused);
  }

  /**
   * The directory's reviewers a lead may give the case's work to on that day, and the others with
   * why not. Removed people and the applicant's own members are left out altogether.
   */
  async candidates(caseId: string, at: Date): Promise<Pick<EligibleReviewersView, 'reviewers' | 'ineligible'>> {
    const reviewers: { id: string; name: string }[] = [];
    const ineligible: ({ id: string; name: string } & NotAllowed)[] = [];
    for (const m of await this.staff.withRole('reviewer')) {
      if (m.status === 'removed' || (await this.access.isMember(m.personId, caseId))) continue;
      const refused = await this.refusal(m, m.personId, caseId, at);
      if (refused) ineligible.push({ id: m.personId, name: m.name, code: refused.code, params: refused.params });
      else reviewers.push({ id: m.personId, name: m.name });
    }
    return { reviewers, ineligible };
  }
}
