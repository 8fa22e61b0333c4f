import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { MongoClient, type Db } from 'mongodb';
import type { EventEnvelope, EventRegistry } from '@gbt/contracts';
import { MongoEventStore, OutboxRelay } from '@gbt/event-store';
import { createKafka, ensureTopics, errorFields, EventPublisher, JsonLogger, MongoInbox } from '@gbt/messaging';
import { Consumers } from './consumers';
import { DatabaseHealthIndicator, HealthCheckLogger, KafkaHealthIndicator, RedisHealthIndicator } from './health-indicators';
import { KafkaAdmin } from './kafka-admin';
import { Metrics } from './metrics';
import { Readiness } from './readiness';
import type { ServiceConfig } from './service-config';
import { EVENT_REGISTRY, KAFKA, MONGO_CLIENT, MONGO_DB, PLATFORM_OPTIONS, SERVICE_CONFIG } from './tokens';

export interface PlatformOptions {
  readonly config: ServiceConfig;
  readonly registry: EventRegistry;
  /** Where this service's events are published; it owns (writes) only its own streams. */
  readonly topicFor: (event: EventEnvelope) => string;
  /** Topics this service publishes to, created at start-up if missing. */
  readonly topics?: readonly string[];
  readonly logger?: JsonLogger;
}

class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(MONGO_CLIENT) private readonly client: MongoClient,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.store.ensureIndexes();
    await ensureTopics(this.kafka, (this.options.topics ?? []).map((topic) => ({ topic })));
    await this.publisher.connect();
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.publisher.disconnect();
    await this.client.close();
  }
}

/**
 * The infrastructure every service shares: its database, the event store with its outbox relay,
 * Kafka, the inbox and the JSON logger. Services import this once in their root module.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const logger = options.logger ?? new JsonLogger(options.config.service);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        TerminusModule.forRoot({ logger: HealthCheckLogger }),
        CqrsModule.forRoot(),
        // Read models, the registry and settings are Mongoose models; indexes other than _id are
        // never built (FerretDB 1.x would not use them), so no model may declare one.
        MongooseModule.forRoot(options.config.mongoUri, { dbName: options.config.database, autoIndex: false, autoCreate: false }),
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: PLATFORM_OPTIONS, useValue: options },
        { provide: EVENT_REGISTRY, useValue: options.registry },
        { provide: JsonLogger, useValue: logger },
        { provide: MONGO_CLIENT, useFactory: () => new MongoClient(options.config.mongoUri).connect() },
        { provide: MONGO_DB, inject: [MONGO_CLIENT], useFactory: (client: MongoClient) => client.db(options.config.database) },
        {
          provide: KAFKA,
          useFactory: () => createKafka({ brokers: options.config.kafkaBrokers, clientId: options.config.service, logger }),
        },
        { provide: MongoEventStore, inject: [MONGO_DB], useFactory: (db: Db) => new MongoEventStore(db, { registry: options.registry }) },
        { provide: MongoInbox, inject: [MONGO_DB], useFactory: (db: Db) => new MongoInbox(db) },
        {
          provide: EventPublisher,
          inject: [KAFKA],
          useFactory: (kafka: Kafka) => new EventPublisher(kafka, { registry: options.registry, topicFor: options.topicFor }),
        },
        {
          provide: OutboxRelay,
          inject: [MongoEventStore, MONGO_DB, EventPublisher],
          useFactory: (store: MongoEventStore, db: Db, publisher: EventPublisher) =>
            new OutboxRelay(store, db, publisher, {
              name: options.config.service,
              onError: (err) => logger.error('outbox relay failed, will retry', errorFields(err)),
            }),
        },
        PlatformLifecycle,
        Consumers,
        KafkaAdmin,
        Metrics,
        DatabaseHealthIndicator,
        KafkaHealthIndicator,
        RedisHealthIndicator,
        Readiness,
      ],
      exports: [Metrics, Readiness, SERVICE_CONFIG, EVENT_REGISTRY, JsonLogger, MONGO_CLIENT, MONGO_DB, KAFKA, MongoEventStore, MongoInbox, EventPublisher, OutboxRelay, Consumers],
    };
  }
}
