import type { Message } from 'kafkajs';
import { MessageHeaders, type EventEnvelope } from '@gbt/contracts';

/** Kafka message for an envelope: keyed by stream id so one stream stays on one partition, in order. */
export function toMessage(envelope: EventEnvelope): Message {
  return {
    key: envelope.streamId,
    value: JSON.stringify(envelope),
    headers: {
      [MessageHeaders.eventId]: envelope.eventId,
      [MessageHeaders.eventType]: envelope.type,
      [MessageHeaders.schemaVersion]: String(envelope.schemaVersion),
      [MessageHeaders.correlationId]: envelope.correlationId,
    },
  };
}
