import type { Decider } from '@gbt/decider';
import type { Problem } from '../problem';
import { validateAuditPlan, type AuditPlan, type PlanChecks } from './audit-plan';

/**
 * The applicant's confirmation of an audit plan: the body proposes, the applicant confirms or asks
 * for a change, the body proposes again (a new revision), and so on. Each proposal is a numbered
 * revision and the applicant answers a revision by number, so a confirmation is always of the plan
 * the applicant saw, never of one changed meanwhile. A confirmed plan that must change (a date
 * moves, an auditor falls ill) is proposed again and needs a new confirmation.
 */
export type ConfirmationStatus = 'none' | 'proposed' | 'change-requested' | 'confirmed' | 'cancelled';

export interface ConfirmationState {
  readonly status: ConfirmationStatus;
  /** 0 before the first proposal. */
  readonly revision: number;
  readonly plan: AuditPlan | null;
}

export type ConfirmationCommand =
  | { readonly type: 'propose'; readonly plan: AuditPlan; readonly by: string }
  | { readonly type: 'confirm'; readonly revision: number; readonly by: string }
  | { readonly type: 'request-change'; readonly revision: number; readonly reason: string; readonly by: string }
  | { readonly type: 'cancel'; readonly reason: string; readonly by: string };

export type ConfirmationEvent =
  | { readonly type: 'audit-plan.proposed'; readonly data: { readonly revision: number; readonly plan: AuditPlan; readonly proposedBy: string } }
  | { readonly type: 'audit-plan.confirmed'; readonly data: { readonly planId: string; readonly revision: number; readonly confirmedBy: string } }
  | { readonly type: 'audit-plan.change-requested'; readonly data: { readonly planId: string; readonly revision: number; readonly reason: string; readonly requestedBy: string } }
  | { readonly type: 'audit-plan.cancelled'; readonly data: { readonly planId: string; readonly reason: string; readonly cancelledBy: string } };

export const CONFIRMATION_REFUSALS = ['InvalidPlan', 'PlanMismatch', 'NotAllowedInState', 'StaleRevision', 'ReasonRequired'] as const;
export type ConfirmationRefusalCode = (typeof CONFIRMATION_REFUSALS)[number];

export interface ConfirmationRefusal {
  readonly error: ConfirmationRefusalCode;
  readonly message: string;
  /** The plan's problems, for InvalidPlan. */
  readonly problems?: readonly Problem[];
}

const refuse = (error: ConfirmationRefusalCode, message: string, problems?: readonly Problem[]): ConfirmationRefusal => (problems ? { error, message, problems } : { error, message });

/** Which commands each status takes; everything else is NotAllowedInState. */
const ALLOWED: Readonly<Record<ConfirmationStatus, readonly ConfirmationCommand['type'][]>> = {
  none: ['propose'],
  proposed: ['propose', 'confirm', 'request-change', 'cancel'],
  'change-requested': ['propose', 'cancel'],
  confirmed: ['propose', 'cancel'],
  cancelled: [],
};

/** The applicant answers the revision they saw; an answer to an earlier one is refused. */
const staleRevision = (revision: number, state: ConfirmationState): ConfirmationRefusal | null =>
  revision === state.revision ? null : refuse('StaleRevision', `revision ${revision} is not the plan proposed now (revision ${state.revision})`);

function decide(command: ConfirmationCommand, state: ConfirmationState, checks: PlanChecks): readonly ConfirmationEvent[] | ConfirmationRefusal {
  if (!ALLOWED[state.status].includes(command.type)) return refuse('NotAllowedInState', `a plan that is ${state.status} cannot be sent '${command.type}'`);
  const planId = state.plan?.planId ?? '';
  switch (command.type) {
    case 'propose': {
      if (state.plan && (command.plan.planId !== state.plan.planId || command.plan.caseId !== state.plan.caseId || command.plan.kind !== state.plan.kind)) {
        return refuse('PlanMismatch', 'a revision keeps the plan id, the case and the kind of audit of the first proposal');
      }
      const problems = validateAuditPlan(command.plan, checks);
      if (problems.length > 0) return refuse('InvalidPlan', `the plan has ${problems.length} problem(s)`, problems);
      return [{ type: 'audit-plan.proposed', data: { revision: state.revision + 1, plan: command.plan, proposedBy: command.by } }];
    }
    case 'confirm':
      return staleRevision(command.revision, state) ?? [{ type: 'audit-plan.confirmed', data: { planId, revision: command.revision, confirmedBy: command.by } }];
    case 'request-change':
      if (command.reason.trim() === '') return refuse('ReasonRequired', 'say what should change');
      return staleRevision(command.revision, state) ?? [{ type: 'audit-plan.change-requested', data: { planId, revision: command.revision, reason: command.reason, requestedBy: command.by } }];
    case 'cancel':
      if (command.reason.trim() === '') return refuse('ReasonRequired', 'say why the plan is cancelled');
      return [{ type: 'audit-plan.cancelled', data: { planId, reason: command.reason, cancelledBy: command.by } }];
  }
}

function evolve(state: ConfirmationState, event: ConfirmationEvent): ConfirmationState {
  switch (event.type) {
    case 'audit-plan.proposed':
      return { status: 'proposed', revision: event.data.revision, plan: event.data.plan };
    case 'audit-plan.confirmed':
      return { ...state, status: 'confirmed' };
    case 'audit-plan.change-requested':
      return { ...state, status: 'change-requested' };
    case 'audit-plan.cancelled':
      return { ...state, status: 'cancelled' };
  }
}

export const initialConfirmationState: ConfirmationState = { status: 'none', revision: 0, plan: null };

/** The decider of one plan's stream; `checks` look the plan's requirement ids up in the case's catalogue. */
export const auditPlanConfirmation = (checks: PlanChecks = {}): Decider<ConfirmationCommand, ConfirmationEvent, ConfirmationState, ConfirmationRefusal> => ({
  initialState: initialConfirmationState,
  decide: (command, state) => decide(command, state, checks),
  evolve,
});
