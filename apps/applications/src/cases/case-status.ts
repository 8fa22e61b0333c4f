import type { Decider } from '@gbt/decider';
import { certificationDecider, evolve, initialState, TRANSITIONS, type CaseCommand, type CaseCommandType, type CaseEvent, type CaseState, type DomainError } from '@gbt/certification';
import { CASE_STATUS_CHANGED, type CaseStatusSnapshot } from '@gbt/contracts';

/** The public status snapshot as it is appended: after the facts of a change, in the same commit. */
export type CaseStatusChanged = { readonly type: typeof CASE_STATUS_CHANGED; readonly data: CaseStatusSnapshot };
export type PublishedCaseEvent = CaseEvent | CaseStatusChanged;

export const availableCommands = (state: CaseState): CaseCommandType[] =>
  (Object.keys(TRANSITIONS) as CaseCommandType[]).filter((type) => TRANSITIONS[type].from.includes(state.status));

/**
 * The case after a change, in the terms of the public contract (libs/contracts certification-case.ts):
 * what the certificates, review and scoring services may know of it without the lifecycle's model.
 */
export function statusSnapshot(state: CaseState, changes: readonly CaseEvent[]): CaseStatusSnapshot {
  if (state.status === 'none') throw new Error('a change always leaves a drafted case');
  const certificate = 'certificate' in state ? state.certificate : null;
  const phase = 'phase' in state ? state.phase : state.status === 'decision-pending' ? 'decision-pending' : null;
  return {
    caseId: state.caseId,
    organisationId: state.organisationId,
    catalogueVersion: state.catalogueVersion,
    status: state.status,
    phase,
    reason: 'reason' in state ? state.reason : null,
    scope: state.scope,
    evaluators: [...state.evaluators],
    conflicts: [...state.conflicts],
    openNonconformities: Object.entries(state.nonconformities)
      .filter(([, nc]) => nc.open)
      .map(([id]) => id),
    score: state.score,
    level: state.score?.level ?? null,
    certificate: certificate && { ...certificate },
    surveillanceDueBy: state.status === 'certified' ? state.surveillanceDueBy : null,
    suspendedUntil: state.status === 'suspended' ? state.until : null,
    availableCommands: availableCommands(state),
    changes: changes.map((e) => ({ type: e.type, data: e.data })) as CaseStatusSnapshot['changes'],
  };
}

/** Folds what a case stream holds: the lifecycle's facts; the status snapshots are derived from them and change nothing. */
export const evolveCase = (state: CaseState, event: PublishedCaseEvent): CaseState => (event.type === CASE_STATUS_CHANGED ? state : evolve(state, event));

/**
 * The lifecycle as the applications service runs it: the domain's decider, whose every accepted
 * change is followed, in the same append (one store commit, published by the outbox relay), by the
 * public status snapshot of the case after it. A command that changes nothing appends nothing.
 */
export const publishingDecider = (lifecycle = certificationDecider()): Decider<CaseCommand, PublishedCaseEvent, CaseState, DomainError> => ({
  initialState,
  evolve: evolveCase,
  decide(command, state) {
    const outcome = lifecycle.decide(command, state);
    if (!Array.isArray(outcome) || outcome.length === 0) return outcome;
    const facts = outcome as readonly CaseEvent[];
    const after = facts.reduce(evolve, state);
    return [...facts, { type: CASE_STATUS_CHANGED, data: statusSnapshot(after, facts) }];
  },
});
