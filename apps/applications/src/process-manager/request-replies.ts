import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@gbt/contracts';
import { ConcurrencyError, MongoEventStore } from '@gbt/event-store';
import { CLOCK, metadataFor, type Clock } from '@gbt/platform';

export type Answer = { readonly outcome: 'accepted' } | { readonly outcome: 'rejected'; readonly code: string; readonly reason: string };

/** The stream that holds the one answer to a request: published on certification.replies.v1. */
export const replyStream = (requestId: string) => `reply-${requestId}`;

/**
 * Answers another service's request: exactly one reply per request id, as its own stream, so a
 * redelivered request (or a crash between the command and its answer) never answers twice.
 */
@Injectable()
export class RequestReplies {
  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async answer(request: EventEnvelope, requestId: string, answer: Answer): Promise<void> {
    const data = { caseId: request.data.caseId, requestId, requested: request.type, ...(answer.outcome === 'rejected' ? { code: answer.code, reason: answer.reason } : {}) };
    try {
      await this.store.append(replyStream(requestId), [{ type: `certification.request-${answer.outcome}`, data }], {
        ...metadataFor({ id: 'applications', role: 'system' }, this.clock.now()),
        causationId: request.eventId,
        expectedVersion: 0,
        readHead: null,
      });
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
    }
  }
}
