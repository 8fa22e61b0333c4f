import { specFor } from '@gbt/decider';
import { computeManDays } from '../man-days/compute';
import { defaultManDayTable } from '../man-days/registry';
import type { AuditPlan } from './audit-plan';
import { auditPlanConfirmation, type ConfirmationEvent } from './confirmation';

const plan: AuditPlan = {
  planId: 'plan-1',
  caseId: 'case-1',
  kind: 'surveillance-1',
  mode: 'remote',
  startDate: '2028-02-01',
  endDate: '2028-02-01',
  team: [{ personId: 'lena', role: 'lead-auditor' }],
  outletSample: null,
  requirementIds: ['5.3.2.1'],
  manDays: computeManDays(defaultManDayTable, { kind: 'surveillance-1', employees: 3, outletsVisited: 0 }),
};
const movedPlan: AuditPlan = { ...plan, startDate: '2028-02-03', endDate: '2028-02-03' };
const spec = specFor(auditPlanConfirmation());

const proposed = (revision: number, p: AuditPlan = plan): ConfirmationEvent => ({ type: 'audit-plan.proposed', data: { revision, plan: p, proposedBy: 'lena' } });
const changeRequested: ConfirmationEvent = { type: 'audit-plan.change-requested', data: { planId: 'plan-1', revision: 1, reason: 'our manager is away that day', requestedBy: 'alice' } };
const confirmed = (revision: number): ConfirmationEvent => ({ type: 'audit-plan.confirmed', data: { planId: 'plan-1', revision, confirmedBy: 'alice' } });

describe('the applicant\'s confirmation of an audit plan', () => {
  it('proposes revision 1, which the applicant confirms by number', () => {
    expect(spec([]).when({ type: 'propose', plan, by: 'lena' }).outcome).toEqual([proposed(1)]);
    const { state, outcome } = spec([proposed(1)]).when({ type: 'confirm', revision: 1, by: 'alice' });
    expect(state).toMatchObject({ status: 'proposed', revision: 1 });
    expect(outcome).toEqual([confirmed(1)]);
  });

  it('goes proposed -> change-requested -> proposed (revision 2) -> confirmed', () => {
    expect(spec([proposed(1)]).when({ type: 'request-change', revision: 1, reason: 'our manager is away that day', by: 'alice' }).outcome).toEqual([changeRequested]);
    expect(spec([proposed(1), changeRequested]).when({ type: 'propose', plan: movedPlan, by: 'lena' }).outcome).toEqual([proposed(2, movedPlan)]);
    const { state, outcome } = spec([proposed(1), changeRequested, proposed(2, movedPlan)]).when({ type: 'confirm', revision: 2, by: 'alice' });
    expect(outcome).toEqual([confirmed(2)]);
    expect(state.plan).toEqual(movedPlan);
  });

  it('refuses an answer to a revision that is no longer the one proposed', () => {
    expect(spec([proposed(1), proposed(2, movedPlan)]).when({ type: 'confirm', revision: 1, by: 'alice' }).outcome).toMatchObject({ error: 'StaleRevision' });
    expect(spec([proposed(1), proposed(2, movedPlan)]).when({ type: 'request-change', revision: 3, reason: 'x', by: 'alice' }).outcome).toMatchObject({ error: 'StaleRevision' });
  });

  it('reopens a confirmed plan that must change: the new revision needs a new confirmation', () => {
    const given = [proposed(1), confirmed(1)];
    expect(spec(given).when({ type: 'confirm', revision: 1, by: 'alice' }).outcome).toMatchObject({ error: 'NotAllowedInState' });
    expect(spec(given).when({ type: 'propose', plan: movedPlan, by: 'lena' }).outcome).toEqual([proposed(2, movedPlan)]);
  });

  it('takes nothing before a proposal but a proposal, and nothing after a cancellation', () => {
    for (const command of [{ type: 'confirm', revision: 0, by: 'alice' }, { type: 'request-change', revision: 0, reason: 'x', by: 'alice' }, { type: 'cancel', reason: 'x', by: 'lena' }] as const) {
      expect(spec([]).when(command).outcome).toMatchObject({ error: 'NotAllowedInState' });
    }
    const cancelled: ConfirmationEvent = { type: 'audit-plan.cancelled', data: { planId: 'plan-1', reason: 'certificate withdrawn', cancelledBy: 'lena' } };
    expect(spec([proposed(1)]).when({ type: 'cancel', reason: 'certificate withdrawn', by: 'lena' }).outcome).toEqual([cancelled]);
    expect(spec([proposed(1), cancelled]).when({ type: 'propose', plan, by: 'lena' }).outcome).toMatchObject({ error: 'NotAllowedInState' });
  });

  it('refuses an invalid plan with its problems, a revision of another plan, and a change request or cancellation without a reason', () => {
    const invalid = spec([]).when({ type: 'propose', plan: { ...plan, team: [] }, by: 'lena' }).outcome;
    expect(invalid).toMatchObject({ error: 'InvalidPlan', problems: [{ code: 'audit-plan.lead-count' }, { code: 'audit-plan.team-too-small' }] });
    expect(spec([proposed(1)]).when({ type: 'propose', plan: { ...plan, kind: 'surveillance-2', manDays: { ...plan.manDays, kind: 'surveillance-2' } }, by: 'lena' }).outcome).toMatchObject({ error: 'PlanMismatch' });
    expect(spec([proposed(1)]).when({ type: 'request-change', revision: 1, reason: ' ', by: 'alice' }).outcome).toMatchObject({ error: 'ReasonRequired' });
    expect(spec([proposed(1)]).when({ type: 'cancel', reason: '', by: 'lena' }).outcome).toMatchObject({ error: 'ReasonRequired' });
  });

  it('looks the requirements up in the case\'s catalogue when given the means', () => {
    const strict = specFor(auditPlanConfirmation({ isKnownRequirement: (id) => id === '5.1.1.1' }));
    expect(strict([]).when({ type: 'propose', plan, by: 'lena' }).outcome).toMatchObject({ error: 'InvalidPlan', problems: [{ code: 'audit-plan.requirement-unknown', params: { requirementId: '5.3.2.1' } }] });
  });
});
