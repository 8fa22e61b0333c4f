import type { StaffCompetence } from '@gbt/competence';
import type { Actor, Clock } from '@gbt/platform';
import type { EvaluationRecords } from '../evaluation/evaluation-records';
import type { CaseView } from '../lifecycle/case-mirror';
import type { Certificates } from './certificates.aggregate';
import { certificatesInMemory } from '../testing/certificates-in-memory';
import { DecisionBasisHandler, DecisionBasisOf } from './certificate-queries';
import type { CertificatesEvent } from './certificates.decider';
import { Staleness, TakeDecision, TakeDecisionHandler } from './decision-commands';
import type { NumberAllocator } from './number-allocator';

const at = new Date('2027-06-01T02:00:00.000Z');
const as = (id: string): { actor: Actor; at: Date } => ({ actor: { id, role: 'decision-maker' } as Actor, at });

const granted: CertificatesEvent[] = [
  {
    type: 'certificates.decision-recorded',
    data: { caseId: 'case-1', decisionId: 'd1', cycle: 1, outcome: 'grant', level: 'compliant', reasons: 'r', scorecardId: 'sc-1', scorecardHash: 'h1', reviewReportHash: null, certificateNumber: 'CN-1', decidedBy: 'dora', requestId: 'q1' },
  },
  { type: 'certificates.grant-certification', data: { caseId: 'case-1', requestId: 'q1', certificateNumber: 'CN-1', level: 'compliant', scorecardId: 'sc-1' } },
  { type: 'certificates.request-answered', data: { caseId: 'case-1', requestId: 'q1', requested: 'certificates.grant-certification', outcome: 'accepted', code: null, reason: null } },
  { type: 'certificates.decision-set-aside', data: { caseId: 'case-1', decisionId: 'd1', appealId: 'a1', reason: 'upheld' } },
] as CertificatesEvent[];

const reopened = {
  caseId: 'case-1',
  organisationId: 'org-1',
  status: 'certified',
  phase: 'certified',
  evaluators: [],
  conflicts: [],
  scope: { productCategories: [] },
  score: { scorecardId: 'sc-2' },
  level: 'five-star',
  certificate: { number: 'CN-1', level: 'compliant', cycle: 1 },
  levelReopened: { appealId: 'a1', setAsideBy: 'dora', reopenedBy: 'hana' },
} as unknown as CaseView;

function handler(certificates: Certificates) {
  const allocate = jest.fn(async () => 'CN-NEW');
  const mirror = { get: async () => ({ state: reopened, version: 9 }) };
  const evaluations = { scorecard: async () => ({ hash: 'h2' }), get: async () => ({ reviewReport: null }) } as unknown as EvaluationRecords;
  const staff = { ineligibility: async () => null } as unknown as StaffCompetence;
  const clock: Clock = { now: () => at };
  const h = new TakeDecisionHandler(certificates, mirror as never, evaluations, { allocate } as unknown as NumberAllocator, staff, clock);
  return { h, allocate };
}

const decision = (outcome: 'grant' | 'deny') => ({ caseId: 'case-1', outcome, level: outcome === 'grant' ? ('five-star' as const) : undefined, reasons: 'again', scorecardHash: 'h2', reviewReportHash: null });

describe('the level decided again after an upheld appeal, with a basis that changed (ADR 0038)', () => {
  it('does not mark the grant the appeal set aside stale when the scorecard is corrected', async () => {
    const { certificates, written } = certificatesInMemory(granted);
    await new Staleness(certificates).markIfBoundTo('case-1', { scorecardReplaced: 'sc-1' }, 'scorecard corrected', as('certificates'));
    expect(written).toEqual([]);
  });

  it('re-decides the level on the live number even when the set-aside grant was marked stale before, and never allocates or voids one', async () => {
    const stale = { type: 'certificates.decision-went-stale', data: { caseId: 'case-1', decisionId: 'd1', reason: 'scorecard corrected' } } as CertificatesEvent;
    const { certificates, written } = certificatesInMemory([...granted, stale]);
    const { h, allocate } = handler(certificates);
    const taken = await h.execute(new TakeDecision(decision('grant'), as('erin')));
    expect(taken).toMatchObject({ certificateNumber: 'CN-1', cycle: 1, requested: 'certificates.redecide-level' });
    expect(allocate).not.toHaveBeenCalled();
    expect(written.map((e) => e.type)).toEqual(['certificates.decision-recorded', 'certificates.redecide-level']);
  });

  it('refuses the decision maker who upheld the appeal: the appeal and the certification decision are not one person\'s (ISO/IEC 17065 7.13)', async () => {
    const { certificates, written } = certificatesInMemory(granted);
    const { h } = handler(certificates);
    await expect(h.execute(new TakeDecision(decision('grant'), as('hana')))).rejects.toMatchObject({ code: 'AppealHandlerCannotRedecide' });
    expect(written).toEqual([]);
  });

  it('refuses a denial as the level decided again, stale or not', async () => {
    const stale = { type: 'certificates.decision-went-stale', data: { caseId: 'case-1', decisionId: 'd1', reason: 'scorecard corrected' } } as CertificatesEvent;
    const { certificates, written } = certificatesInMemory([...granted, stale]);
    await expect(handler(certificates).h.execute(new TakeDecision(decision('deny'), as('erin')))).rejects.toMatchObject({ code: 'LevelRedecisionGrants' });
    expect(written).toEqual([]);
  });

  it('says a number was voided only for a rejected new grant, not for a rejected re-decision on the live number', async () => {
    const { certificates } = certificatesInMemory(granted);
    const { h } = handler(certificates);
    const taken = await h.execute(new TakeDecision(decision('grant'), as('erin')));
    const rejected = { outcome: 'rejected' as const, code: 'LevelNotReopened', reason: 'no appeal' };
    await certificates.execute('case-1', { type: 'record-answer', caseId: 'case-1', requestId: 'requestId' in taken ? taken.requestId : '', ...rejected }, as('certificates'));
    const mirror = { get: async () => ({ state: reopened, version: 9 }) };
    const evaluations = { get: async () => ({ scorecards: [], reviewReport: null }) } as unknown as EvaluationRecords;
    const basis = new DecisionBasisHandler(certificates, mirror as never, evaluations, { ineligibility: async () => null } as unknown as StaffCompetence);
    const shown = await basis.execute(new DecisionBasisOf({ caseId: 'case-1', readerId: 'erin', at }));
    expect(shown.decisions.map((d) => [d.certificateNumber, d.answer?.outcome, d.voidedNumber])).toEqual([
      ['CN-1', 'accepted', null],
      ['CN-1', 'rejected', null],
    ]);
    const { certificates: fresh } = certificatesInMemory(granted.slice(0, 2));
    await fresh.execute('case-1', { type: 'record-answer', caseId: 'case-1', requestId: 'q1', ...rejected, code: 'NotAllowedInState' }, as('certificates'));
    const voided = await new DecisionBasisHandler(fresh, mirror as never, evaluations, { ineligibility: async () => null } as unknown as StaffCompetence).execute(new DecisionBasisOf({ caseId: 'case-1', readerId: 'erin', at }));
    expect(voided.decisions.map((d) => d.voidedNumber)).toEqual(['CN-1']);
  });
});
