import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { z } from 'zod';
import { deadLetterTopic, defineEvent, EventRegistry, MessageHeaders, type EventEnvelope } from '@gbt/contracts';
import { readTopic, testDatabase, testKafka, uniqueName, waitFor } from '@gbt/testing';
import { ensureTopics, EventConsumer, EventPublisher, JsonLogger, MongoInbox, replayDeadLetters, toMessage, type EventHandler } from './index';

const registry = new EventRegistry([
  defineEvent({ type: 'test.payment-received', formerly: ['test.payment-made'], schemaVersion: 1, schema: z.object({ amount: z.number().positive() }) }),
]);

const envelope = (streamId: string, streamVersion: number, amount: number): EventEnvelope => ({
  eventId: randomUUID(),
  type: 'test.payment-received',
  schemaVersion: 1,
  streamId,
  streamVersion,
  occurredAt: new Date().toISOString(),
  actor: { id: 'payer' },
  correlationId: `corr-${streamId}`,
  causationId: null,
  data: { amount },
});

const header = (headers: Record<string, unknown> | undefined, name: string) => headers?.[name]?.toString();

describe('EventConsumer against real Kafka and the real database', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let kafka: Kafka;
  let raw: Producer;
  let publisher: EventPublisher;
  let currentTopic = '';
  const logger = new JsonLogger('consumer-test', 'error');

  beforeAll(async () => {
    env = await testDatabase();
    kafka = testKafka();
    raw = kafka.producer();
    await raw.connect();
    publisher = new EventPublisher(kafka, { registry, topicFor: () => currentTopic });
  });
  afterAll(async () => {
    await raw.disconnect();
    await publisher.disconnect();
    await env.close();
  });

  async function setup(handler: EventHandler, retry = { attempts: 3, initialDelayMs: 20 }) {
    const topic = uniqueName('payments');
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    currentTopic = topic;
    const consumer = new EventConsumer(kafka, {
      groupId: uniqueName('group'),
      topics: [topic],
      registry,
      inbox: new MongoInbox(env.db),
      handler,
      logger,
      retry,
    });
    await consumer.start();
    return { topic, consumer };
  }

  it('handles a redelivered message once', async () => {
    const handled: string[] = [];
    const { topic, consumer } = await setup(async (e) => {
      handled.push(e.eventId);
    });
    try {
      const first = envelope('pay-1', 1, 10);
      await publisher.publish([first]);
      await publisher.publish([first]);
      const second = envelope('pay-1', 2, 20);
      await publisher.publish([second]);
      await waitFor(async () => handled.includes(second.eventId), 20_000, 'the second payment');
      expect(handled).toEqual([first.eventId, second.eventId]);
      expect((await readTopic(kafka, topic, 3)).length).toBe(3);
    } finally {
      await consumer.stop();
    }
  });

  it('takes a fetched batch whole: a repeat inside it and an event the inbox already holds are skipped, the rest recorded at once', async () => {
    const topic = uniqueName('payments');
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    currentTopic = topic;
    const [a, b, c] = [envelope('pay-b', 1, 1), envelope('pay-b', 2, 2), envelope('pay-b', 3, 3)];
    await publisher.publish([a, a, b, c, b]);
    const groupId = uniqueName('group');
    const inbox = new MongoInbox(env.db, uniqueName('inbox'));
    await inbox.recordAll(groupId, [{ eventId: b.eventId, processedAt: new Date() }]);
    const handled: number[] = [];
    const consumer = new EventConsumer(kafka, { groupId, topics: [topic], registry, inbox, logger, handler: async (e) => void handled.push(e.streamVersion) });
    await consumer.start();
    try {
      await waitFor(async () => (await inbox.seenAmong(groupId, [c.eventId])).size === 1, 20_000, 'the batch to be recorded');
      expect(handled).toEqual([1, 3]);
      expect(await inbox.seenAmong(groupId, [a.eventId, b.eventId, c.eventId, 'never-sent'])).toEqual(new Set([a.eventId, b.eventId, c.eventId]));
    } finally {
      await consumer.stop();
    }
  });

  it('handles partitions side by side when asked to, and keeps each stream in order', async () => {
    const topic = uniqueName('payments');
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
    currentTopic = topic;
    const streams = ['pay-x', 'pay-y', 'pay-z', 'pay-w'];
    for (let v = 1; v <= 15; v++) await publisher.publish(streams.map((s) => envelope(s, v, v)));
    const seen = new Map<string, number[]>();
    const consumer = new EventConsumer(kafka, {
      groupId: uniqueName('group'),
      topics: [topic],
      registry,
      inbox: new MongoInbox(env.db, uniqueName('inbox')),
      logger,
      partitionsConsumedConcurrently: 3,
      handler: async (e) => {
        await new Promise((r) => setTimeout(r, 2));
        seen.set(e.streamId, [...(seen.get(e.streamId) ?? []), e.streamVersion]);
      },
    });
    await consumer.start();
    try {
      await waitFor(async () => streams.every((s) => seen.get(s)?.length === 15), 30_000, 'every stream');
      for (const s of streams) expect(seen.get(s)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    } finally {
      await consumer.stop();
    }
  });

  it('parks a poison message on the dead-letter topic with its reason, then processes the next', async () => {
    const handled: number[] = [];
    let poisonAttempts = 0;
    const { topic, consumer } = await setup(async (e) => {
      if (e.data.amount === 13) {
        poisonAttempts++;
        throw new Error('ledger refuses amount 13');
      }
      handled.push(e.data.amount as number);
    });
    try {
      const poison = envelope('pay-2', 1, 13);
      await publisher.publish([poison, envelope('pay-2', 2, 14)]);
      await waitFor(async () => handled.includes(14), 20_000, 'the message after the poison one');
      expect(poisonAttempts).toBe(3);
      const [dead] = await readTopic(kafka, deadLetterTopic(topic), 1);
      expect(header(dead!.headers, MessageHeaders.dlqReason)).toBe('handler failed: ledger refuses amount 13');
      expect(header(dead!.headers, MessageHeaders.dlqAttempts)).toBe('3');
      expect(header(dead!.headers, MessageHeaders.dlqOriginalTopic)).toBe(topic);
      expect(JSON.parse(dead!.value!.toString()).eventId).toBe(poison.eventId);
    } finally {
      await consumer.stop();
    }
  });

  it('replays what one group parked, once its cause is fixed, and the handler then takes it', async () => {
    let ledgerFixed = false;
    const handled: number[] = [];
    const { topic, consumer } = await setup(async (e) => {
      if (e.data.amount === 13 && !ledgerFixed) throw new Error('ledger refuses amount 13');
      handled.push(e.data.amount as number);
    });
    try {
      const poison = envelope('pay-9', 1, 13);
      await publisher.publish([poison, envelope('pay-9', 2, 14)]);
      await waitFor(async () => handled.includes(14), 20_000, 'the message after the poison one');
      ledgerFixed = true;
      const first = await replayDeadLetters(kafka, { topic, consumerGroup: consumer.groupId, replayId: uniqueName('replay'), idleMs: 20_000 });
      expect(first).toEqual({ replayed: 1, skipped: 0 });
      await waitFor(async () => handled.includes(13), 20_000, 'the replayed message');
      expect(handled).toEqual([14, 13]);
    } finally {
      await consumer.stop();
    }
  });

  it('dead-letters malformed messages without calling the handler and goes on', async () => {
    const handled: number[] = [];
    const { topic, consumer } = await setup(async (e) => {
      handled.push(e.data.amount as number);
    });
    try {
      const badPayload = { ...envelope('pay-3', 1, 1), data: { amount: -5 } };
      await raw.send({
        topic,
        messages: [
          { key: 'pay-3', value: 'not json at all' },
          { key: 'pay-3', value: JSON.stringify({ hello: 'world' }) },
          toMessage(badPayload),
          toMessage(envelope('pay-3', 2, 7)),
        ],
      });
      await waitFor(async () => handled.includes(7), 20_000, 'the valid message');
      expect(handled).toEqual([7]);
      const dead = await readTopic(kafka, deadLetterTopic(topic), 3);
      const reasons = dead.map((m) => header(m.headers, MessageHeaders.dlqReason));
      expect(reasons[0]).toMatch(/^invalid message: .*JSON/);
      expect(reasons[1]).toMatch(/^invalid message: invalid envelope: .*eventId: /);
      expect(reasons[2]).toMatch(/^invalid message: invalid test.payment-received data: amount/);
      expect(dead[0]!.value!.toString()).toBe('not json at all');
    } finally {
      await consumer.stop();
    }
  });

  it('hands a message published under a former name to the handler under the current name, and publishes none under it', async () => {
    const handled: string[] = [];
    const { topic, consumer } = await setup(async (e) => {
      handled.push(e.type);
    });
    try {
      await raw.send({ topic, messages: [toMessage({ ...envelope('pay-5', 1, 5), type: 'test.payment-made' }), toMessage(envelope('pay-5', 2, 6))] });
      await waitFor(async () => handled.length === 2, 20_000, 'both payments');
      expect(handled).toEqual(['test.payment-received', 'test.payment-received']);
      await expect(publisher.publish([{ ...envelope('pay-5', 3, 7), type: 'test.payment-made' }])).rejects.toThrow(/renamed to test.payment-received/);
    } finally {
      await consumer.stop();
    }
  });

  it('refuses to publish an invalid event, sending nothing', async () => {
    await setup(async () => undefined).then(({ consumer }) => consumer.stop());
    await expect(publisher.publish([{ ...envelope('pay-4', 1, 1), data: { amount: 'lots' } }])).rejects.toThrow(/amount/);
    await expect(publisher.publish([{ ...envelope('pay-4', 1, 1), streamVersion: 0 }])).rejects.toThrow(/streamVersion/);
  });

  it('commits what it processed on a graceful stop: a restarted member does not see it again', async () => {
    const firstRun: number[] = [];
    const groupId = uniqueName('group');
    const topic = uniqueName('payments');
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    currentTopic = topic;
    // A fresh inbox for each run, so only committed offsets can prevent a second delivery.
    const member = (inbox: string, sink: number[]) =>
      new EventConsumer(kafka, {
        groupId,
        topics: [topic],
        registry,
        inbox: new MongoInbox(env.db, inbox),
        logger,
        handler: async (e) => {
          sink.push(e.data.amount as number);
        },
      });
    const first = member(uniqueName('inbox'), firstRun);
    await first.start();
    await publisher.publish([envelope('pay-5', 1, 1), envelope('pay-5', 2, 2)]);
    await waitFor(async () => firstRun.length === 2, 20_000, 'the first run');
    await first.stop();

    const secondRun: number[] = [];
    const second = member(uniqueName('inbox'), secondRun);
    await second.start();
    try {
      await publisher.publish([envelope('pay-5', 3, 3)]);
      await waitFor(async () => secondRun.includes(3), 20_000, 'the second run');
      expect(secondRun).toEqual([3]);
    } finally {
      await second.stop();
    }
  });
});
