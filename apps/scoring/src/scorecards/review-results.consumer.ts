import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { ScoringInput } from '@gbt/catalogue';
import { EventRegistry, reviewEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { EventConsumer, JsonLogger, MongoInbox, NonRetryableError } from '@gbt/messaging';
import { DomainRefusal, KAFKA, SERVICE_CONFIG, type ServiceConfig } from '@gbt/platform';
import { ScorecardsService } from './scorecards.service';

/** Scores each set of review results published on `review.v1`; results that cannot be scored are dead-lettered with the reason. */
@Injectable()
export class ReviewResultsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(MongoInbox) inbox: MongoInbox,
    @Inject(JsonLogger) logger: JsonLogger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(ScorecardsService) private readonly scorecards: ScorecardsService,
  ) {
    this.consumer = new EventConsumer(kafka, {
      groupId: `${config.database}.review-results`,
      topics: [Topics.review],
      registry: new EventRegistry(reviewEvents),
      inbox,
      logger,
      // Other review events (tasks, phases) are not for scoring; only malformed results are parked.
      unknownTypes: 'ignore',
      handler: (event) => this.handle(event),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
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
