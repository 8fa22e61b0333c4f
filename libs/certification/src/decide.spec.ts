import { specFor } from '@gbt/decider';
import { certificationDecider } from './decide';
import type { CaseEvent } from './events';
import {
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
  scoreCmd,
  Scenario,
  scope,
  submitted,
  withOpenNonconformity,
} from './testing/scenarios';

const given = (events: readonly CaseEvent[]) => specFor(certificationDecider())(events);
const errorOf = (outcome: unknown) => (outcome as { error?: string }).error;

describe('applying', () => {
  it('refuses to submit an application without scope or documents, naming what is missing', () => {
    const empty = new Scenario().give(
      cmd('draft-application', { caseId: 'c', organisationId: 'o', catalogueVersion: 'v1', scope: { productCategories: [], serviceCategories: [], sites: [], outlets: [] } }, APPLICANT),
    );
    const { outcome } = given(empty.events).when(cmd('submit-application', {}, APPLICANT));
    expect(outcome).toEqual({ error: 'IncompleteApplication', message: expect.stringMatching(/scope .* and at least one evidence document/) });
  });

  it('submits a complete application', () => {
    expect(given(drafted().events).when(cmd('submit-application', {}, APPLICANT)).outcome).toEqual([{ type: 'certification.application-submitted', data: {} }]);
  });

  it('refuses the same document twice and detaching one that is not there', () => {
    const events = drafted().events;
    const doc = { documentId: 'doc-1', requirementId: 'r', fileName: 'x.pdf', contentType: 'application/pdf', size: 1, sha256: 'c'.repeat(64) };
    expect(errorOf(given(events).when(cmd('attach-evidence', doc, APPLICANT)).outcome)).toBe('DuplicateDocument');
    expect(errorOf(given(events).when(cmd('detach-evidence', { documentId: 'doc-x' }, APPLICANT)).outcome)).toBe('UnknownDocument');
    // Ids arrive from URLs: an inherited property name is not a document.
    expect(errorOf(given(events).when(cmd('detach-evidence', { documentId: 'toString' }, APPLICANT)).outcome)).toBe('UnknownDocument');
  });
});

describe('separation of duties', () => {
  it('refuses a decision by anyone who took part in the evaluation', () => {
    const { outcome } = given(decisionPending().events).when(cmd('grant-certification', { certificateNumber: 'CN', level: 'five-star', scorecardId: 'sc-1' }, REVIEWER));
    expect(outcome).toEqual({ error: 'EvaluatorCannotDecide', message: 'reviewer-1 took part in the evaluation and cannot make the certification decision' });
  });

  it('refuses evaluation work and decisions by a person with a declared conflict of interest', () => {
    const conflict = cmd('declare-conflict-of-interest', { personId: REVIEWER_2.id, reason: "the owner's brother" });
    expect(errorOf(given(onSite().give(conflict).events).when(cmd('assign-evaluator', { personId: REVIEWER_2.id }, LEAD)).outcome)).toBe('ConflictOfInterest');
    expect(errorOf(given(onSite().give(conflict).events).when(cmd('complete-on-site-evaluation', {}, REVIEWER_2)).outcome)).toBe('ConflictOfInterest');
    const deciderConflict = cmd('declare-conflict-of-interest', { personId: DECIDER.id, reason: 'former employee' });
    const { outcome } = given(decisionPending().give(deciderConflict).events).when(cmd('deny-certification', { reason: 'x' }, DECIDER));
    expect(errorOf(outcome)).toBe('ConflictOfInterest');
  });

  it('refuses that the reviewer who found a nonconformity verifies its correction', () => {
    const events = withOpenNonconformity(onSite()).events;
    expect(errorOf(given(events).when(cmd('close-nonconformity', { nonconformityId: 'nc-1' }, REVIEWER)).outcome)).toBe('SelfVerification');
    expect(given(events).when(cmd('close-nonconformity', { nonconformityId: 'nc-1' }, REVIEWER_2)).outcome).toEqual([
      { type: 'certification.nonconformity-closed', data: { nonconformityId: 'nc-1', verifiedBy: REVIEWER_2.id } },
    ]);
  });
});

describe('scoring and deciding', () => {
  it('will not score over an open nonconformity unless a lead reviewer waives it', () => {
    const events = withOpenNonconformity(onSite()).give(cmd('complete-on-site-evaluation', {}, REVIEWER)).events;
    expect(errorOf(given(events).when(scoreCmd()).outcome)).toBe('OpenNonconformities');
    const waived = { ...scoreCmd(), actor: LEAD, data: { ...(scoreCmd().data as object), waiveOpenNonconformities: true } } as ReturnType<typeof scoreCmd>;
    expect(given(events).when(waived).outcome).toEqual([expect.objectContaining({ data: expect.objectContaining({ openNonconformitiesWaivedBy: LEAD.id }) })]);
  });

  it('makes a failing score a not-certified case, its reason a code', () => {
    const { state, outcome } = given(readyForScoring().events).when(scoreCmd(false));
    const after = (outcome as CaseEvent[]).reduce(certificationDecider().evolve, state);
    expect(after).toMatchObject({
      status: 'not-certified',
      reason: 'score 60 with 0 special deduction(s) does not pass',
      reasonCode: 'case.not-certified-score',
      reasonParams: { score: '60', specialDeductions: '0' },
    });
  });

  it('denies a recertification whose score fails, its reason a code with the score', () => {
    const events = recertifying()
      .give(cmd('assign-evaluator', { personId: REVIEWER.id }, LEAD, days(1100)))
      .give(cmd('complete-document-review', {}, REVIEWER, days(1101)))
      .give(cmd('complete-on-site-evaluation', {}, REVIEWER, days(1102))).events;
    const { outcome } = given(events).when({ ...scoreCmd(false), at: days(1103) } as ReturnType<typeof scoreCmd>);
    expect((outcome as CaseEvent[])[1]).toEqual({
      type: 'certification.recertification-denied',
      data: { reason: 'recertification score 60 does not pass', reasonCode: 'case.recertification-denied-score', reasonParams: { score: '60' }, decidedBy: 'scoring-service' },
    });
  });

  it('binds the decision to the scorecard and the level it supports', () => {
    const events = decisionPending().events;
    const grant = (level: 'four-star' | 'five-star', scorecardId: string) => cmd('grant-certification', { certificateNumber: 'CN-7', level, scorecardId }, DECIDER, days(50));
    expect(errorOf(given(events).when(grant('five-star', 'sc-old')).outcome)).toBe('ScorecardMismatch');
    const readyFor3 = readyForScoring().give({ ...scoreCmd(), data: { ...(scoreCmd().data as object), score: 82, level: 'three-star' } } as ReturnType<typeof scoreCmd>);
    expect(errorOf(given(readyFor3.events).when(grant('four-star', 'sc-1')).outcome)).toBe('LevelNotSupported');
    expect(given(events).when(grant('four-star', 'sc-1')).outcome).toEqual([
      {
        type: 'certification.certification-granted',
        data: {
          certificateNumber: 'CN-7',
          level: 'four-star',
          validFrom: '2027-03-01T02:00:00.000Z',
          validUntil: '2030-02-28T16:00:00.000Z', // the end of 2030-02-28 in Shanghai (ADR 26)
          nextSurveillanceBy: '2028-03-01T02:00:00.000Z',
          cycle: 1,
          decidedBy: DECIDER.id,
          scorecardId: 'sc-1',
        },
      },
    ]);
  });
});

describe('an upheld appeal against a denial', () => {
  const SYSTEM = { id: 'certificates' };

  it('sends a denied case back to decision, where another decision maker may grant it', () => {
    const denied = decisionPending().give(cmd('deny-certification', { reason: 'not convinced' }, DECIDER, days(50)));
    const { state, outcome } = given(denied.events).when(cmd('reopen-decision', { appealId: 'appeal-1' }, SYSTEM, days(60)));
    expect(outcome).toEqual([{ type: 'certification.decision-reopened', data: { appealId: 'appeal-1', reopenedBy: 'certificates' } }]);
    const reopened = (outcome as CaseEvent[]).reduce(certificationDecider().evolve, state);
    expect(reopened.status).toBe('decision-pending');
    const grant = cmd('grant-certification', { certificateNumber: 'CN-8', level: 'four-star', scorecardId: 'sc-1' }, { id: 'decider-2', role: 'decision-maker' }, days(70));
    expect(given([...denied.events, ...(outcome as CaseEvent[])]).when(grant).outcome).toEqual([expect.objectContaining({ type: 'certification.certification-granted' })]);
  });

  it('sends a refused application back to review, where who refused it may neither accept nor refuse it again', () => {
    const refused = submitted().give(cmd('refuse-application', { reason: 'not an independent legal person' }, LEAD, days(5)));
    const reopen = cmd('reopen-application', { appealId: 'appeal-2', setAsideBy: LEAD.id }, SYSTEM, days(20));
    const { state, outcome } = given(refused.events).when(reopen);
    expect(outcome).toEqual([{ type: 'certification.application-reopened', data: { appealId: 'appeal-2', reopenedBy: 'certificates', setAsideBy: LEAD.id } }]);
    const again = [...refused.events, ...(outcome as CaseEvent[])];
    expect((outcome as CaseEvent[]).reduce(certificationDecider().evolve, state).status).toBe('submitted');
    expect(errorOf(given(again).when(cmd('accept-application', {}, LEAD, days(21))).outcome)).toBe('OriginalDeciderCannotRedecide');
    expect(errorOf(given(again).when(cmd('refuse-application', { reason: 'still no' }, LEAD, days(21))).outcome)).toBe('OriginalDeciderCannotRedecide');
    expect(given(again).when(cmd('accept-application', {}, { id: 'admin-2' }, days(21))).outcome).toEqual([{ type: 'certification.application-accepted', data: { acceptedBy: 'admin-2' } }]);
  });

  it('refuses to reopen a case that failed on its score (no decision to take again)', () => {
    const failed = readyForScoring().give(scoreCmd(false));
    expect(errorOf(given(failed.events).when(cmd('reopen-decision', { appealId: 'appeal-1' }, SYSTEM, days(60))).outcome)).toBe('NothingToRedecide');
  });
});

describe('keeping a certificate alive', () => {
  it('suspends for the default three months when surveillance fails', () => {
    const { outcome } = given(certified().events).when(cmd('record-surveillance', { passed: false, reason: 'complaints unanswered' }, REVIEWER_2, days(300)));
    expect(outcome).toEqual([
      { type: 'certification.surveillance-failed', data: { reason: 'complaints unanswered', recordedBy: REVIEWER_2.id } },
      {
        type: 'certification.certificate-suspended',
        data: {
          reason: 'surveillance failed: complaints unanswered',
          reasonCode: 'certificate.suspended-surveillance-failed',
          reasonParams: { detail: 'complaints unanswered', until: '2028-02-06' },
          until: '2028-02-06T02:00:00.000Z',
        },
      },
    ]);
  });

  it('records the audit plan a surveillance was carried out under and the sites it visited, passed or failed', () => {
    const audit = { auditPlanId: 'case-1.audit.surveillance-1', auditPlanRevision: 2, sites: ['一号店（北京）', '二号店（上海）'] };
    const passed = given(certified().events).when(cmd('record-surveillance', { passed: true, ...audit }, REVIEWER_2, days(300))).outcome;
    expect(passed).toEqual([{ type: 'certification.surveillance-passed', data: expect.objectContaining({ ...audit, recordedBy: REVIEWER_2.id }) }]);
    const failed = given(certified().events).when(cmd('record-surveillance', { passed: false, reason: 'finding at outlet 2', ...audit }, REVIEWER_2, days(300))).outcome;
    expect((failed as readonly unknown[])[0]).toEqual({ type: 'certification.surveillance-failed', data: { reason: 'finding at outlet 2', recordedBy: REVIEWER_2.id, ...audit } });
  });

  it('words a failed surveillance recorded without a reason itself, as codes', () => {
    const { outcome } = given(certified().events).when(cmd('record-surveillance', { passed: false }, REVIEWER_2, days(300)));
    expect(outcome).toEqual([
      {
        type: 'certification.surveillance-failed',
        data: { reason: 'surveillance found the service system not maintained', reasonCode: 'certificate.surveillance-failed-not-maintained', reasonParams: {}, recordedBy: REVIEWER_2.id },
      },
      {
        type: 'certification.certificate-suspended',
        data: {
          reason: 'surveillance failed: surveillance found the service system not maintained',
          reasonCode: 'certificate.suspended-surveillance-not-maintained',
          reasonParams: { until: '2028-02-06' },
          until: '2028-02-06T02:00:00.000Z',
        },
      },
    ]);
  });

  it('keeps the code of a lifecycle-worded suspension in the state, and a person\'s reason as their words only', () => {
    const failed = certified().give(cmd('record-surveillance', { passed: false, reason: 'complaints unanswered' }, REVIEWER_2, days(300)));
    expect(failed.state).toMatchObject({ status: 'suspended', reasonCode: 'certificate.suspended-surveillance-failed', reasonParams: { detail: 'complaints unanswered', until: '2028-02-06' } });
    const suspended = certified().give(cmd('suspend-certificate', { reason: '投诉处理超时' }, DECIDER, days(100)));
    expect(suspended.state).toMatchObject({ status: 'suspended', reason: '投诉处理超时' });
    expect(suspended.state).not.toHaveProperty('reasonCode');
  });

  it('moves a surveillance date that passed during a suspension on by a whole interval at reinstatement', () => {
    const events = certified().events;
    const granted = events.find((e) => e.type === 'certification.certification-granted')!.data as { nextSurveillanceBy: string };
    const failed = given(events).when(cmd('record-surveillance', { passed: false, reason: 'complaints unanswered' }, REVIEWER_2, days(300))).outcome as CaseEvent[];
    const suspended = [...events, ...failed];
    const { outcome } = given(suspended).when(cmd('reinstate-certificate', {}, DECIDER, days(420)));
    const next = new Date(granted.nextSurveillanceBy);
    next.setUTCFullYear(next.getUTCFullYear() + 1);
    expect(outcome).toEqual([{ type: 'certification.certificate-reinstated', data: { verifiedBy: DECIDER.id, nextSurveillanceBy: next.toISOString() } }]);
  });

  it('refuses a suspension longer than the policy allows, an early expiry and a recertification outside its window', () => {
    const events = certified().events;
    expect(errorOf(given(events).when(cmd('suspend-certificate', { reason: 'x', months: 7 }, DECIDER)).outcome)).toBe('InvalidSuspension');
    expect(errorOf(given(events).when(cmd('expire-certificate', {}, { id: 'timer' }, days(400))).outcome)).toBe('NotYetExpired');
    expect(errorOf(given(events).when(cmd('start-recertification', { catalogueVersion: 'v2' }, APPLICANT, days(400))).outcome)).toBe('OutsideRecertificationWindow');
  });

  it('only extends or reduces a scope in the direction it says', () => {
    const events = certified().events;
    const change = (c: 'extension' | 'reduction', s: typeof scope) => cmd('change-scope', { change: c, scope: s }, DECIDER);
    expect(errorOf(given(events).when(change('extension', { ...scope, outlets: [] })).outcome)).toBe('InvalidScopeChange');
    expect(errorOf(given(events).when(change('reduction', { ...scope, productCategories: [], serviceCategories: [] })).outcome)).toBe('InvalidScopeChange');
    expect(given(events).when(change('reduction', { ...scope, outlets: [] })).outcome).toHaveLength(1);
  });
});

describe('deadlines reached by timers', () => {
  const TIMER = { id: 'certificate-timer', role: 'system' };
  const deadline = (deadline: 'surveillance-due' | 'surveillance-overdue' | 'suspension-deadline' | 'expiry', about: string, at: Date) => cmd('reach-deadline', { deadline, about }, TIMER, at);
  const surveillanceBy = (s: Scenario) => ('certificate' in s.state ? s.state.certificate.nextSurveillanceBy : '');

  it('suspends when the surveillance date passes unrecorded, and does nothing once it was passed in time', () => {
    const late = certified();
    const due = surveillanceBy(late);
    const until = new Date(new Date(due).setUTCMonth(new Date(due).getUTCMonth() + 3)).toISOString();
    expect(due).toBe('2028-02-24T02:00:00.000Z');
    expect(given(late.events).when(deadline('surveillance-overdue', due, new Date(due))).outcome).toEqual([
      {
        type: 'certification.certificate-suspended',
        data: { reason: 'surveillance overdue: it was due by 2028-02-24', reasonCode: 'certificate.suspended-surveillance-overdue', reasonParams: { dueBy: '2028-02-24', until: '2028-05-24' }, until },
      },
    ]);
    const passed = certified().give(cmd('record-surveillance', { passed: true }, REVIEWER_2, days(-20, new Date(due))));
    expect(given(passed.events).when(deadline('surveillance-overdue', due, new Date(due))).outcome).toEqual([]);
    expect(given(late.events).when(deadline('surveillance-overdue', due, days(-1, new Date(due)))).outcome).toEqual([]);
  });

  it("lets an extraordinary (complaint's) surveillance passed leave the periodic one due: its date, its due mark and the overdue suspension stay", () => {
    const c = certified();
    const due = surveillanceBy(c);
    c.give(deadline('surveillance-due', due, days(-30, new Date(due))));
    const passed = c.give(cmd('record-surveillance', { passed: true, extraordinary: true }, REVIEWER_2, days(-20, new Date(due))));
    expect(passed.events.at(-1)).toEqual({ type: 'certification.surveillance-passed', data: { nextSurveillanceBy: due, recordedBy: REVIEWER_2.id, extraordinary: true } });
    expect(passed.state).toMatchObject({ status: 'certified', certificate: { nextSurveillanceBy: due }, surveillanceDueBy: due });
    expect(given(passed.events).when(deadline('surveillance-overdue', due, new Date(due))).outcome).toEqual([expect.objectContaining({ type: 'certification.certificate-suspended' })]);
  });

  it('withdraws at the suspension deadline unless the certificate was reinstated meanwhile', () => {
    const suspended = certified().give(cmd('suspend-certificate', { reason: 'complaints unanswered' }, DECIDER, days(100)));
    const until = suspended.state.status === 'suspended' ? suspended.state.until : '';
    expect(until).toBe('2027-07-20T02:00:00.000Z');
    expect(given(suspended.events).when(deadline('suspension-deadline', until, new Date(until))).outcome).toEqual([
      { type: 'certification.certificate-withdrawn', data: { reason: 'suspension deadline 2027-07-20 passed unresolved', reasonCode: 'certificate.withdrawn-deadline-passed', reasonParams: { deadline: '2027-07-20' } } },
    ]);
    const reinstated = suspended.give(cmd('reinstate-certificate', {}, DECIDER, days(120)));
    expect(given(reinstated.events).when(deadline('suspension-deadline', until, new Date(until))).outcome).toEqual([]);
  });

  it("words a withdrawal it was asked for because a decision was retaken, and keeps a person's withdrawal as they wrote it", () => {
    const retaken = given(certified().events).when(cmd('withdraw-certificate', { reason: '证据不足', grounds: 'decision-retaken' }, DECIDER, days(100))).outcome;
    expect(retaken).toEqual([
      { type: 'certification.certificate-withdrawn', data: { reason: 'decision retaken on a changed basis: 证据不足', reasonCode: 'certificate.withdrawn-decision-retaken', reasonParams: { detail: '证据不足' } } },
    ]);
    expect(given(certified().events).when(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(100))).outcome).toEqual([{ type: 'certification.certificate-withdrawn', data: { reason: 'serious breach' } }]);
  });

  it('expires a certificate at the end of its validity, and not one whose validity a recertification extended', () => {
    const running = certified();
    const validUntil = 'certificate' in running.state ? running.state.certificate.validUntil : '';
    expect(given(running.events).when(deadline('expiry', validUntil, new Date(validUntil))).outcome).toEqual([{ type: 'certification.certificate-expired', data: { expiredAt: validUntil } }]);
    const withdrawn = certified().give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(200)));
    expect(given(withdrawn.events).when(deadline('expiry', validUntil, new Date(validUntil))).outcome).toEqual([]);
    expect(given(running.events).when(deadline('expiry', '2099-01-01T00:00:00.000Z', new Date(validUntil))).outcome).toEqual([]);
  });
});
