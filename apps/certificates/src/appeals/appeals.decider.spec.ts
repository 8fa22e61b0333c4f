import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { specFor } from '@gbt/decider';
import { APPEAL_REFUSAL_CODES, type AppealedDecision } from '@gbt/contracts';
import { answerDueOn, DEFAULT_APPEAL_POLICY, whyNotHandler, whyNotLodge, type Participation } from './appeal-rules';
import { appealsDecider, type AppealsCommand, type AppealsEvent } from './appeals.decider';

const given = (events: readonly AppealsEvent[]) => specFor(appealsDecider)(events);
const errorOf = (outcome: unknown) => (outcome as { error?: string }).error;

const caseId = 'case-00000000-0000-4000-8000-000000000001';
const appealId = 'appeal-00000000-0000-4000-8000-000000000001';
const denial: AppealedDecision = { kind: 'denial', decisionKey: 'snap-1:0', decidedOn: '2027-03-01', decidedBy: 'decider-1', certificateNumber: null, level: null };
const participation: Participation = { evaluators: ['reviewer-1', 'lead-1'], conflicts: ['cousin-1'], deciders: ['decider-1'] };
/** Weekends only: 2027's public holidays are not in the calendar the service ships today. */
const weekdays = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
const lodge = (today: string, standing: AppealedDecision | null = denial, id = appealId): AppealsCommand => ({
  type: 'lodge', caseId, appealId: id, standing, grounds: 'the evidence for 5.1.3 was overlooked', lodgedBy: 'applicant-1', today, policy: DEFAULT_APPEAL_POLICY,
  answerBy: answerDueOn(today, DEFAULT_APPEAL_POLICY, weekdays),
});
const lodged = (): AppealsEvent[] => given([]).when(lodge('2027-03-10')).outcome as AppealsEvent[];
const assign = (handlerId: string): AppealsCommand => ({ type: 'assign', caseId, appealId, handlerId, assignedBy: handlerId, participation });
const withHandler = (): AppealsEvent[] => [...lodged(), ...(given(lodged()).when(assign('decider-2')).outcome as AppealsEvent[])];
const answer = (outcome: 'upheld' | 'dismissed', by = 'decider-2'): AppealsCommand => ({ type: 'answer', caseId, appealId, outcome, reasons: 'the evidence was there', by, requestId: null });

describe('lodging an appeal', () => {
  it('acknowledges it at once with the answer due 40 working days later', () => {
    expect(lodged()).toEqual([
      {
        type: 'appeals.appeal-lodged',
        data: { caseId, appealId, against: denial, grounds: 'the evidence for 5.1.3 was overlooked', lodgedBy: 'applicant-1', acknowledgedOn: '2027-03-10', answerBy: '2027-05-05' },
      },
    ]);
  });

  it('takes the last day of the 30-day period and refuses the day after', () => {
    expect(Array.isArray(given([]).when(lodge('2027-03-31')).outcome)).toBe(true);
    expect(given([]).when(lodge('2027-04-01')).outcome).toEqual(expect.objectContaining({ error: 'OutOfAppealPeriod', params: { kind: 'denial', decidedOn: '2027-03-01', lastDay: '2027-03-31', days: '30' } }));
  });

  it('counts the period from the decision date across a month end and a leap day', () => {
    const feb = { ...denial, decidedOn: '2028-02-15' };
    expect(whyNotLodge(feb, [], '2028-03-16', DEFAULT_APPEAL_POLICY)).toBeNull();
    expect(whyNotLodge(feb, [], '2028-03-17', DEFAULT_APPEAL_POLICY)?.error).toBe('OutOfAppealPeriod');
  });

  it('refuses with nothing to appeal, an appeal still open, and the same decision twice', () => {
    expect(errorOf(given([]).when(lodge('2027-03-10', null)).outcome)).toBe('NothingToAppeal');
    expect(errorOf(given(lodged()).when(lodge('2027-03-11', denial, 'appeal-00000000-0000-4000-8000-000000000002')).outcome)).toBe('AppealAlreadyOpen');
    const dismissed = [...withHandler(), ...(given(withHandler()).when(answer('dismissed')).outcome as AppealsEvent[])];
    expect(errorOf(given(dismissed).when(lodge('2027-03-12', denial, 'appeal-00000000-0000-4000-8000-000000000002')).outcome)).toBe('DecisionAlreadyAppealed');
    const suspension: AppealedDecision = { ...denial, kind: 'suspension', decisionKey: 'snap-9:0', decidedOn: '2027-03-12' };
    expect(Array.isArray(given(dismissed).when(lodge('2027-03-12', suspension, 'appeal-00000000-0000-4000-8000-000000000002')).outcome)).toBe(true);
  });
});

describe('who may handle an appeal', () => {
  it('refuses each person who took part in the case, each with its own code', () => {
    expect(whyNotHandler('reviewer-1', participation)?.error).toBe('EvaluatorCannotHandleAppeal');
    expect(whyNotHandler('lead-1', participation)?.error).toBe('EvaluatorCannotHandleAppeal');
    expect(whyNotHandler('cousin-1', participation)?.error).toBe('ConflictOfInterest');
    expect(whyNotHandler('decider-1', participation)?.error).toBe('DeciderCannotHandleAppeal');
    expect(whyNotHandler('decider-2', participation)).toBeNull();
  });

  it('assigns a person who took no part, refuses the maker of the decision appealed, and changes nothing when assigned twice', () => {
    expect(errorOf(given(lodged()).when(assign('decider-1')).outcome)).toBe('DeciderCannotHandleAppeal');
    expect(given(lodged()).when(assign('decider-2')).outcome).toEqual([{ type: 'appeals.handler-assigned', data: { caseId, appealId, handlerId: 'decider-2', assignedBy: 'decider-2' } }]);
    expect(given(withHandler()).when(assign('decider-2')).outcome).toEqual([]);
  });

  it('lets only the handler answer, and only once', () => {
    expect(errorOf(given(lodged()).when(answer('dismissed')).outcome)).toBe('NotAppealHandler');
    expect(errorOf(given(withHandler()).when(answer('dismissed', 'decider-3')).outcome)).toBe('NotAppealHandler');
    const done = [...withHandler(), ...(given(withHandler()).when(answer('dismissed')).outcome as AppealsEvent[])];
    expect(errorOf(given(done).when(answer('upheld')).outcome)).toBe('AppealClosed');
    expect(errorOf(given(done).when(assign('decider-3')).outcome)).toBe('AppealClosed');
  });
});

describe('the outcome', () => {
  it('upholds a denial by reopening the decision', () => {
    expect(given(withHandler()).when(answer('upheld')).outcome).toEqual([
      { type: 'appeals.appeal-upheld', data: { caseId, appealId, reasons: 'the evidence was there', decidedBy: 'decider-2', remedy: 'decision-reopened', requestId: null } },
    ]);
  });

  it('upholds the level granted by reopening the level decision, and a withdrawal by setting it aside (ADR 0038); either may be dismissed', () => {
    const level = given([]).when(lodge('2027-03-10', { ...denial, kind: 'level', level: 'three-star', certificateNumber: 'GBT27922-2027-000001-32' })).outcome as AppealsEvent[];
    const levelHandled = [...level, ...(given(level).when(assign('decider-2')).outcome as AppealsEvent[])];
    expect(given(levelHandled).when(answer('upheld')).outcome).toEqual([expect.objectContaining({ type: 'appeals.appeal-upheld', data: expect.objectContaining({ remedy: 'level-decision-reopened' }) })]);
    expect(given(levelHandled).when(answer('dismissed')).outcome).toEqual([expect.objectContaining({ type: 'appeals.appeal-dismissed' })]);
    const withdrawn = given([]).when(lodge('2027-03-10', { ...denial, kind: 'withdrawal', certificateNumber: 'GBT27922-2027-000001-32' })).outcome as AppealsEvent[];
    const withdrawalHandled = [...withdrawn, ...(given(withdrawn).when(assign('decider-2')).outcome as AppealsEvent[])];
    expect(given(withdrawalHandled).when(answer('upheld')).outcome).toEqual([expect.objectContaining({ type: 'appeals.appeal-upheld', data: expect.objectContaining({ remedy: 'withdrawal-set-aside' }) })]);
  });

  it('upholds a refusal by reopening the application', () => {
    const refused = given([]).when(lodge('2027-03-10', { ...denial, kind: 'refusal', decidedBy: 'lead-1' })).outcome as AppealsEvent[];
    const handled = [...refused, ...(given(refused).when(assign('decider-2')).outcome as AppealsEvent[])];
    expect(given(handled).when(answer('upheld')).outcome).toEqual([expect.objectContaining({ type: 'appeals.appeal-upheld', data: expect.objectContaining({ remedy: 'application-reopened' }) })]);
  });

  it('upholds a suspension by reinstating the certificate', () => {
    const suspended = given([]).when(lodge('2027-03-10', { ...denial, kind: 'suspension', certificateNumber: 'GBT27922-2027-000001-32' })).outcome as AppealsEvent[];
    const handled = [...suspended, ...(given(suspended).when(assign('decider-2')).outcome as AppealsEvent[])];
    expect(given(handled).when(answer('upheld')).outcome).toEqual([expect.objectContaining({ type: 'appeals.appeal-upheld', data: expect.objectContaining({ remedy: 'certificate-reinstated' }) })]);
  });
});

describe('the answer deadline', () => {
  const remind: AppealsCommand = { type: 'remind', caseId, appealId, answerBy: '2027-05-05', daysBefore: 7 };
  const escalate: AppealsCommand = { type: 'escalate', caseId, appealId, answerBy: '2027-05-05' };

  it('reminds and escalates an open appeal once, and leaves an answered one alone', () => {
    expect(given(lodged()).when(remind).outcome).toEqual([{ type: 'appeals.answer-reminder', data: { caseId, appealId, answerBy: '2027-05-05', daysBefore: 7 } }]);
    const overdue = given(lodged()).when(escalate).outcome as AppealsEvent[];
    expect(overdue).toEqual([{ type: 'appeals.answer-overdue', data: { caseId, appealId, answerBy: '2027-05-05' } }]);
    expect(given([...lodged(), ...overdue]).when(escalate).outcome).toEqual([]);
    const done = [...withHandler(), ...(given(withHandler()).when(answer('dismissed')).outcome as AppealsEvent[])];
    expect(given(done).when(escalate).outcome).toEqual([]);
    expect(given(done).when(remind).outcome).toEqual([]);
  });
});

describe('the refusal codes', () => {
  it('are exactly the ones the contract lists for the console to word', () => {
    const used = new Set<string>();
    for (const file of ['appeal-rules.ts', 'appeals.decider.ts']) for (const m of readFileSync(join(__dirname, file), 'utf8').matchAll(/refuse\('(\w+)'/g)) used.add(m[1]!);
    expect([...used].sort()).toEqual([...APPEAL_REFUSAL_CODES].sort());
  });
});
