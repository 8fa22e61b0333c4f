import { randomUUID } from 'node:crypto';
import { EventRegistry, reviewRecordEvents, type EventEnvelope } from '@gbt/contracts';
import type { CommitDocument, NewEvent } from '@gbt/event-store';

/**
 * The benchmarks write a real event of the platform, `review.requirement-assessed` (a reviewer's
 * finding on one requirement, the commonest event of a review), validated by its real schema.
 */
export const benchRegistry = (): EventRegistry => new EventRegistry(reviewRecordEvents);

export const EVENT_TYPE = 'review.requirement-assessed';
export const actor = { id: 'rita.reviewer', role: 'reviewer' };
const caseIds = Array.from({ length: 16 }, () => `case-${randomUUID()}`);

/** One assessment, about 200 bytes of data; `i` varies the content. */
export function benchEvent(i: number): NewEvent {
  const caseId = caseIds[i % caseIds.length]!;
  const data =
    i % 3 === 0
      ? { caseId, taskId: `${caseId}.5.1.${i % 7}`, requirementId: `5.1.${i % 7}.1`, assessedBy: actor.id, assessment: { outcome: 'conforming' } }
      : {
          caseId,
          taskId: `${caseId}.5.2.${i % 5}`,
          requirementId: `5.2.${i % 5}.2`,
          assessedBy: actor.id,
          assessment: { outcome: 'sampled', sample: { checked: 20, failed: i % 3 }, finding: 'Two of twenty sampled repair records lacked the customer signature.' },
        };
  return { type: EVENT_TYPE, data };
}

export const appendMeta = (expectedVersion: number) => ({
  expectedVersion,
  occurredAt: new Date('2027-03-01T08:00:00Z'),
  actor,
  correlationId: 'bench-correlation',
  causationId: null,
});

/** The envelope the event store would write for event `i` at this stream version. */
export function envelopeFor(streamId: string, streamVersion: number, i: number): EventEnvelope {
  const { type, data } = benchEvent(i);
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    streamId,
    streamVersion,
    occurredAt: '2027-03-01T08:00:00.000Z',
    actor,
    correlationId: 'bench-correlation',
    causationId: null,
    data,
  };
}

/** A commit document exactly as MongoEventStore stores it: the raw baselines write and read these. */
export function commitFor(streamId: string, firstVersion: number, position: number, events: readonly EventEnvelope[], pending = false): CommitDocument {
  return {
    _id: `${streamId}:${firstVersion}`,
    streamId,
    firstVersion,
    lastVersion: firstVersion + events.length - 1,
    position,
    pending,
    committedAt: new Date(),
    events: events.map(({ streamId: _omit, ...rest }) => rest),
  };
}
