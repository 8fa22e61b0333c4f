import { specFor } from '@gbt/decider';
import { auditPlanConfirmation, computeManDays, defaultManDayTable, sampleOutlets, type AuditPlan, type ConfirmationCommand, type ConfirmationEvent } from '@gbt/audit-programme';
import { auditPlanEvents } from './audit-plan';
import { EventRegistry } from './event-registry';

const registry = new EventRegistry(auditPlanEvents);
const outletSample = sampleOutlets({ kind: 'initial', outlets: Array.from({ length: 25 }, (_, i) => ({ id: `outlet-${i + 1}` })), seed: '3f1c9a' });
const plan: AuditPlan = {
  planId: 'plan-1',
  caseId: 'case-1',
  kind: 'initial',
  mode: 'combined',
  startDate: '2027-03-08',
  endDate: '2027-03-10',
  team: [{ personId: 'lena', role: 'lead-auditor' }, { personId: 'rui', role: 'auditor' }],
  outletSample,
  requirementIds: ['5.1.1.1'],
  manDays: computeManDays(defaultManDayTable, { kind: 'initial', employees: 40, outletsVisited: outletSample.outlets.length, adjustments: [{ code: 'complaints-received', percent: 15 }, { code: 'narrow-scope', percent: 5 }] }),
};

/** Runs commands through the decider, returning every event it wrote. */
function written(commands: readonly ConfirmationCommand[]): ConfirmationEvent[] {
  const events: ConfirmationEvent[] = [];
  for (const command of commands) {
    const outcome = specFor(auditPlanConfirmation())(events).when(command).outcome;
    if (!Array.isArray(outcome)) throw new Error(`refused: ${JSON.stringify(outcome)}`);
    events.push(...outcome);
  }
  return events;
}

describe('the audit plan contract', () => {
  it('accepts every event the confirmation decider writes, unchanged', () => {
    const events = written([
      { type: 'propose', plan, by: 'lena' },
      { type: 'request-change', revision: 1, reason: 'the 8th is a holiday for us', by: 'alice' },
      { type: 'propose', plan: { ...plan, startDate: '2027-03-09', endDate: '2027-03-11' }, by: 'lena' },
      { type: 'confirm', revision: 2, by: 'alice' },
      { type: 'cancel', reason: 'application withdrawn', by: 'lena' },
    ]);
    expect(events.map((e) => e.type)).toEqual(['audit-plan.proposed', 'audit-plan.change-requested', 'audit-plan.proposed', 'audit-plan.confirmed', 'audit-plan.cancelled']);
    expect(plan.manDays.lines.map((l) => l.code)).toEqual(['band', 'outlets', 'adjustment', 'adjustment', 'rounding']);
    for (const event of events) expect(registry.validateNew(event.type, 1, event.data)).toEqual(event.data);
  });

  it('refuses a plan whose effort is not in half days or whose dates are reversed, naming the field', () => {
    const bad = { revision: 1, proposedBy: 'lena', plan: { ...plan, endDate: '2027-03-01', manDays: { ...plan.manDays, total: 5.25 } } };
    expect(() => registry.validateNew('audit-plan.proposed', 1, bad)).toThrow(/manDays.total: person-days are a multiple of 0.5[\s\S]*endDate/);
  });
});
