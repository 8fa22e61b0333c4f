import type { CaseCommand, CaseCommandType } from './commands';
import { decide } from './decide';
import { isDomainError } from './errors';
import { evolve } from './evolve';
import type { CaseState } from './state';
import { CASE_STATUSES, TRANSITIONS } from './transitions';
import {
  accepted,
  APPLICANT,
  certified,
  cmd,
  days,
  decisionPending,
  DECIDER,
  drafted,
  LEAD,
  onSite,
  readyForScoring,
  recertifying,
  REVIEWER,
  REVIEWER_2,
  Scenario,
  scope,
  submitted,
  withOpenNonconformity,
} from './testing/scenarios';

const REDECIDER = { id: 'decider-2', role: 'decision-maker' };

const recertStep = (s: Scenario, steps: number) => {
  const at = days(1, s.state.status === 'recertifying' ? new Date(s.state.certificate.validUntil) : undefined);
  const base = days(-50, at);
  if (steps >= 1) s.give(cmd('complete-document-review', {}, REVIEWER, base));
  if (steps >= 2) s.give(cmd('complete-on-site-evaluation', {}, REVIEWER, days(5, base)));
  if (steps >= 3) {
    s.give(cmd('record-score', { scorecardId: 'sc-2', catalogueVersion: 'gbt27922-2011.v2', score: 91, level: 'four-star', specialDeductions: 1, passed: true, waiveOpenNonconformities: false }, { id: 'scoring' }, days(10, base)));
  }
  return s;
};

/** Every reachable state, with several evaluation phases where commands depend on the phase. */
const variants: Record<string, () => Scenario> = {
  none: () => new Scenario(),
  draft: drafted,
  submitted,
  refused: () => submitted().give(cmd('refuse-application', { reason: 'not an independent legal person' })),
  'application-withdrawn': () => submitted().give(cmd('withdraw-application', { reason: 'changed our mind' }, APPLICANT)),
  'under-evaluation/document-review': accepted,
  'under-evaluation/on-site+nc': () => withOpenNonconformity(onSite()),
  'under-evaluation/ready-for-scoring': readyForScoring,
  'not-certified': () => decisionPending().give(cmd('deny-certification', { reason: 'evidence forged' }, DECIDER)),
  'decision-pending': decisionPending,
  certified: () => certified(),
  suspended: () => certified().give(cmd('suspend-certificate', { reason: 'complaint upheld', months: 3 }, DECIDER, days(100))),
  'recertifying/document-review': recertifying,
  'recertifying/on-site+nc': () => withOpenNonconformity(recertStep(recertifying().give(cmd('assign-evaluator', { personId: REVIEWER.id }, LEAD)), 1)),
  'recertifying/ready-for-scoring': () => recertStep(recertifying(), 2),
  'recertifying/decision-pending': () => recertStep(recertifying(), 3),
  'certified/level-reopened': () => certified().give(cmd('reopen-level-decision', { appealId: 'appeal-1', setAsideBy: 'decider-0' }, { id: 'certificates' })),
  'suspended/level-reopened': () =>
    certified()
      .give(cmd('reopen-level-decision', { appealId: 'appeal-1', setAsideBy: 'decider-0' }, { id: 'certificates' }))
      .give(cmd('suspend-certificate', { reason: 'complaint upheld', months: 3 }, DECIDER, days(100))),
  withdrawn: () => certified().give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER)),
  'withdrawn/while-suspended': () =>
    certified()
      .give(cmd('suspend-certificate', { reason: 'complaint upheld', months: 3 }, DECIDER, days(100)))
      .give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(120))),
  cancelled: () => certified().give(cmd('cancel-certificate', { reason: 'business closed' }, APPLICANT)),
  expired: () => certified().give(cmd('expire-certificate', {}, { id: 'timer' }, days(4 * 365))),
};

/** A command of each type that should pass every guard when given in a state that allows it. */
function validCommand(type: CaseCommandType, state: CaseState): CaseCommand {
  const cert = 'certificate' in state ? state.certificate : undefined;
  const soon = cert ? days(-30, new Date(cert.validUntil)) : days(100);
  const openNc = state.status !== 'none' ? Object.entries(state.nonconformities).find(([, nc]) => nc.open)?.[0] : undefined;
  const score = state.status !== 'none' ? state.score : null;
  switch (type) {
    case 'draft-application':
      return cmd(type, { caseId: 'case-9', organisationId: 'org-9', catalogueVersion: 'v1', scope }, APPLICANT);
    case 'edit-application':
      return cmd(type, { scope: { ...scope, outlets: ['Minhang outlet'] } }, APPLICANT);
    case 'attach-evidence':
      return cmd(type, { documentId: 'doc-new', requirementId: '5.1.3.1', fileName: 'f.pdf', contentType: 'application/pdf', size: 1, sha256: 'b'.repeat(64) }, APPLICANT);
    case 'detach-evidence':
      return cmd(type, { documentId: 'doc-1' }, APPLICANT);
    case 'submit-application':
    case 'accept-application':
      return cmd(type, {}, type === 'submit-application' ? APPLICANT : { id: 'staff-2' });
    case 'withdraw-application':
    case 'refuse-application':
    case 'withdraw-certificate':
    case 'cancel-certificate':
    case 'deny-certification':
      return cmd(type, { reason: 'a reason' }, DECIDER, soon);
    case 'declare-conflict-of-interest':
      return cmd(type, { personId: 'cousin-1', reason: 'related to the owner' });
    case 'assign-evaluator':
      return cmd(type, { personId: REVIEWER_2.id }, LEAD);
    case 'complete-document-review':
    case 'complete-on-site-evaluation':
    case 'reinstate-certificate':
    case 'mark-surveillance-due':
      return cmd(type, {}, REVIEWER_2, soon);
    case 'record-nonconformity':
      return cmd(type, { nonconformityId: 'nc-new', requirementId: '5.1.1.2', finding: 'outlets not covered', rectifyBy: days(30, soon) }, REVIEWER_2, soon);
    case 'close-nonconformity':
      return cmd(type, { nonconformityId: openNc ?? 'nc-1' }, REVIEWER_2, soon);
    case 'record-score':
      return cmd(type, { scorecardId: 'sc-9', catalogueVersion: 'v1', score: 85, level: 'three-star', specialDeductions: 0, passed: true, waiveOpenNonconformities: true }, LEAD, soon);
    case 'grant-certification':
      return cmd(type, { certificateNumber: 'CN-9', level: score?.level ?? 'compliant', scorecardId: score?.scorecardId ?? 'none' }, DECIDER, soon);
    case 'record-surveillance':
      return cmd(type, { passed: true }, REVIEWER_2, soon);
    case 'suspend-certificate':
      return cmd(type, { reason: 'misuse of the mark', months: 3 }, DECIDER, soon);
    case 'expire-certificate':
      return cmd(type, {}, { id: 'timer' }, cert ? new Date(cert.validUntil) : soon);
    case 'reach-deadline':
      return cmd(type, { deadline: 'expiry', about: cert?.validUntil ?? soon.toISOString() }, { id: 'timer' }, cert ? new Date(cert.validUntil) : soon);
    case 'change-scope':
      return cmd(type, { change: 'extension', scope: { ...scope, outlets: [...scope.outlets, 'Minhang outlet'] } }, DECIDER, soon);
    case 'start-recertification':
      return cmd(type, { catalogueVersion: 'v2' }, APPLICANT, soon);
    case 'reopen-application':
      return cmd(type, { appealId: 'appeal-1', setAsideBy: 'lead-9' }, { id: 'certificates' }, soon);
    case 'reopen-decision':
      return cmd(type, { appealId: 'appeal-1' }, { id: 'certificates' }, soon);
    case 'reopen-level-decision':
      return cmd(type, { appealId: 'appeal-2', setAsideBy: DECIDER.id }, { id: 'certificates' }, soon);
    case 'redecide-level':
      return cmd(type, { level: 'compliant', scorecardId: score?.scorecardId ?? 'none' }, REDECIDER, soon);
    case 'set-aside-withdrawal':
      return cmd(type, { appealId: 'appeal-3' }, { id: 'certificates' }, soon);
  }
}

describe('the transition table, state by state and command by command', () => {
  const built = Object.entries(variants).map(([name, build]) => ({ name, state: build().state }));

  it('has a fixture for every state', () => {
    expect(new Set(built.map((b) => b.state.status))).toEqual(new Set(CASE_STATUSES));
  });

  for (const type of Object.keys(TRANSITIONS) as CaseCommandType[]) {
    const transition = TRANSITIONS[type];
    it(`${type}: refused with NotAllowedInState outside ${transition.from.join(', ')}; accepted into the table's targets inside`, () => {
      const acceptedIn = new Set<string>();
      for (const { name, state } of built) {
        const outcome = decide(validCommand(type, state), state);
        if (!transition.from.includes(state.status)) {
          expect({ name, outcome }).toEqual({ name, outcome: expect.objectContaining({ error: 'NotAllowedInState' }) });
          continue;
        }
        if (isDomainError(outcome)) {
          // A guard may refuse in one phase of a state; it must say which rule, never NotAllowedInState.
          expect({ name, error: outcome.error }).not.toEqual({ name, error: 'NotAllowedInState' });
          continue;
        }
        const after = outcome.reduce(evolve, state);
        const targets = transition.to[state.status] ?? [];
        expect({ name, status: after.status, inTable: targets.includes(after.status) }).toEqual({ name, status: after.status, inTable: true });
        acceptedIn.add(state.status);
      }
      expect([...acceptedIn].sort()).toEqual([...transition.from].sort());
    });
  }
});
