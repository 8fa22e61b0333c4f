import { auditPlanConfirmation, type ConfirmationCommand, type ConfirmationEvent, type ConfirmationRefusal, type ConfirmationState } from '@gbt/audit-programme';
import type { Aggregate, AggregateType } from '@gbt/event-store';

const REFUSAL_STATUS: Record<ConfirmationRefusal['error'], number> = {
  InvalidPlan: 422,
  ReasonRequired: 422,
  PlanMismatch: 409,
  NotAllowedInState: 409,
  StaleRevision: 409,
};

/**
 * One stream per audit plan, `audit-plan-<planId>`, written by this service only. The decider is the
 * library's confirmation decider; requirement ids are checked against the case's catalogue by the
 * handler before it proposes, so the aggregate needs no per-case checks.
 */
export const auditPlanAggregate: AggregateType<ConfirmationCommand, ConfirmationEvent, ConfirmationState, ConfirmationRefusal> = {
  decider: auditPlanConfirmation(),
  eventTypes: ['audit-plan.proposed', 'audit-plan.confirmed', 'audit-plan.change-requested', 'audit-plan.cancelled'],
  streamId: (planId) => `audit-plan-${planId}`,
  refusalStatus: (refusal) => REFUSAL_STATUS[refusal.error],
  // The plan's problems as codes with params (PROBLEM_CODES): the console words each.
  refusalParams: (refusal) => (refusal.problems ? { problems: refusal.problems.map(({ code, params }) => ({ code, params })) } : undefined),
};

export const AUDIT_PLANS = Symbol('AUDIT_PLANS');
export type AuditPlans = Aggregate<ConfirmationCommand, ConfirmationEvent, ConfirmationState, ConfirmationRefusal>;
