import type { Aggregate, AggregateType } from '@gbt/event-store';
import { CaseEventSchemas, certificationDecider, refusalStatus, type CaseCommand, type CaseEvent, type CaseEventType, type CaseState, type DomainError } from '@gbt/certification';
import { CASE_STATUS_CHANGED } from '@gbt/contracts';
import { statusSnapshot, type CaseStatusChanged } from './case-status';

/** Every fact type of the lifecycle: what `evolve` folds (the status snapshots between them are not). */
export const CASE_EVENT_TYPES: readonly CaseEventType[] = Object.keys(CaseEventSchemas).filter((type): type is CaseEventType => Object.hasOwn(CaseEventSchemas, type));

/** The public status snapshot of the case after a change: appended after its facts, in the same commit. */
export const statusAfter = (after: CaseState, decided: readonly CaseEvent[]): CaseStatusChanged[] => [{ type: CASE_STATUS_CHANGED, data: statusSnapshot(after, decided) }];

/**
 * The certification lifecycle as the applications service runs it (the only writer of its streams):
 * libs/certification's decider, each accepted change followed in the same commit by the public
 * status snapshot (ADR 0019), so a stream's version advances by 2 per change. The stream id is the
 * case id (`case-<uuid>`).
 */
export const caseAggregate: AggregateType<CaseCommand, CaseEvent, CaseState, DomainError> = {
  decider: certificationDecider(),
  eventTypes: CASE_EVENT_TYPES,
  streamId: (caseId) => caseId,
  refusalStatus: (refusal) => refusalStatus(refusal.error),
  alongside: (after, decided) => statusAfter(after, decided),
};

export const CASES = Symbol('CASES');
export type Cases = Aggregate<CaseCommand, CaseEvent, CaseState, DomainError>;
