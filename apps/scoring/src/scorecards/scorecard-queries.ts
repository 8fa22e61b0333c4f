import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Scorecard } from '@gbt/catalogue';
import type { StoredEvent } from '@gbt/event-store';
import { DomainQuery } from '@gbt/platform';
import { compareScorecards } from './compare';
import { SCORECARDS, type Scorecards } from './scorecards.aggregate';
import type { ScorecardRecord, ScorecardsState } from './scorecards.decider';

type Summary = Pick<Scorecard, 'score' | 'level' | 'passed'> & { readonly scorecardId: string };
export type ScorecardView = ScorecardRecord & {
  readonly by: StoredEvent['actor'];
  readonly at: string;
  readonly current: boolean;
  readonly original: Summary | null;
  readonly difference: ReturnType<typeof compareScorecards> | null;
};

/** A case's scorecards as they stand, with the version an If-Match must name. */
export class CaseScorecards extends DomainQuery<{ caseId: string }, { state: ScorecardsState; version: number }> {}

/** Every scorecard of the case with who produced it and when; a correction or re-scoring shows its original beside it. */
export class ScorecardHistory extends DomainQuery<{ caseId: string }, { version: number; scorecards: ScorecardView[] }> {}

@QueryHandler(CaseScorecards)
export class CaseScorecardsHandler implements IQueryHandler<CaseScorecards> {
  constructor(@Inject(SCORECARDS) private readonly scorecards: Scorecards) {}

  async execute({ data }: CaseScorecards) {
    const { state, version } = await this.scorecards.load(data.caseId);
    return { state, version };
  }
}

@QueryHandler(ScorecardHistory)
export class ScorecardHistoryHandler implements IQueryHandler<ScorecardHistory> {
  constructor(@Inject(SCORECARDS) private readonly scorecards: Scorecards) {}

  async execute({ data }: ScorecardHistory) {
    const events = await this.scorecards.load(data.caseId);
    const views: ScorecardView[] = [];
    let last: ScorecardsState | undefined;
    for (const { event, state } of this.scorecards.states(events.events)) {
      last = state;
      const record = state.records.at(-1);
      if (!record) continue;
      const original = state.records.find((r) => r.scorecardId === record.previousScorecardId);
      views.push({
        ...record,
        by: event.actor,
        at: event.occurredAt,
        current: false,
        original: original ? { scorecardId: original.scorecardId, score: original.scorecard.score, level: original.scorecard.level, passed: original.scorecard.passed } : null,
        difference: original ? compareScorecards(original.scorecard, record.scorecard) : null,
      });
    }
    return { version: events.version, scorecards: views.map((view) => ({ ...view, current: view.scorecardId === last?.current })) };
  }
}

export const scorecardQueryHandlers = [CaseScorecardsHandler, ScorecardHistoryHandler];
