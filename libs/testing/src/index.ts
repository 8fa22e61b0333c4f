import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { MongoClient, type Db } from 'mongodb';
import { Topics, type EventEnvelope } from '@gbt/contracts';

/** The real servers that tools/test.sh started (or that the environment points at). */
export function testServers() {
  const { MONGODB_URI, KAFKA_BROKERS, REDIS_URL } = process.env;
  if (!MONGODB_URI || !KAFKA_BROKERS || !REDIS_URL) throw new Error('MONGODB_URI, KAFKA_BROKERS and REDIS_URL must be set');
  return { mongoUri: MONGODB_URI, brokers: KAFKA_BROKERS, redisUrl: REDIS_URL };
}

export const uniqueName = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A database of its own for one test file, dropped by close(). */
export async function testDatabase(): Promise<{ db: Db; client: MongoClient; close(): Promise<void> }> {
  const client = await new MongoClient(testServers().mongoUri).connect();
  const db = client.db(uniqueName('t').replace(/-/g, '_'));
  return {
    db,
    client,
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

/**
 * Drops a test database once nothing uses it any more. Drop only after the service using it has
 * closed: FerretDB's SQLite backend can crash (SIGBUS) when a database file disappears under a
 * connection still reading it.
 */
export async function dropDatabase(name: string, mongoUri = testServers().mongoUri): Promise<void> {
  const client = await new MongoClient(mongoUri).connect();
  try {
    await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

export const testKafka = (clientId = uniqueName('test')): Kafka =>
  new Kafka({ clientId, brokers: testServers().brokers.split(','), logLevel: logLevel.NOTHING });

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reads a topic from the beginning with a group of its own until `done` says enough arrived. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  done: number | ((messages: KafkaMessage[]) => boolean),
  timeoutMs = 30_000,
): Promise<KafkaMessage[]> {
  const enough = typeof done === 'number' ? (m: KafkaMessage[]) => m.length >= done : done;
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        messages.push(message);
      },
    });
    await waitFor(async () => enough(messages), timeoutMs, `messages on ${topic} (got ${messages.length})`);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** A clock the test moves by hand, so "as of", deadlines and SLAs are exact. */
export class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: string | Date): void {
    this.current = new Date(at);
  }
}

/** An event as another service would publish it, for feeding a service under test through Kafka. */
export function testEnvelope(
  type: string,
  streamId: string,
  data: Record<string, unknown>,
  options: { streamVersion?: number; actor?: string; occurredAt?: Date } = {},
): EventEnvelope {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    streamId,
    streamVersion: options.streamVersion ?? 1,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    actor: { id: options.actor ?? 'alice.applicant' },
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
}

/**
 * Starts new consumer groups at the ends of the event topics. Test runs share the topics, and a
 * new group would first replay every earlier run's events (retrying and dead-lettering cases it
 * never heard of), which on a busy machine takes longer than a test waits. Groups that committed
 * offsets already (a service restarted on its own database) keep them.
 */
export async function startGroupsAtTopicEnds(kafka: Kafka, groups: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: { topic: string; partition: number; offset: string }[];
  const fresh: string[] = [];
  try {
    const existing = new Set(await admin.listTopics());
    const topics = Object.values(Topics).filter((t) => existing.has(t));
    ends = (await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ topic, partition, offset: high }))))).flat();
    for (const groupId of groups) {
      const committed = topics.length ? await admin.fetchOffsets({ groupId, topics }) : [];
      if (committed.every((t) => t.partitions.every((p) => p.offset === '-1'))) fresh.push(groupId);
    }
  } finally {
    await admin.disconnect();
  }
  if (ends.length === 0) return;
  const topics = [...new Set(ends.map((e) => e.topic))];
  // Offsets are committed by a member of the group; one short-lived member per group does it.
  await Promise.all(
    fresh.map(async (groupId) => {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      await consumer.connect();
      try {
        const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
        await consumer.subscribe({ topics, fromBeginning: false });
        await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
        await joined;
        await consumer.commitOffsets(ends);
      } finally {
        await consumer.disconnect();
      }
    }),
  );
}

/** A TCP port on 127.0.0.1 that nothing listens on right now, for a server a test starts. */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
export * from './demo-directory';
