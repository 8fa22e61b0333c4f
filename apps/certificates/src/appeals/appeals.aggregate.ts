import type { Aggregate, AggregateType } from '@gbt/event-store';
import type { AppealRefusal } from './appeal-rules';
import { APPEALS_EVENT_TYPES, appealsDecider, type AppealsCommand, type AppealsEvent, type AppealsState } from './appeals.decider';

const STATUS: Readonly<Record<string, number>> = {
  UnknownAppeal: 404,
  EvaluatorCannotHandleAppeal: 403,
  ConflictOfInterest: 403,
  DeciderCannotHandleAppeal: 403,
  NotAppealHandler: 403,
  NothingToAppeal: 409,
  AppealAlreadyOpen: 409,
  DecisionAlreadyAppealed: 409,
  AppealClosed: 409,
  RemedyNotAvailable: 409,
  OutOfAppealPeriod: 422,
};

/** One stream per case, `appeals-<caseId>`: its appeals from lodging to outcome (ADR 0033). */
export const appealsAggregate: AggregateType<AppealsCommand, AppealsEvent, AppealsState, AppealRefusal> = {
  decider: appealsDecider,
  eventTypes: APPEALS_EVENT_TYPES,
  streamId: (caseId) => `appeals-${caseId}`,
  refusalStatus: (refusal) => STATUS[refusal.error] ?? 422,
  refusalParams: (refusal) => refusal.params,
};

export const APPEALS = Symbol('APPEALS');
export type Appeals = Aggregate<AppealsCommand, AppealsEvent, AppealsState, AppealRefusal>;
