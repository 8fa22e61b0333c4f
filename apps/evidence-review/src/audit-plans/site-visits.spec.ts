import type { Actor } from '@gbt/platform';
import type { ReviewCaseStore } from '../review/review-case-store';
import type { AuditPlans } from './audit-plan.aggregate';
import { RecordSiteVisit, RecordSiteVisitHandler, type SiteVisits } from './site-visits';

const planId = 'case-1.audit.surveillance-1';
const plan = { planId, caseId: 'case-1', kind: 'surveillance-1', startDate: '2028-02-14', endDate: '2028-02-16', team: [{ personId: 'rui', role: 'auditor' }], outletSample: { outlets: [{ id: 'outlet-3', reason: 'random' }] } };

/** An auditor of the confirmed first surveillance records a visit at `at`; `closed`: the case's record says that surveillance is over. */
async function visitAt(at: string, closed: string[] = []) {
  const recorded: unknown[] = [];
  const plans = { load: async () => ({ state: { status: 'confirmed', revision: 1, plan } }) } as unknown as AuditPlans;
  const visits = { execute: async (_id: string, command: unknown) => (recorded.push(command), { version: 1 }) } as unknown as SiteVisits;
  const cases = {
    currentCycle: async () => ({ caseId: 'case-1', cycle: 1 }),
    assertNotConflicted: async () => undefined,
    get: async () => ({ caseId: 'case-1', organisationId: 'org-1', surveillancesClosed: closed }),
  } as unknown as ReviewCaseStore;
  const context = { actor: { id: 'rui', role: 'reviewer' } as Actor, at: new Date(at) };
  const outcome = await new RecordSiteVisitHandler(plans, visits, cases).execute(new RecordSiteVisit({ caseId: 'case-1', kind: 'surveillance-1', outletId: 'outlet-3', outcome: 'conforming' }, context)).catch((e: { code?: string }) => e.code);
  return { outcome, recorded };
}

describe('a surveillance site visit in time', () => {
  it("is refused before the audit's first day, as a Shanghai date", async () => {
    expect((await visitAt('2028-02-13T15:59:00Z')).outcome).toBe('VisitBeforeAudit');
    expect((await visitAt('2028-02-13T16:00:00Z')).outcome).toEqual({ planId, version: 1 });
  });

  it('is refused once the surveillance is over, and nothing is written', async () => {
    const { outcome, recorded } = await visitAt('2028-02-15T02:00:00Z', [planId]);
    expect(outcome).toBe('SurveillanceClosed');
    expect(recorded).toEqual([]);
  });
});
