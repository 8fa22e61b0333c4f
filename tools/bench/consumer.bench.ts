import { randomUUID } from 'node:crypto';
import { EventConsumer, EventPublisher, MongoInbox } from '@gbt/messaging';
import type { BenchContext } from './context';
import { benchRegistry, envelopeFor } from './events';
import { interleave, now, perSecond, until } from './measure';
import type { BenchResult } from './report';

/** Times the inbox from its first look-up to the write that records the last event. */
class TimedInbox extends MongoInbox {
  first = 0;
  last = 0;
  recorded = 0;

  override async seenAmong(consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
    if (this.first === 0) this.first = now();
    return super.seenAmong(consumer, eventIds);
  }

  override async recordAll(consumer: string, handled: readonly { eventId: string; processedAt: Date }[]): Promise<void> {
    await super.recordAll(consumer, handled);
    this.recorded += handled.length;
    this.last = now();
  }
}

/**
 * Consumer with inbox: events/s handled by `EventConsumer` (decode, validate, upcast, inbox check,
 * handler, inbox record) against a raw kafkajs consumer of the same messages. Each round is a new
 * consumer group reading the topic from the beginning; the clock runs from the first message
 * seen (ours: the inbox's first look-up) to the last handled (ours: recorded in the inbox), so the
 * group join is not counted.
 */
export async function consumerBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  const client = await ctx.client();
  const db = ctx.database(client, 'consumer');
  const kafka = ctx.kafka();
  const topic = await ctx.topic(kafka, 'consumer');
  const registry = benchRegistry();
  const total = ctx.size(1_000, 60);
  const rounds = ctx.size(3, 1);
  const publisher = new EventPublisher(kafka, { registry, topicFor: () => topic });
  const events = Array.from({ length: total }, (_, i) => envelopeFor(`consume-${i % 40}`, Math.floor(i / 40) + 1, i));
  for (let i = 0; i < events.length; i += 500) await publisher.publish(events.slice(i, i + 500));
  await publisher.disconnect();
  let handledOurs = 0;
  let handledRaw = 0;
  let duplicatesOurs = 0;

  const m = await interleave(rounds, {
    ours: async () => {
      const seen = new Set<string>();
      const inbox = new TimedInbox(db, `inbox_${randomUUID().slice(0, 6)}`);
      const consumer = new EventConsumer(kafka, {
        groupId: ctx.name(`ours-${randomUUID().slice(0, 6)}`),
        topics: [topic],
        registry,
        inbox,
        logger: ctx.logger,
        handler: async (event) => {
          if (seen.has(event.eventId)) duplicatesOurs++;
          seen.add(event.eventId);
        },
      });
      await consumer.start();
      await until(() => inbox.recorded >= total, 600_000, 'the consumer to handle and record every event', 20);
      await consumer.stop();
      handledOurs = seen.size;
      return perSecond(seen.size - 1, inbox.last - inbox.first);
    },
    raw: async () => {
      let count = 0;
      let first = 0;
      let last = 0;
      const consumer = kafka.consumer({ groupId: ctx.name(`raw-${randomUUID().slice(0, 6)}`), allowAutoTopicCreation: false, maxWaitTimeInMs: 1_000 });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async () => {
          if (count === 0) first = now();
          count++;
          last = now();
        },
      });
      await until(() => count >= total, 600_000, 'the raw consumer to read every event', 20);
      await consumer.disconnect();
      handledRaw = count;
      return perSecond(count - 1, last - first);
    },
  });
  await client.close();
  return {
    id: 'consumer',
    title: 'Consumer with inbox',
    method: `events/s handled from a topic of ${total} events (3 partitions, one at a time as the default), first to last message`,
    figures: [{ label: 'consumer with inbox', unit: 'events/s', value: m.ours.median, baseline: { label: 'raw kafkajs consumer', value: m.raw.median }, better: 'higher', target: 0.5 }],
    checks: { eventsPublished: total, handledOurs, handledRaw, duplicatesOurs },
    notes: [
      `Median of ${rounds} interleaved rounds after a warm-up; each round is a new consumer group (and, for ours, an empty inbox collection).`,
      'The raw consumer\'s `eachMessage` does nothing; ours decodes and validates the envelope and payload, asks the inbox which events of each Kafka batch were handled (point reads by `_id`, 50 at a time), runs an empty handler per message and records the handled ids (one `insertMany` per 100 messages or second) before resolving their offsets.',
    ],
    seconds: (now() - started) / 1000,
  };
}
