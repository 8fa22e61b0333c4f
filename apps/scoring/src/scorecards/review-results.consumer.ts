import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { ScoringInput } from '@gbt/catalogue';
import { EventRegistry, reviewEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { NonRetryableError } from '@gbt/messaging';
import { Consumers, DomainRefusal } from '@gbt/platform';
import { ScorecardsService } from './scorecards.service';

/** Scores each set of review results published on `review.v1`; results that cannot be scored are dead-lettered with the reason. */
@Injectable()
export class ReviewResultsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(ScorecardsService) private readonly scorecards: ScorecardsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('review-results', {
      topics: [Topics.review],
      registry: new EventRegistry(reviewEvents),
      // Other review events (tasks, phases) are not for scoring; only malformed results are parked.
      unknownTypes: 'ignore',
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    if (event.type !== 'review.results-published') return;
    const { caseId, catalogueVersion, openNonconformitiesWaived, ...input } = event.data as unknown as ScoringInput & { caseId: string; catalogueVersion: string; openNonconformitiesWaived: boolean };
    try {
      await this.scorecards.issueFromReview(event.actor, new Date(event.occurredAt), { caseId, catalogueVersion, input, openNonconformitiesWaived, eventId: event.eventId });
    } catch (err) {
      if (err instanceof DomainRefusal) throw new NonRetryableError(`${err.code}: ${err.message}`);
      throw err;
    }
  }
}
