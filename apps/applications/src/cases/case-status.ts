import { TRANSITIONS, type CaseCommandType, type CaseEvent, type CaseState } from '@gbt/certification';
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
    levelReopened: state.levelReopened ? { ...state.levelReopened } : null,
    availableCommands: availableCommands(state),
    changes: changes.map((e) => ({ type: e.type, data: e.data })) as CaseStatusSnapshot['changes'],
  };
}
