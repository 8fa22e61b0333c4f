import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { EventConsumer, JsonLogger, MongoInbox, type EventConsumerOptions } from '@gbt/messaging';
import type { ServiceConfig } from './service-config';
import { KAFKA, SERVICE_CONFIG } from './tokens';

export type ConsumerSpec = Omit<EventConsumerOptions, 'groupId' | 'inbox' | 'logger'>;

/**
 * Starts a service's Kafka consumers with its inbox and logger, and stops them before anything
 * else shuts down, so no handler runs against a closed database.
 */
@Injectable()
export class Consumers implements BeforeApplicationShutdown {
  private readonly running: EventConsumer[] = [];

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MongoInbox) private readonly inbox: MongoInbox,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The consumer group is named after the service's database: its offsets belong with the data they produced. */
  async start(name: string, spec: ConsumerSpec): Promise<EventConsumer> {
    const consumer = new EventConsumer(this.kafka, { ...spec, groupId: `${this.config.database}.${name}`, inbox: this.inbox, logger: this.logger });
    await consumer.start();
    this.running.push(consumer);
    return consumer;
  }

  /** The groups running here and what they read, for consumer-lag metrics. */
  subscriptions(): { groupId: string; topics: readonly string[] }[] {
    return this.running.map((c) => ({ groupId: c.groupId, topics: c.topics }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.splice(0).map((c) => c.stop()));
  }
}
