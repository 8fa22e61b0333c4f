import type { Kafka, Producer } from 'kafkajs';
import { parseEnvelope, type EventEnvelope, type EventRegistry } from '@gbt/contracts';
import { toMessage } from './wire';

export interface EventPublisherOptions {
  readonly registry: EventRegistry;
  /** Which topic an event goes to (by stream category, usually). */
  readonly topicFor: (event: EventEnvelope) => string;
}

/**
 * Typed producer: every envelope and payload is validated before it leaves, and a batch is sent
 * with an idempotent producer and one request in flight, so per-partition order holds across retries.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly options: EventPublisherOptions,
  ) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  async connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const byTopic = new Map<string, EventEnvelope[]>();
    for (const raw of events) {
      const envelope = parseEnvelope(raw);
      this.options.registry.validateNew(envelope.type, envelope.schemaVersion, envelope.data);
      const topic = this.options.topicFor(envelope);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), envelope]);
    }
    await this.connect();
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list.map(toMessage) })),
    });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
