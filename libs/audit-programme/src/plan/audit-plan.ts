import { AUDITOR_ROLES, type AuditKind, type AuditMode, type TeamRole } from '../audit-kinds';
import { isCalendarDate } from '../half-days';
import type { ManDays } from '../man-days/compute';
import { problem, type Problem } from '../problem';
import type { OutletSample } from '../sampling/sample-outlets';

/** A visited outlet as the applicant listed it when the plan was made: the plan reads the same after the list changes. */
export interface PlannedSite {
  readonly id: string;
  readonly name: string;
  readonly address: string;
}

export interface TeamMember {
  readonly personId: string;
  readonly role: TeamRole;
}

/**
 * What the body plans for one audit and sends to the applicant to confirm. Competence and
 * impartiality of the team are checked where the people's records are (the directory), not here.
 */
export interface AuditPlan {
  readonly planId: string;
  readonly caseId: string;
  readonly kind: AuditKind;
  readonly mode: AuditMode;
  /** Calendar dates (Asia/Shanghai), first and last day of the audit, inclusive. */
  readonly startDate: string;
  readonly endDate: string;
  readonly team: readonly TeamMember[];
  /** null for an applicant with one place of service (no outlets to sample). */
  readonly outletSample: OutletSample | null;
  /** The sampled outlets' names and addresses, in the sample's order (absent where the caller has none). */
  readonly sites?: readonly PlannedSite[];
  /** The catalogue requirements this audit checks. */
  readonly requirementIds: readonly string[];
  readonly manDays: ManDays;
}

export interface PlanChecks {
  /** Whether a requirement id is in the case's catalogue version; without it ids are not looked up. */
  readonly isKnownRequirement?: (requirementId: string) => boolean;
}

const DAY = 86_400_000;
const daysInclusive = (start: string, end: string) => (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY + 1;

function dateProblems(plan: AuditPlan): Problem[] {
  const problems: Problem[] = [];
  for (const [field, value] of [['startDate', plan.startDate], ['endDate', plan.endDate]] as const) {
    if (!isCalendarDate(value)) problems.push(problem('audit-plan.date-invalid', `${field} ${value} is not a calendar date YYYY-MM-DD`, { field, value }));
  }
  if (problems.length === 0 && plan.endDate < plan.startDate) {
    problems.push(problem('audit-plan.dates-reversed', `the audit ends (${plan.endDate}) before it starts (${plan.startDate})`, { startDate: plan.startDate, endDate: plan.endDate }));
  }
  return problems;
}

function teamProblems(plan: AuditPlan): Problem[] {
  const problems: Problem[] = [];
  const leads = plan.team.filter((m) => m.role === 'lead-auditor').length;
  if (leads !== 1) problems.push(problem('audit-plan.lead-count', `an audit team has exactly one lead auditor, this one has ${leads}`, { leads }));
  const seen = new Set<string>();
  for (const { personId } of plan.team) {
    if (personId.trim() === '') problems.push(problem('audit-plan.person-id-blank', 'every team member needs a person id'));
    else if (seen.has(personId)) problems.push(problem('audit-plan.person-repeated', `${personId} is in the team more than once`, { personId }));
    seen.add(personId);
  }
  return problems;
}

/** The auditors must be able to spend the on-site effort within the audit's days: one person-day each per day at most. */
function capacityProblems(plan: AuditPlan): Problem[] {
  const auditors = plan.team.filter((m) => AUDITOR_ROLES.includes(m.role)).length;
  const days = daysInclusive(plan.startDate, plan.endDate);
  if (auditors * days >= plan.manDays.onSite) return [];
  return [problem('audit-plan.team-too-small', `${auditors} auditor(s) over ${days} day(s) cannot spend ${plan.manDays.onSite} person-days on site`, { auditors, days, onSite: plan.manDays.onSite })];
}

function consistencyProblems(plan: AuditPlan): Problem[] {
  const problems: Problem[] = [];
  if (plan.manDays.kind !== plan.kind) problems.push(problem('audit-plan.kind-mismatch', `the man-days were computed for a ${plan.manDays.kind} audit, the plan is for a ${plan.kind}`, { part: 'manDays', kind: plan.manDays.kind }));
  if (plan.outletSample && plan.outletSample.kind !== plan.kind) {
    problems.push(problem('audit-plan.kind-mismatch', `the outlets were sampled for a ${plan.outletSample.kind} audit, the plan is for a ${plan.kind}`, { part: 'outletSample', kind: plan.outletSample.kind }));
  }
  const outletLine = plan.manDays.lines.find((line) => line.code === 'outlets');
  const visited = outletLine ? outletLine.params.outlets : 0;
  const sampled = plan.outletSample?.outlets.length ?? 0;
  if (visited !== sampled) problems.push(problem('audit-plan.outlets-mismatch', `the man-days count ${visited} visited outlets, the sample has ${sampled}`, { visited, sampled }));
  return problems;
}

function requirementProblems(plan: AuditPlan, checks: PlanChecks): Problem[] {
  const problems: Problem[] = [];
  if (plan.requirementIds.length === 0) problems.push(problem('audit-plan.no-requirements', 'the plan checks no requirement'));
  const seen = new Set<string>();
  for (const id of plan.requirementIds) {
    if (seen.has(id)) problems.push(problem('audit-plan.requirement-repeated', `requirement ${id} is listed more than once`, { requirementId: id }));
    else if (checks.isKnownRequirement && !checks.isKnownRequirement(id)) problems.push(problem('audit-plan.requirement-unknown', `requirement ${id} is not in the case's catalogue`, { requirementId: id }));
    seen.add(id);
  }
  return problems;
}

/** Every problem with a plan, as codes with params; empty means it may be sent to the applicant. */
export function validateAuditPlan(plan: AuditPlan, checks: PlanChecks = {}): readonly Problem[] {
  const dates = dateProblems(plan);
  const team = teamProblems(plan);
  return [
    ...(plan.planId.trim() === '' || plan.caseId.trim() === '' ? [problem('audit-plan.id-blank', 'the plan needs its own id and its case id')] : []),
    ...dates,
    ...team,
    // The capacity sum means nothing over broken dates.
    ...(dates.length === 0 ? capacityProblems(plan) : []),
    ...consistencyProblems(plan),
    ...requirementProblems(plan, checks),
  ];
}
