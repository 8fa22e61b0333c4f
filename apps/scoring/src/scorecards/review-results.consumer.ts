import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { dataOf, EventRegistry, reviewEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { NonRetryableError } from '@gbt/messaging';
import { Consumers, DomainRefusal } from '@gbt/platform';
import { IssueScorecard } from './scorecard-commands';

const resultsPublished = reviewEvents.find((d) => d.type === 'review.results-published');

/** Scores each set of review results published on `review.v1`; results that cannot be scored are dead-lettered with the reason. */
@Injectable()
export class ReviewResultsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
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
    if (event.type !== 'review.results-published' || !resultsPublished) return;
    const { caseId, catalogueVersion, openNonconformitiesWaived, ...input } = dataOf(resultsPublished, event.data);
    const data = { caseId, catalogueVersion, input, openNonconformitiesWaived, reviewResultsEventId: event.eventId };
    try {
      await this.commands.execute(new IssueScorecard(data, { actor: event.actor, at: new Date(event.occurredAt) }));
    } catch (err) {
      if (err instanceof DomainRefusal) throw new NonRetryableError(`${err.code}: ${err.message}`);
      throw err;
    }
  }
}
