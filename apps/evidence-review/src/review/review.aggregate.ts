import type { Aggregate, AggregateType } from '@gbt/event-store';
import { REVIEW_EVENT_TYPES, reviewDecider, type ReviewCommand, type ReviewEvent, type ReviewRefusal } from './review.decider';
import type { ReviewState } from './review-state';

/** What a refusal answers over HTTP; every other refusal is a conflict with the review's state. */
const REFUSAL_STATUS: Partial<Record<ReviewRefusal['error'], number>> = {
  UnknownTask: 404,
  UnknownNonconformity: 404,
  SelfVerification: 403,
  NoReview: 404,
  RequirementNotInTask: 422,
  Incomplete: 422,
};

/** One stream per case and evaluation cycle, keyed by `reviewKey(cycle)`: `review-<caseId>`, `review-<caseId>-c<n>`. */
export const reviewAggregate: AggregateType<ReviewCommand, ReviewEvent, ReviewState, ReviewRefusal> = {
  decider: reviewDecider,
  eventTypes: REVIEW_EVENT_TYPES,
  streamId: (key) => `review-${key}`,
  refusalStatus: (refusal) => REFUSAL_STATUS[refusal.error] ?? 409,
};

export const REVIEWS = Symbol('REVIEWS');
export type Reviews = Aggregate<ReviewCommand, ReviewEvent, ReviewState, ReviewRefusal>;
