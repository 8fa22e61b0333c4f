import { computeManDays } from '../man-days/compute';
import { defaultManDayTable } from '../man-days/registry';
import { sampleOutlets } from '../sampling/sample-outlets';
import { validateAuditPlan, type AuditPlan } from './audit-plan';

const outlets = Array.from({ length: 25 }, (_, i) => ({ id: `outlet-${i + 1}` }));
const outletSample = sampleOutlets({ kind: 'initial', outlets, seed: 'plan-seed' });
// 5 employees, 5 outlets visited: 5.5 person-days, 4.5 on site.
const manDays = computeManDays(defaultManDayTable, { kind: 'initial', employees: 5, outletsVisited: outletSample.outlets.length });

const plan = (changes: Partial<AuditPlan> = {}): AuditPlan => ({
  planId: 'plan-1',
  caseId: 'case-1',
  kind: 'initial',
  mode: 'on-site',
  startDate: '2027-03-08',
  endDate: '2027-03-10',
  team: [{ personId: 'lena.lead', role: 'lead-auditor' }, { personId: 'rui.reviewer', role: 'auditor' }, { personId: 'tom.expert', role: 'technical-expert' }],
  outletSample,
  requirementIds: ['5.1.1.1', '5.1.1.2'],
  manDays,
  ...changes,
});
const codes = (p: AuditPlan, known?: (id: string) => boolean) => validateAuditPlan(p, known ? { isKnownRequirement: known } : {}).map((problem) => problem.code);

describe('an audit plan', () => {
  it('is valid with dates, one lead auditor, the sample and man-days of its own kind, and requirements to check', () => {
    expect(manDays).toMatchObject({ total: 5.5, onSite: 4.5 });
    expect(validateAuditPlan(plan())).toEqual([]);
  });

  it('needs real dates in order; one day is fine', () => {
    expect(codes(plan({ startDate: '2027-02-29' }))).toEqual(['audit-plan.date-invalid']);
    expect(codes(plan({ startDate: '2027-03-11' }))).toEqual(['audit-plan.dates-reversed']);
    expect(codes(plan({ endDate: '2027-03-08', team: [...plan().team, { personId: 'ann', role: 'auditor' }, { personId: 'bo', role: 'auditor' }] }))).toEqual(['audit-plan.team-too-small']);
  });

  it('needs exactly one lead auditor and each person once', () => {
    expect(codes(plan({ team: [{ personId: 'rui', role: 'auditor' }, { personId: 'ann', role: 'auditor' }] }))).toEqual(['audit-plan.lead-count']);
    expect(codes(plan({ team: [{ personId: 'a', role: 'lead-auditor' }, { personId: 'b', role: 'lead-auditor' }] }))).toEqual(['audit-plan.lead-count']);
    expect(codes(plan({ team: [{ personId: 'a', role: 'lead-auditor' }, { personId: 'a', role: 'auditor' }, { personId: ' ', role: 'observer' }] }))).toEqual(['audit-plan.person-repeated', 'audit-plan.person-id-blank']);
  });

  it('needs auditors enough to spend the on-site effort in the days planned (experts and observers do not count)', () => {
    // 4.5 on site: 2 auditors need 3 days; 1 auditor and an expert over 3 days are not enough.
    expect(codes(plan({ endDate: '2027-03-09' }))).toEqual(['audit-plan.team-too-small']);
    const problems = validateAuditPlan(plan({ team: [{ personId: 'lena', role: 'lead-auditor' }, { personId: 'tom', role: 'technical-expert' }] }));
    expect(problems).toEqual([{ code: 'audit-plan.team-too-small', params: { auditors: 1, days: 3, onSite: 4.5 }, message: '1 auditor(s) over 3 day(s) cannot spend 4.5 person-days on site' }]);
  });

  it('keeps its parts consistent: the same kind of audit, and man-days counting the outlets sampled', () => {
    const surveillanceDays = computeManDays(defaultManDayTable, { kind: 'surveillance-1', employees: 5, outletsVisited: 5 });
    expect(codes(plan({ manDays: surveillanceDays }))).toEqual(['audit-plan.kind-mismatch']);
    expect(codes(plan({ outletSample: { ...outletSample, kind: 'recertification' } }))).toEqual(['audit-plan.kind-mismatch']);
    expect(codes(plan({ outletSample: null }))).toEqual(['audit-plan.outlets-mismatch']);
    expect(validateAuditPlan(plan({ outletSample: null, manDays: computeManDays(defaultManDayTable, { kind: 'initial', employees: 5, outletsVisited: 0 }) }))).toEqual([]);
  });

  it('checks at least one requirement, each once, each in the case\'s catalogue when asked to look', () => {
    expect(codes(plan({ requirementIds: [] }))).toEqual(['audit-plan.no-requirements']);
    expect(codes(plan({ requirementIds: ['5.1.1.1', '5.1.1.1'] }))).toEqual(['audit-plan.requirement-repeated']);
    expect(codes(plan({ requirementIds: ['5.1.1.1', '9.9.9'] }), (id) => id.startsWith('5.'))).toEqual(['audit-plan.requirement-unknown']);
    expect(codes(plan({ planId: '' }))).toEqual(['audit-plan.id-blank']);
  });
});
