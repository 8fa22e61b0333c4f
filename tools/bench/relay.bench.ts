import { EventPublisher, toMessage } from '@gbt/messaging';
import { MongoEventStore, OutboxRelay, type CommitDocument } from '@gbt/event-store';
import { indexedLikeTheStore } from './append.bench';
import type { BenchContext } from './context';
import { appendMeta, benchEvent, benchRegistry, commitFor, envelopeFor } from './events';
import { drive, interleave, now, perSecond, until } from './measure';
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

  // Live: writers append while the relay runs, as in a service; the baseline stores the same
  // commits raw and sends each message once stored, with nothing to remember what was sent.
  const writers = 8;
  let liveRelayed = 0;
  let livePendingLeft = 0;
  let liveSentRaw = 0;
  const live = await interleave(rounds, {
    ours: async () => {
      const store = new MongoEventStore(db, { registry, prefix: `relay_live_${n++}` });
      await indexedLikeTheStore(store.commits);
      let acked = 0;
      const relay = new OutboxRelay(store, db, publisher, { name: `bench-live-${n}`, batchSize, onPublished: (events) => void (acked += events.length) });
      relay.start();
      const heads = new Map<number, { version: number; position: number }>();
      const t = now();
      await drive(writers, total, async (i, worker) => {
        const streamId = `live-${n}-${worker}-${i % 5}`;
        const head = heads.get(i % 5 + worker * 5);
        const result = await store.append(streamId, [benchEvent(i)], { ...appendMeta(head?.version ?? 0), readHead: head ? { lastVersion: head.version, position: head.position } : null });
        heads.set(i % 5 + worker * 5, { version: result.nextExpectedVersion, position: result.position });
      });
      await until(() => acked >= total, 600_000, 'the relay to publish every live append');
      const elapsed = now() - t;
      await relay.stop();
      liveRelayed = acked;
      livePendingLeft = await store.commits.countDocuments({ pending: true });
      return perSecond(acked, elapsed);
    },
    raw: async () => {
      const collection = db.collection<CommitDocument>(`relay_live_raw_${n++}`);
      await indexedLikeTheStore(collection);
      const stored: ReturnType<typeof toMessage>[] = [];
      let sent = 0;
      let storing = true;
      const sender = (async () => {
        while (storing || stored.length > 0) {
          const messages = stored.splice(0, batchSize);
          if (messages.length === 0) await new Promise((r) => setImmediate(r));
          else await raw.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
          sent += messages.length;
        }
      })();
      const t = now();
      await drive(writers, total, async (i, worker) => {
        const streamId = `live-raw-${n}-${worker}`;
        const commit = commitFor(streamId, i + 1, i + 1, [envelopeFor(streamId, i + 1, i)], true);
        await collection.insertOne(commit);
        stored.push(toMessage({ ...commit.events[0]!, streamId }));
      });
      storing = false;
      await sender;
      liveSentRaw = sent;
      return perSecond(sent, now() - t);
    },
  });

  await raw.disconnect();
  await publisher.disconnect();
  await client.close();
  return {
    id: 'relay',
    title: 'Outbox relay',
    method: `events/s from append (live) or from pending commits in the store (backlog) to acknowledged by Kafka, relay batch ${batchSize}`,
    figures: [
      { label: `live: ${writers} writers append, relay to acknowledged`, unit: 'events/s', value: live.ours.median, baseline: { label: 'raw insertOne, then raw producer', value: live.raw.median }, better: 'higher', target: 0.5 },
      { label: 'backlog: pending commits to acknowledged', unit: 'events/s', value: m.ours.median, baseline: { label: 'raw kafkajs producer alone', value: m.raw.median }, better: 'higher' },
    ],
    checks: { eventsToRelay: total, relayed, pendingLeftAfterRelay: pendingLeft, sentRaw, liveAppended: total, liveRelayed, livePendingLeftAfterStop: livePendingLeft, liveSentRaw },
    notes: [
      `Live: ${total} single-event appends by ${writers} concurrent writers (each on its own streams, bringing the head it read) into a fresh store whose relay is running, timed from the first append to the last event acknowledged by Kafka; the relay marks commits published in the background. The baseline: the same writers insert the same commit documents raw, and a sender loop passes each stored message to a raw producer in batches of up to ${batchSize}, one request in flight.`,
      `Backlog: a fresh store of ${total} pending single-event commits over ${streams} streams, written directly, drained by the relay's recovery scan (a scan, a send and the marks per batch of ${batchSize}) against a raw producer sending the same messages with no store at all. No target: it is the path after a crash or for another process's commits, and it is bounded by the marks (see below).`,
      `Median of ${rounds} interleaved rounds after a warm-up for each.`,
      'Both use an idempotent producer with one request in flight and acks=all, as the relay must; the raw producer sends the same serialized messages with no store, lease, validation or marking.',
    ],
    seconds: (now() - started) / 1000,
  };
}
