import type { CaseCommand, CaseCommandType, CommandOf } from '../commands';
import { decide } from '../decide';
import { isDomainError } from '../errors';
import type { CaseEvent } from '../events';
import { evolve } from '../evolve';
import { initialState, type CaseState } from '../state';

/** Test helpers: build cases by giving real commands, so fixtures can never be impossible histories. */
export const T0 = new Date('2027-01-10T02:00:00.000Z');
export const days = (n: number, from = T0) => new Date(from.getTime() + n * 86_400_000);

export const APPLICANT = { id: 'applicant-1', role: 'applicant' };
export const STAFF = { id: 'staff-1', role: 'administrator' };
export const REVIEWER = { id: 'reviewer-1', role: 'reviewer' };
export const REVIEWER_2 = { id: 'reviewer-2', role: 'reviewer' };
export const LEAD = { id: 'lead-1', role: 'lead-reviewer' };
export const DECIDER = { id: 'decider-1', role: 'decision-maker' };

export const scope = { productCategories: ['household appliances'], serviceCategories: ['repair'], sites: ['Shanghai HQ'], outlets: ['Pudong outlet'] };

type Data<T extends CaseCommandType> = CommandOf<T>['data'];
export const cmd = <T extends CaseCommandType>(type: T, data: Data<T>, actor: { id: string; role?: string } = STAFF, at = T0): CaseCommand =>
  ({ type, data, actor, at }) as CaseCommand;

export class Scenario {
  readonly events: CaseEvent[] = [];
  state: CaseState = initialState;

  give(command: CaseCommand): this {
    const outcome = decide(command, this.state);
    if (isDomainError(outcome)) throw new Error(`scenario step ${command.type} refused: ${outcome.error}: ${outcome.message}`);
    for (const e of outcome) {
      this.events.push(e);
      this.state = evolve(this.state, e);
    }
    return this;
  }
}

const sha = 'a'.repeat(64);

export const drafted = () =>
  new Scenario()
    .give(cmd('draft-application', { caseId: 'case-1', organisationId: 'org-1', catalogueVersion: 'gbt27922-2011.v1', scope }, APPLICANT))
    .give(cmd('attach-evidence', { documentId: 'doc-1', requirementId: '5.1.1.1', fileName: 'licence.pdf', contentType: 'application/pdf', size: 1000, sha256: sha }, APPLICANT));

export const submitted = () => drafted().give(cmd('submit-application', {}, APPLICANT));
export const accepted = () => submitted().give(cmd('accept-application', {}, STAFF, days(2)));
export const onSite = () => accepted().give(cmd('assign-evaluator', { personId: REVIEWER.id }, LEAD)).give(cmd('complete-document-review', {}, REVIEWER, days(10)));
export const withOpenNonconformity = (s: Scenario) =>
  s.give(cmd('record-nonconformity', { nonconformityId: 'nc-1', requirementId: '5.1.2.2', finding: 'no 售后服务管理师', rectifyBy: days(60) }, REVIEWER, days(20)));
export const readyForScoring = () => onSite().give(cmd('complete-on-site-evaluation', {}, REVIEWER, days(30)));

export const scoreCmd = (passed = true, scorecardId = 'sc-1', at = days(40)) =>
  cmd('record-score', { scorecardId, catalogueVersion: 'gbt27922-2011.v1', score: passed ? 96 : 60, level: passed ? 'five-star' : null, specialDeductions: 0, passed, waiveOpenNonconformities: false }, { id: 'scoring-service', role: 'system' }, at);

export const decisionPending = () => readyForScoring().give(scoreCmd());
export const certified = (at = days(45)) =>
  decisionPending().give(cmd('grant-certification', { certificateNumber: 'CN-1', level: 'five-star', scorecardId: 'sc-1' }, DECIDER, at));

export const recertifying = () => certified().give(cmd('start-recertification', { catalogueVersion: 'gbt27922-2011.v2' }, APPLICANT, days(3 * 365 - 60, days(45))));
