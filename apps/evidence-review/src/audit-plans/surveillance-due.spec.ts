import type { Actor } from '@gbt/platform';
import type { ReviewCaseStore } from '../review/review-case-store';
import type { AuditPlans } from './audit-plan.aggregate';
import type { PlansDue } from './plans-due';
import { RecordSurveillanceDue, RecordSurveillanceDueHandler } from './surveillance-due';

const context = { actor: { id: 'evidence-review', role: 'system' } as Actor, at: new Date('2028-02-01T02:00:00.000Z') };

/** The case as evidence review knows it, with the lifecycle versions of the surveillance dues recorded so far. */
function handlerWith(surveillancesDue: number[]) {
  const known = { caseId: 'case-1', organisationId: 'org-1', recertifications: [] as number[], surveillancesDue };
  const cases = {
    get: async () => known,
    currentCycle: async () => ({ caseId: 'case-1', cycle: 1 }),
    addSurveillanceDue: async (_c: string, v: number) => void known.surveillancesDue.push(v),
  } as unknown as ReviewCaseStore;
  const plans = { load: async () => ({ state: { status: 'none' } }) } as unknown as AuditPlans;
  const added: { planId: string; dueBy: string }[] = [];
  const due = { add: async (e: { planId: string; dueBy: string }) => void added.push(e) } as unknown as PlansDue;
  return { handler: new RecordSurveillanceDueHandler(cases, plans, due), added, known };
}

describe('a surveillance due (again) on the plans-due list', () => {
  it('puts the surveillance due at a withdrawal back on the list as the same surveillance when the withdrawal is set aside', async () => {
    const { handler, added, known } = handlerWith([20]);
    await handler.execute(new RecordSurveillanceDue({ caseId: 'case-1', lifecycleVersion: 30, dueBy: '2028-03-01T02:00:00.000Z', again: true }, context));
    expect(added).toEqual([expect.objectContaining({ planId: expect.stringMatching(/\.audit\.surveillance-1$/), dueBy: '2028-03-01T02:00:00.000Z' })]);
    expect(known.surveillancesDue).toEqual([20]);
  });

  it('counts a new due as the next surveillance of the cycle', async () => {
    const { handler, added } = handlerWith([20]);
    await handler.execute(new RecordSurveillanceDue({ caseId: 'case-1', lifecycleVersion: 30, dueBy: '2029-03-01T02:00:00.000Z' }, context));
    expect(added).toEqual([expect.objectContaining({ planId: expect.stringMatching(/\.audit\.surveillance-2$/) })]);
  });
});
