import type { IHeaders, Message } from 'kafkajs';
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

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
