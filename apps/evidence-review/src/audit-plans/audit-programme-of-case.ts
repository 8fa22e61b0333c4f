import type { AuditKind } from '@gbt/audit-programme';
import { taskIdPrefix } from '../tasks/task-plan';

/**
 * The audits of one certification cycle, in order: cycle 1 starts with the initial audit, each later
 * cycle (a recertification) with the recertification audit; two surveillances follow in each.
 */
export const auditsOfCycle = (cycle: number): readonly AuditKind[] => [cycle === 1 ? 'initial' : 'recertification', 'surveillance-1', 'surveillance-2'];

/**
 * A plan's id derives from the case, the cycle and the kind (like task ids), so each audit has one
 * plan, found by an `_id` read of its stream (ADR 0022) and never by a query.
 */
export const auditPlanId = (caseId: string, cycle: number, kind: AuditKind): string => `${taskIdPrefix(caseId, cycle)}.audit.${kind}`;

/** The plans of the programme before this audit, oldest first: the earlier audits of the cycle, or for a recertification the previous cycle's. */
export function earlierAudits(caseId: string, cycle: number, kind: AuditKind): string[] {
  const audits = auditsOfCycle(cycle);
  if (kind === 'recertification') return auditsOfCycle(cycle - 1).map((k) => auditPlanId(caseId, cycle - 1, k));
  return audits.slice(0, audits.indexOf(kind)).map((k) => auditPlanId(caseId, cycle, k));
}
