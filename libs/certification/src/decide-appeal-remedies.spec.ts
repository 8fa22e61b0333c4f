import { shanghaiDate } from '@gbt/certificate-core';
import { specFor } from '@gbt/decider';
import { certificationDecider } from './decide';
import type { CaseEvent } from './events';
import { addMonths, DEFAULT_POLICY } from './policy';
import { certified, cmd, days, decisionPending, DECIDER, REVIEWER } from './testing/scenarios';

const given = (events: readonly CaseEvent[]) => specFor(certificationDecider())(events);
const errorOf = (outcome: unknown) => (outcome as { error?: string }).error;
const SYSTEM = { id: 'certificates' };
const OTHER = { id: 'decider-2', role: 'decision-maker' };
const fold = (events: readonly CaseEvent[]) => events.reduce(certificationDecider().evolve, certificationDecider().initialState);

describe('an upheld appeal against the level granted', () => {
  const granted = () => decisionPending().give(cmd('grant-certification', { certificateNumber: 'CN-1', level: 'four-star', scorecardId: 'sc-1' }, DECIDER, days(45)));
  const reopened = () => granted().give(cmd('reopen-level-decision', { appealId: 'appeal-1', setAsideBy: DECIDER.id }, SYSTEM, days(60)));

  it('keeps the certificate certified at its level while the level is decided again', () => {
    const { outcome } = given(granted().events).when(cmd('reopen-level-decision', { appealId: 'appeal-1', setAsideBy: DECIDER.id }, SYSTEM, days(60)));
    expect(outcome).toEqual([{ type: 'certification.level-decision-reopened', data: { appealId: 'appeal-1', reopenedBy: 'certificates', setAsideBy: DECIDER.id } }]);
    expect(reopened().state).toMatchObject({ status: 'certified', certificate: { number: 'CN-1', level: 'four-star' }, levelReopened: { appealId: 'appeal-1', setAsideBy: DECIDER.id } });
  });

  it('records a repeated request once', () => {
    expect(given(reopened().events).when(cmd('reopen-level-decision', { appealId: 'appeal-1', setAsideBy: DECIDER.id }, SYSTEM, days(61))).outcome).toEqual([]);
  });

  it('is decided again by another decision maker, within the scorecard, on the same certificate and dates', () => {
    const before = reopened().state;
    const { outcome } = given(reopened().events).when(cmd('redecide-level', { level: 'five-star', scorecardId: 'sc-1' }, OTHER, days(70)));
    expect(outcome).toEqual([{ type: 'certification.level-redecided', data: { level: 'five-star', previousLevel: 'four-star', decidedBy: OTHER.id, scorecardId: 'sc-1', appealId: 'appeal-1' } }]);
    const after = fold([...reopened().events, ...(outcome as CaseEvent[])]);
    expect(after).toMatchObject({ status: 'certified', certificate: { ...('certificate' in before ? before.certificate : {}), level: 'five-star' } });
    expect('levelReopened' in after).toBe(false);
    // Decided: it is not decided a second time.
    expect(errorOf(given([...reopened().events, ...(outcome as CaseEvent[])]).when(cmd('redecide-level', { level: 'compliant', scorecardId: 'sc-1' }, OTHER, days(71))).outcome)).toBe('LevelNotReopened');
  });

  it('refuses the decision maker whose decision was set aside, an evaluator, a level above the scorecard, another scorecard, and a case not reopened', () => {
    const events = reopened().events;
    expect(errorOf(given(events).when(cmd('redecide-level', { level: 'three-star', scorecardId: 'sc-1' }, DECIDER, days(70))).outcome)).toBe('OriginalDeciderCannotRedecide');
    expect(errorOf(given(events).when(cmd('redecide-level', { level: 'three-star', scorecardId: 'sc-1' }, REVIEWER, days(70))).outcome)).toBe('EvaluatorCannotDecide');
    expect(errorOf(given(certified().events).when(cmd('redecide-level', { level: 'three-star', scorecardId: 'sc-1' }, OTHER, days(70))).outcome)).toBe('LevelNotReopened');
    expect(errorOf(given(events).when(cmd('redecide-level', { level: 'three-star', scorecardId: 'sc-9' }, OTHER, days(70))).outcome)).toBe('ScorecardMismatch');
    const capped = decisionPending().events.map((e) =>
      e.type === 'certification.case-scored' ? ({ ...e, data: { ...e.data, level: 'three-star' } } as CaseEvent) : e,
    );
    const cappedReopened = [...capped, ...granted().events.slice(capped.length).map((e) => (e.type === 'certification.certification-granted' ? ({ ...e, data: { ...e.data, level: 'three-star' } } as CaseEvent) : e))];
    const withMarker = [...cappedReopened, { type: 'certification.level-decision-reopened', data: { appealId: 'a', reopenedBy: 'certificates', setAsideBy: DECIDER.id } } as CaseEvent];
    expect(errorOf(given(withMarker).when(cmd('redecide-level', { level: 'four-star', scorecardId: 'sc-1' }, OTHER, days(70))).outcome)).toBe('LevelNotSupported');
  });

  it('is not decided again by the decision maker who upheld the appeal (ISO/IEC 17065 7.13)', () => {
    const byHandler = granted().give(cmd('reopen-level-decision', { appealId: 'appeal-1', setAsideBy: DECIDER.id }, OTHER, days(60)));
    expect(byHandler.state).toMatchObject({ levelReopened: { reopenedBy: OTHER.id } });
    expect(errorOf(given(byHandler.events).when(cmd('redecide-level', { level: 'five-star', scorecardId: 'sc-1' }, OTHER, days(70))).outcome)).toBe('AppealHandlerCannotRedecide');
    const third = { id: 'decider-3', role: 'decision-maker' };
    expect(given(byHandler.events).when(cmd('redecide-level', { level: 'five-star', scorecardId: 'sc-1' }, third, days(70))).outcome).toEqual([expect.objectContaining({ type: 'certification.level-redecided' })]);
  });

  it('is dropped when the certificate is cancelled or expires, and kept through a withdrawal that an appeal may set aside', () => {
    expect('levelReopened' in reopened().give(cmd('cancel-certificate', { reason: '停业' }, DECIDER, days(80))).state).toBe(false);
    expect('levelReopened' in reopened().give(cmd('expire-certificate', {}, SYSTEM, days(3 * 365 + 1, days(45)))).state).toBe(false);
    const withdrawn = reopened().give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(80)));
    expect(withdrawn.state).toMatchObject({ status: 'withdrawn', levelReopened: { appealId: 'appeal-1' } });
    expect(withdrawn.give(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, days(90))).state).toMatchObject({ status: 'certified', levelReopened: { appealId: 'appeal-1' } });
  });

  it('is dropped by a recertification, whose own decision sets the level', () => {
    const s = reopened().give(cmd('start-recertification', { catalogueVersion: 'v2' }, { id: 'applicant-1' }, days(3 * 365 - 60, days(45))));
    expect('levelReopened' in s.state).toBe(false);
  });
});

describe('an upheld appeal against a withdrawal', () => {
  it('returns a withdrawn certificate to certified with the surveillance whose date passed meanwhile due at once, a month on, not a year', () => {
    const withdrawn = certified().give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(100)));
    // The date (a year after the grant on day 45) passed on day 410.
    const at = days(420);
    const { outcome } = given(withdrawn.events).when(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, at));
    const next = addMonths(at, DEFAULT_POLICY.surveillanceAfterSetAsideMonths).toISOString();
    expect(outcome).toEqual([
      { type: 'certification.withdrawal-set-aside', data: { appealId: 'appeal-3', setAsideBy: 'certificates', status: 'certified', nextSurveillanceBy: next, surveillanceDueBy: null } },
      { type: 'certification.surveillance-due', data: { dueBy: next } },
    ]);
    expect(fold([...withdrawn.events, ...(outcome as CaseEvent[])])).toMatchObject({ status: 'certified', certificate: { number: 'CN-1', nextSurveillanceBy: next }, surveillanceDueBy: next });
  });

  it('keeps a surveillance date that has not passed, and a surveillance due at the withdrawal due again (the same surveillance, no new due fact)', () => {
    const withdrawn = certified().give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(100)));
    const date = (withdrawn.state as { certificate: { nextSurveillanceBy: string } }).certificate.nextSurveillanceBy;
    const early = given(withdrawn.events).when(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, days(150))).outcome as CaseEvent[];
    expect(early).toEqual([expect.objectContaining({ data: expect.objectContaining({ nextSurveillanceBy: date, surveillanceDueBy: null }) })]);
    const due = certified().give(cmd('mark-surveillance-due', {}, SYSTEM, days(340))).give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(350)));
    const again = given(due.events).when(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, days(360))).outcome as CaseEvent[];
    expect(again).toEqual([expect.objectContaining({ type: 'certification.withdrawal-set-aside', data: expect.objectContaining({ nextSurveillanceBy: date, surveillanceDueBy: date }) })]);
    expect(fold([...due.events, ...again])).toMatchObject({ status: 'certified', surveillanceDueBy: date });
    const late = given(due.events).when(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, days(500))).outcome as CaseEvent[];
    const moved = addMonths(days(500), DEFAULT_POLICY.surveillanceAfterSetAsideMonths).toISOString();
    expect(late).toEqual([expect.objectContaining({ data: expect.objectContaining({ nextSurveillanceBy: moved, surveillanceDueBy: moved }) })]);
  });

  it('returns a certificate withdrawn while suspended to suspended: the deadline it had, or a fresh one if that passed', () => {
    const suspended = certified().give(cmd('suspend-certificate', { reason: 'complaint upheld', months: 3 }, DECIDER, days(100)));
    const until = (suspended.state as { until: string }).until;
    const withdrawn = suspended.give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(120)));
    const early = given(withdrawn.events).when(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, days(130))).outcome;
    expect(early).toEqual([expect.objectContaining({ data: expect.objectContaining({ status: 'suspended', suspension: { until, reason: 'complaint upheld' } }) })]);
    expect(fold([...withdrawn.events, ...(early as CaseEvent[])])).toMatchObject({ status: 'suspended', until, reason: 'complaint upheld' });
    const late = given(withdrawn.events).when(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, days(300))).outcome as CaseEvent[];
    const lateUntil = (late[0]?.data as { suspension: { until: string } }).suspension.until;
    expect(new Date(lateUntil) > days(300)).toBe(true);
  });

  it('states a renewed suspension deadline in the reason params, not the one that passed while withdrawn', () => {
    const failed = certified().give(cmd('record-surveillance', { passed: false, reason: 'complaints unanswered' }, REVIEWER, days(300)));
    const withdrawn = failed.give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(310)));
    const at = days(500);
    const [fact] = given(withdrawn.events).when(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, at)).outcome as CaseEvent[];
    const suspension = (fact?.data as { suspension: { until: string; reasonParams: Record<string, string> } }).suspension;
    expect(new Date(suspension.until) > at).toBe(true);
    expect(suspension.reasonParams).toEqual({ detail: 'complaints unanswered', until: shanghaiDate(suspension.until) });
    expect(fold([...withdrawn.events, fact as CaseEvent])).toMatchObject({ status: 'suspended', reasonParams: { until: shanghaiDate(suspension.until) } });
  });

  it('refuses once the certificate validity has ended', () => {
    const withdrawn = certified().give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(100)));
    const ended = given(withdrawn.events).when(cmd('set-aside-withdrawal', { appealId: 'appeal-3' }, SYSTEM, days(4 * 365))).outcome as { error: string; message: string };
    expect(ended.error).toBe('ValidityEnded');
    // The last valid day in Shanghai, as the certificate states it, not an ISO instant.
    expect(ended.message).toMatch(/valid until \d{4}-\d{2}-\d{2}:/);
  });
});
