import type { Kafka } from 'kafkajs';
import { parseEnvelope } from '@gbt/contracts';
import { createKafka, ensureTopics, EventPublisher, JsonLogger } from '@gbt/messaging';
import { readTopic, testDatabase, testKafka, testServers, uniqueName, waitFor } from '@gbt/testing';
import { MongoEventStore, OutboxRelay, type OutboxCheckpoint } from './index';
import { actor, testRegistry } from './testing/test-events';

/**
 * Retention of position claims (ADR 0022): claims at or below the relay's checkpoint are deleted by
 * primary key, a bounded number per pass; the commits stay; a store that knew an old head (its
 * claims pruned since) still takes a fresh position, and the relay publishes it.
 */
describe('position claims below the relay checkpoint are pruned', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let kafka: Kafka;
  const publishers: EventPublisher[] = [];

  beforeAll(async () => {
    env = await testDatabase();
    kafka = testKafka();
  });
  afterAll(async () => {
    await Promise.all(publishers.map((p) => p.disconnect()));
    await env.close();
  });

  const newStore = (prefix: string) => new MongoEventStore(env.db, { registry: testRegistry(), prefix });
  const append = (store: MongoEventStore, streamId: string, expectedVersion: number) =>
    store.append(streamId, [{ type: 'test.counted', data: { by: 1, note: streamId } }], { actor, correlationId: 'retention', causationId: null, occurredAt: new Date(), expectedVersion });

  async function relayFor(store: MongoEventStore, topic: string): Promise<OutboxRelay> {
    await ensureTopics(kafka, [{ topic }]);
    const publisher = new EventPublisher(createKafka({ brokers: testServers().brokers, clientId: uniqueName('relay'), logger: new JsonLogger('relay', 'error') }), { registry: testRegistry(), topicFor: () => topic });
    publishers.push(publisher);
    return new OutboxRelay(store, env.db, publisher, { leaseTtlMs: 5_000, idlePollMs: 50, recoveryScanMs: 100 });
  }

  const claimsLeft = async (store: MongoEventStore, through: number) =>
    (await Promise.all(Array.from({ length: through }, (_, i) => store.claimAt(i + 1)))).filter((c) => c !== null).length;
  const checkpointOf = async (store: MongoEventStore) =>
    (await env.db.collection<OutboxCheckpoint>('outbox_checkpoints').findOne({ _id: `outbox-relay:${store.commits.collectionName}:${store.commits.collectionName}` }))?.position ?? 0;

  it('deletes the claims up to the checkpoint, a bounded number per call, and keeps every commit', async () => {
    const prefix = uniqueName('es').replace(/-/g, '_');
    const store = newStore(prefix);
    await store.ensureIndexes();
    for (let i = 0; i < 12; i++) await append(store, `kept-${i}`, 0);

    // Bounded: 5 per call, from where the last call stopped, never above `through`.
    expect(await store.pruneClaims(8, 5)).toBe(5);
    expect(await claimsLeft(store, 12)).toBe(7);
    expect(await store.claimAt(5)).toBeNull();
    expect(await store.claimAt(6)).not.toBeNull();
    expect(await store.pruneClaims(8, 5)).toBe(3);
    expect(await store.pruneClaims(8, 5)).toBe(0);
    expect(await store.prunedThrough()).toBe(8);
    expect(await claimsLeft(store, 12)).toBe(4);

    // The event log is never pruned.
    for (let i = 0; i < 12; i++) expect(await store.commits.findOne({ _id: `kept-${i}:1` })).toMatchObject({ position: i + 1 });
    // A store that never saw these positions finds the head above the pruned ones and claims the next.
    const fresh = newStore(prefix);
    expect(await fresh.headPosition()).toBe(12);
    expect((await append(fresh, 'after', 0)).position).toBe(13);
  });

  it('the relay prunes behind its checkpoint; a store that knew an old head still takes a fresh position, which the relay publishes', async () => {
    const prefix = uniqueName('es').replace(/-/g, '_');
    const topic = uniqueName('retention');
    const stale = newStore(prefix);
    await stale.ensureIndexes();
    await append(stale, 'stale-0', 0); // this store now knows position 1 as its head
    const busy = newStore(prefix);
    for (let i = 0; i < 20; i++) await append(busy, `busy-${i}`, 0);

    const relay = await relayFor(busy, topic);
    relay.start();
    try {
      // The pruned mark is written before the deletes it announces: wait for the deletes as well.
      await waitFor(async () => (await checkpointOf(busy)) === 21 && (await busy.prunedThrough()) === 21 && (await claimsLeft(busy, 21)) === 0, 30_000, 'the relay to publish and prune through 21');

      // Position 2's claim is gone, but it is taken: the stale store must not reuse it.
      const result = await append(stale, 'stale-1', 0);
      expect(result.position).toBe(22);
      expect(await stale.claimAt(2)).toBeNull();
      const messages = await readTopic(kafka, topic, (m) => m.some((x) => parseEnvelope(JSON.parse(x.value!.toString())).streamId === 'stale-1'));
      const streams = new Set(messages.map((m) => parseEnvelope(JSON.parse(m.value!.toString())).streamId));
      expect(streams.size).toBe(22);
      await waitFor(async () => (await busy.prunedThrough()) === 22, 30_000, 'the relay to prune the new claim too');
    } finally {
      await relay.stop();
    }
    expect(await busy.commits.countDocuments({})).toBe(22);
  });
});
