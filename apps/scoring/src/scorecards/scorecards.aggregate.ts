import type { Aggregate, AggregateType } from '@gbt/event-store';
import { scorecardsDecider, type ScorecardsCommand, type ScorecardsEvent, type ScorecardsState, type ScoringRefusal } from './scorecards.decider';

/** One stream per case: `scorecards-<caseId>`. */
export const scorecardsAggregate: AggregateType<ScorecardsCommand, ScorecardsEvent, ScorecardsState, ScoringRefusal> = {
  decider: scorecardsDecider,
  eventTypes: ['scoring.scorecard-issued', 'scoring.scorecard-corrected', 'scoring.case-rescored'],
  streamId: (caseId) => `scorecards-${caseId}`,
  refusalStatus: (refusal) => (refusal.error === 'UnknownScorecard' ? 404 : 422),
};

export const SCORECARDS = Symbol('SCORECARDS');
export type Scorecards = Aggregate<ScorecardsCommand, ScorecardsEvent, ScorecardsState, ScoringRefusal>;
