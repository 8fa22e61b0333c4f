import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { EventRegistry, reviewEvents, scorecardEvents, scorecardRevisionEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { CLOCK, Consumers, contextNow, type Clock } from '@gbt/platform';
import { CERTIFICATES_SYSTEM } from '../certificates/certificates.aggregate';
import { RecordReviewReport, RecordScorecard } from './evaluation-commands';
import { hashOf } from './evaluation-records';

// The fields of the scorecard events a decision is bound to. The consumer has validated each event
// against its contract already; reading these once more is what makes them typed here.
const scorecardFields = z.object({
  caseId: z.string(),
  scorecardId: z.string(),
  score: z.number(),
  level: z.string().nullable(),
  passed: z.boolean(),
  previousScorecardId: z.string().optional(),
  reason: z.string().optional(),
  scorecard: z.unknown().optional(),
});
const caseOf = z.object({ caseId: z.string() });

/** Learns the scorecards and review reports decisions are bound to; each event becomes a command (which marks a decision stale when either changes under it). */
@Injectable()
export class EvaluationConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('evaluations', {
      topics: [Topics.scorecard, Topics.review],
      registry: new EventRegistry([...scorecardEvents, ...scorecardRevisionEvents, ...reviewEvents]),
      unknownTypes: 'ignore',
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const context = contextNow(CERTIFICATES_SYSTEM, this.clock);
    if (event.type === 'scoring.scorecard-issued' || event.type === 'scoring.scorecard-corrected') {
      const d = scorecardFields.parse(event.data);
      const record = { scorecardId: d.scorecardId, hash: hashOf(d.scorecard ?? event.data), score: d.score, level: d.level, passed: d.passed, previousScorecardId: d.previousScorecardId ?? null };
      await this.commands.execute(new RecordScorecard({ caseId: d.caseId, record, reason: String(d.reason) }, context));
    } else if (event.type === 'review.results-published') {
      await this.commands.execute(new RecordReviewReport({ caseId: caseOf.parse(event.data).caseId, hash: hashOf(event.data), eventId: event.eventId }, context));
    }
  }
}
