import { Inject, Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MongoEventStore, OutboxRelay, type AppendedCommit, type OutboxBacklog } from '@gbt/event-store';
import { Consumers } from './consumers';
import type { ServiceConfig } from './service-config';
import { KafkaAdmin } from './kafka-admin';
import { SERVICE_CONFIG } from './tokens';

/** What a BullMQ queue offers for depth metrics; a structural type so the platform does not depend on bullmq. */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/**
 * The service's Prometheus metrics, in a registry of its own (tests run several services in one
 * process). Lags and depths are read when scraped, so they cost nothing between scrapes.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly queues: CountableQueue[] = [];
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Failed timer firings (every failed attempt) and errors of timer workers, queues and sweeps (libs/platform durable-timers). */
  readonly timerFailures: Counter<'queue' | 'stage'>;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(MongoEventStore) store: MongoEventStore,
    @Inject(KafkaAdmin) private readonly kafkaAdmin: KafkaAdmin,
    @Inject(Consumers) private readonly consumers: Consumers,
    @Optional() @Inject(OutboxRelay) private readonly relay?: OutboxRelay,
  ) {
    this.registry.setDefaultLabels({ service: config.service });
    collectDefaultMetrics({ register: this.registry });
    const appended = new Counter({ name: 'gbt_events_appended_total', help: 'Events appended to this service’s event store', registers: [this.registry] });
    store.notifications.on('appended', ({ commit }: AppendedCommit) => appended.inc(commit.events.length));
    this.httpDuration = new Histogram({
      name: 'gbt_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.timerFailures = new Counter({
      name: 'gbt_timer_failures_total',
      help: 'Durable timer failures by queue and stage: firing (a failed attempt), worker, queue or sweep (an error there)',
      labelNames: ['queue', 'stage'],
      registers: [this.registry],
    });
    this.outboxGauges();
    this.consumerLagGauge();
    this.queueDepthGauge();
  }

  /** Adds a work or timer queue to the depth gauge. */
  watchQueue(queue: CountableQueue): void {
    this.queues.push(queue);
  }

  /**
   * From the outbox relay's checkpoint and the store's last position (ADR 0022): a few point reads
   * per scrape, never a query of the commits. One read serves both gauges of a scrape.
   */
  private outboxGauges(): void {
    const relay = this.relay;
    let reading: Promise<OutboxBacklog> | undefined;
    const backlog = (): Promise<OutboxBacklog> => {
      if (!relay) return Promise.resolve({ commits: 0, oldestClaimedAt: null });
      reading ??= relay.backlog().finally(() => setImmediate(() => (reading = undefined)));
      return reading;
    };
    new Gauge({
      name: 'gbt_outbox_pending_commits',
      help: 'Commits appended but not yet acknowledged by Kafka',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).commits);
      },
    });
    new Gauge({
      name: 'gbt_outbox_lag_seconds',
      help: 'Age of the oldest commit not yet acknowledged by Kafka (0 when none)',
      registers: [this.registry],
      async collect() {
        const { oldestClaimedAt } = await backlog();
        this.set(oldestClaimedAt ? Math.max(0, (Date.now() - oldestClaimedAt.getTime()) / 1000) : 0);
      },
    });
  }

  private consumerLagGauge(): void {
    const lagOf = () => this.consumerLag();
    new Gauge({
      name: 'gbt_consumer_lag_messages',
      help: 'Messages on the topic not yet committed by the consumer group',
      labelNames: ['group', 'topic'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { group, topic, lag } of await lagOf()) this.set({ group, topic }, lag);
      },
    });
  }

  private async consumerLag(): Promise<{ group: string; topic: string; lag: number }[]> {
    const subscriptions = this.consumers.subscriptions();
    if (subscriptions.length === 0) return [];
    const admin = await this.kafkaAdmin.get();
    const rows: { group: string; topic: string; lag: number }[] = [];
    for (const { groupId, topics } of subscriptions) {
      const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
      for (const { topic, partitions } of committed) {
        const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
        // An offset of -1 means nothing committed yet: the whole partition is still to be read.
        const lag = partitions.reduce((sum, p) => sum + Math.max(0, (ends.get(p.partition) ?? 0) - Math.max(0, Number(p.offset))), 0);
        rows.push({ group: groupId, topic, lag });
      }
    }
    return rows;
  }

  private queueDepthGauge(): void {
    const queues = this.queues;
    new Gauge({
      name: 'gbt_queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }
}
