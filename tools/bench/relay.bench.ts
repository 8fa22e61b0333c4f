import { EventPublisher, toMessage } from '@gbt/messaging';
import { MongoEventStore, OutboxRelay, type CommitDocument } from '@gbt/event-store';
import { indexedLikeTheStore } from './append.bench';
import type { BenchContext } from './context';
import { benchRegistry, commitFor, envelopeFor } from './events';
import { interleave, now, perSecond, until } from './measure';
import type { BenchResult } from './report';

/**
 * Outbox relay: events/s from pending commits in the store to acknowledged by Kafka (acks=all,
 * idempotent producer), against a raw kafkajs producer with the same settings sending the same
 * messages in batches of the relay's size.
 */
export async function relayBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  const client = await ctx.client();
  const db = ctx.database(client, 'relay');
  const kafka = ctx.kafka();
  const topic = await ctx.topic(kafka, 'relay');
  const registry = benchRegistry();
  const total = ctx.size(1_000, 60);
  const batchSize = 200;
  const rounds = ctx.size(3, 1);
  const streams = 50;
  const publisher = new EventPublisher(kafka, { registry, topicFor: () => topic });
  await publisher.connect();
  const raw = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await raw.connect();
  let n = 0;
  let relayed = 0;
  let sentRaw = 0;
  let pendingLeft = 0;

  /** `total` events of `streams` streams, in commits exactly as appends leave them (pending). */
  const pendingCommits = (): CommitDocument[] =>
    Array.from({ length: total }, (_, i) => {
      const streamId = `relay-${n}-${i % streams}`;
      const version = Math.floor(i / streams) + 1;
      return commitFor(streamId, version, i + 1, [envelopeFor(streamId, version, i)], true);
    });

  const m = await interleave(rounds, {
    ours: async () => {
      const store = new MongoEventStore(db, { registry, prefix: `relay_${n++}` });
      await indexedLikeTheStore(store.commits);
      const commits = pendingCommits();
      for (let i = 0; i < commits.length; i += 1_000) await store.commits.insertMany(commits.slice(i, i + 1_000));
      let acked = 0;
      const relay = new OutboxRelay(store, db, publisher, {
        name: `bench-${n}`,
        batchSize,
        idlePollMs: 20,
        onPublished: (events) => {
          acked += events.length;
        },
        onError: (err) => ctx.log(`relay error: ${(err as Error).message}`),
      });
      const t = now();
      relay.start();
      await until(() => acked >= total, 600_000, 'the relay to publish every event');
      const elapsed = now() - t;
      await relay.stop();
      relayed = acked;
      pendingLeft = await store.commits.countDocuments({ pending: true });
      return perSecond(acked, elapsed);
    },
    raw: async () => {
      const messages = pendingCommits().map((c) => toMessage({ ...c.events[0]!, streamId: c.streamId }));
      const t = now();
      for (let i = 0; i < messages.length; i += batchSize) {
        await raw.sendBatch({ acks: -1, topicMessages: [{ topic, messages: messages.slice(i, i + batchSize) }] });
      }
      sentRaw = messages.length;
      return perSecond(messages.length, now() - t);
    },
  });
  await raw.disconnect();
  await publisher.disconnect();
  await client.close();
  return {
    id: 'relay',
    title: 'Outbox relay',
    method: `events/s from ${total} pending commits in the store to acknowledged by Kafka (and marked published), relay batch ${batchSize}`,
    figures: [{ label: 'relay, append to acknowledged', unit: 'events/s', value: m.ours.median, baseline: { label: 'raw kafkajs producer', value: m.raw.median }, better: 'higher', target: 0.5 }],
    checks: { eventsToRelay: total, relayed, pendingLeftAfterRelay: pendingLeft, sentRaw },
    notes: [
      `Median of ${rounds} interleaved rounds after a warm-up; each round of the relay starts from a fresh store of ${total} pending single-event commits over ${streams} streams, written directly (the append cost is measured above).`,
      'Both use an idempotent producer with one request in flight and acks=all, as the relay must; the raw producer sends the same serialized messages with no store, lease, validation or marking.',
    ],
    seconds: (now() - started) / 1000,
  };
}
