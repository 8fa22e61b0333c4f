import { certificationCaseEvents, CASE_STATUS_CHANGED, EventRegistry, caseFactSchemas, REASON_CODES } from '@gbt/contracts';
import { CaseEventSchemas, LIFECYCLE_REASONS, type CaseCommand, type CaseEvent, type CaseState, type DomainError } from '@gbt/certification';
import type { Decider } from '@gbt/decider';
import { caseAggregate, statusAfter } from './case.aggregate';
import type { PublishedCaseEvent } from './case-status';

/** What the aggregate runner appends for a command: the decided facts, then the snapshot `alongside` derives (statusAfter). */
const publishingDecider = (): Decider<CaseCommand, PublishedCaseEvent, CaseState, DomainError> => {
  const { decider } = caseAggregate;
  const evolve = (state: CaseState, e: PublishedCaseEvent) => (e.type === CASE_STATUS_CHANGED ? state : decider.evolve(state, e));
  return {
    initialState: decider.initialState,
    evolve,
    decide(command, state) {
      const outcome = decider.decide(command, state);
      if (!Array.isArray(outcome) || outcome.length === 0) return outcome;
      const facts: readonly CaseEvent[] = outcome;
      const after = facts.reduce(decider.evolve, state);
      return [...facts, ...statusAfter(after, facts)];
    },
  };
};

const T0 = new Date('2027-01-10T02:00:00.000Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const APPLICANT = { id: 'applicant-1', role: 'applicant' };
const REVIEWER = { id: 'reviewer-1', role: 'reviewer' };
const REVIEWER_2 = { id: 'reviewer-2', role: 'reviewer' };
const LEAD = { id: 'lead-1', role: 'lead-reviewer' };
const DECIDER = { id: 'decider-1', role: 'decision-maker' };
const scope = { productCategories: ['household appliances'], serviceCategories: ['repair'], sites: ['Shanghai HQ'], outlets: ['Pudong outlet'] };
const cmd = (type: CaseCommand['type'], data: unknown, actor: { id: string; role?: string }, at = T0) => ({ type, data, actor, at }) as CaseCommand;

/**
 * Drift test: what the lifecycle writes is the public contract. Every fact type the domain can
 * write has a public schema, and every event a whole life writes (facts and status snapshots)
 * validates against the contract as the store and every consumer will validate it.
 */
describe('the lifecycle public contract', () => {
  const registry = new EventRegistry(certificationCaseEvents);

  it('has a public schema, version 1, for every fact type the lifecycle can write', () => {
    for (const type of Object.keys(CaseEventSchemas)) {
      expect(registry.has(type)).toBe(true);
      expect(registry.currentVersion(type)).toBe(1);
    }
    expect(Object.keys(caseFactSchemas).sort()).toEqual(Object.keys(CaseEventSchemas).sort());
    expect(registry.currentVersion(CASE_STATUS_CHANGED)).toBe(1);
  });

  it('validates every event of a whole life, each change followed by its snapshot of the state after it', () => {
    const decider = publishingDecider();
    let state: CaseState = decider.initialState;
    const written: PublishedCaseEvent[] = [];
    const give = (c: CaseCommand) => {
      const out = decider.decide(c, state);
      if (!Array.isArray(out)) throw new Error(`refused ${c.type}: ${JSON.stringify(out)}`);
      const events = out as readonly PublishedCaseEvent[];
      expect(events.at(-1)?.type).toBe(CASE_STATUS_CHANGED);
      expect(events.filter((e) => e.type === CASE_STATUS_CHANGED)).toHaveLength(1);
      state = events.reduce(decider.evolve, state);
      written.push(...events);
      return events.at(-1)!.data as Record<string, unknown>;
    };
    const sha = 'a'.repeat(64);
    give(cmd('draft-application', { caseId: 'case-00000000-0000-4000-8000-000000000001', organisationId: 'org-1', catalogueVersion: 'gbt27922-2011.v1', scope }, APPLICANT));
    give(cmd('attach-evidence', { documentId: 'doc-1', requirementId: '5.1.1.1', fileName: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: sha }, APPLICANT));
    give(cmd('submit-application', {}, APPLICANT));
    give(cmd('accept-application', {}, LEAD));
    give(cmd('declare-conflict-of-interest', { personId: 'someone', reason: 'related' }, LEAD));
    give(cmd('assign-evaluator', { personId: REVIEWER.id }, LEAD));
    give(cmd('complete-document-review', {}, REVIEWER));
    give(cmd('record-nonconformity', { nonconformityId: 'nc-1', requirementId: '5.1.2.2', finding: 'x', rectifyBy: days(30) }, REVIEWER));
    give(cmd('close-nonconformity', { nonconformityId: 'nc-1' }, REVIEWER_2));
    give(cmd('complete-on-site-evaluation', {}, REVIEWER));
    const pending = give(cmd('record-score', { scorecardId: 'sc-1', catalogueVersion: 'gbt27922-2011.v1', score: 90, level: 'four-star', specialDeductions: 0, passed: true, waiveOpenNonconformities: false }, { id: 'scoring', role: 'system' }));
    expect(pending).toMatchObject({ status: 'decision-pending', phase: 'decision-pending', level: 'four-star', evaluators: [REVIEWER.id, REVIEWER_2.id], conflicts: ['someone'] });
    const granted = give(cmd('grant-certification', { certificateNumber: 'GBT27922-2027-000001', level: 'four-star', scorecardId: 'sc-1' }, DECIDER, days(40)));
    expect(granted).toMatchObject({ status: 'certified', certificate: { number: 'GBT27922-2027-000001', level: 'four-star', cycle: 1 }, changes: [{ type: 'certification.certification-granted' }] });
    const failed = give(cmd('record-surveillance', { passed: false, reason: 'complaints unanswered' }, REVIEWER, days(300)));
    expect(failed).toMatchObject({ status: 'suspended', changes: [{ type: 'certification.surveillance-failed' }, { type: 'certification.certificate-suspended' }] });
    expect(failed.suspendedUntil).toEqual(expect.any(String));
    give(cmd('reinstate-certificate', {}, DECIDER, days(320)));
    give(cmd('change-scope', { change: 'extension', scope: { ...scope, outlets: [...scope.outlets, 'Minhang outlet'] } }, DECIDER, days(330)));
    give(cmd('withdraw-certificate', { reason: 'serious breach' }, DECIDER, days(340)));

    for (const e of written) expect(() => registry.validateNew(e.type, 1, JSON.parse(JSON.stringify(e.data)))).not.toThrow();
    expect(new Set(written.map((e) => e.type)).size).toBeGreaterThan(15);
  });

  it('words its own reasons only with codes of the contract, with the same parameters, and refuses a code with other parameters', () => {
    for (const [code, params] of Object.entries(LIFECYCLE_REASONS)) expect({ code, params: REASON_CODES[code as keyof typeof REASON_CODES] }).toEqual({ code, params });
    const suspended = caseFactSchemas['certification.certificate-suspended'];
    const until = '2028-02-06T02:00:00.000Z';
    expect(suspended.safeParse({ reason: 'x', reasonCode: 'certificate.suspended-surveillance-overdue', reasonParams: { dueBy: '2028-01-01', until: '2028-02-06' }, until }).success).toBe(true);
    expect(suspended.safeParse({ reason: 'x', reasonCode: 'certificate.suspended-surveillance-overdue', reasonParams: { dueBy: '2028-01-01' }, until }).success).toBe(false);
    expect(suspended.safeParse({ reason: 'x', reasonCode: 'no.such-code', reasonParams: {}, until }).success).toBe(false);
    // A fact stored before codes has none, and stays valid.
    expect(suspended.safeParse({ reason: 'surveillance overdue: it was due by 2028-01-01', until }).success).toBe(true);
  });

  it('leaves the state alone when a snapshot is folded: rebuilding from the stream gives the same case', () => {
    const decider = publishingDecider();
    const events = decider.decide(
      cmd('draft-application', { caseId: 'case-00000000-0000-4000-8000-000000000002', organisationId: 'org-1', catalogueVersion: 'gbt27922-2011.v1', scope }, APPLICANT),
      decider.initialState,
    ) as readonly PublishedCaseEvent[];
    const facts = events.filter((e) => e.type !== CASE_STATUS_CHANGED);
    expect(events.reduce(decider.evolve, decider.initialState)).toEqual(facts.reduce(decider.evolve, decider.initialState));
  });
});
