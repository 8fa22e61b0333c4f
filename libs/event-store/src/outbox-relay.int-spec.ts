import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { parseEnvelope } from '@gbt/contracts';
import { createKafka, ensureTopics, EventPublisher, JsonLogger } from '@gbt/messaging';
import { readTopic, testDatabase, testKafka, testServers, uniqueName, waitFor } from '@gbt/testing';
import { MongoEventStore, OutboxRelay, positionId, type CommitDocument, type OutboxCheckpoint, type PositionClaim } from './index';
import { actor, testRegistry } from './testing/test-events';

const STREAMS = 8;
const EVENTS_PER_STREAM = 12;
const TOTAL = STREAMS * EVENTS_PER_STREAM;

describe('OutboxRelay against real Kafka and the real database', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let kafka: Kafka;

  beforeAll(async () => {
    env = await testDatabase();
    kafka = testKafka();
  });
  afterAll(() => env.close());

  async function seed(store: MongoEventStore): Promise<void> {
    await store.ensureIndexes();
    // Interleave streams so one relay batch holds parts of several streams.
    for (let v = 0; v < EVENTS_PER_STREAM; v++) {
      for (let s = 0; s < STREAMS; s++) {
        await store.append(`case-${s}`, [{ type: 'test.counted', data: { by: v + 1, note: `s${s}` } }], {
          actor,
          correlationId: 'relay-test',
          causationId: null,
          occurredAt: new Date(),
          expectedVersion: v,
        });
      }
    }
  }

  const publishers: EventPublisher[] = [];
  afterAll(() => Promise.all(publishers.map((p) => p.disconnect())));

  function relayFor(store: MongoEventStore, topic: string, options: { recoveryScanMs?: number; completeClaimsAfterMs?: number } = {}): OutboxRelay {
    const kafkaClient = createKafka({ brokers: testServers().brokers, clientId: uniqueName('relay'), logger: new JsonLogger('relay', 'error') });
    const publisher = new EventPublisher(kafkaClient, { registry: testRegistry(), topicFor: () => topic });
    publishers.push(publisher);
    return new OutboxRelay(store, env.db, publisher, { batchSize: 25, leaseTtlMs: 1_000, idlePollMs: 50, ...options });
  }

  it('after a SIGKILL between publish and mark, republishes: every event arrives, in order per stream', async () => {
    const topic = uniqueName('relay-crash');
    const prefix = uniqueName('es').replace(/-/g, '_');
    await ensureTopics(kafka, [{ topic }]);
    const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
    await seed(store);

    const crashed = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'testing', 'relay-crash.fixture.ts'), testServers().mongoUri, env.db.databaseName, prefix, testServers().brokers, topic],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(crashed.signal).toBe('SIGKILL');
    expect(crashed.stdout).toContain('published 25');
    // The crashed batch reached Kafka but is still pending in the store.
    expect(await store.commits.countDocuments({ pending: true })).toBe(TOTAL);

    const relay = relayFor(store, topic);
    relay.start();
    try {
      await waitFor(async () => (await store.commits.countDocuments({ pending: true })) === 0, 30_000, 'the relay to drain the outbox');
    } finally {
      await relay.stop();
    }

    const messages = await readTopic(kafka, topic, (m) => new Set(m.map((x) => parseEnvelope(JSON.parse(x.value!.toString())).eventId)).size >= TOTAL);
    const envelopes = messages.map((m) => parseEnvelope(JSON.parse(m.value!.toString())));
    expect(new Set(envelopes.map((e) => e.eventId)).size).toBe(TOTAL);
    expect(envelopes.length).toBeGreaterThanOrEqual(TOTAL + 25);
    for (let s = 0; s < STREAMS; s++) {
      const versions = envelopes.filter((e) => e.streamId === `case-${s}`).map((e) => e.streamVersion);
      const firstSeen = versions.filter((v, i) => versions.indexOf(v) === i);
      expect(firstSeen).toEqual(Array.from({ length: EVENTS_PER_STREAM }, (_, i) => i + 1));
      expect(messages.filter((m) => m.key?.toString() === `case-${s}`)).toHaveLength(versions.length);
    }
  });

  it('drains a full default batch of 200 commits and more (FerretDB stalled on one bulk of 200 marks)', async () => {
    const topic = uniqueName('relay-burst');
    await ensureTopics(kafka, [{ topic }]);
    const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix: uniqueName('es').replace(/-/g, '_') });
    await store.ensureIndexes();
    const commits = Array.from({ length: 250 }, (_, i) => `burst-${i}`);
    await Promise.all(commits.map((streamId) => store.append(streamId, [{ type: 'test.counted', data: { by: 1, note: streamId } }], { actor, correlationId: 'burst', causationId: null, occurredAt: new Date(), expectedVersion: 0, readHead: null })));
    const kafkaClient = createKafka({ brokers: testServers().brokers, clientId: uniqueName('relay'), logger: new JsonLogger('relay', 'error') });
    const publisher = new EventPublisher(kafkaClient, { registry: testRegistry(), topicFor: () => topic });
    publishers.push(publisher);
    const relay = new OutboxRelay(store, env.db, publisher, { leaseTtlMs: 1_000, idlePollMs: 50 });
    relay.start();
    try {
      await waitFor(async () => (await store.commits.countDocuments({ pending: true })) === 0, 60_000, 'the relay to drain 250 commits');
    } finally {
      await relay.stop();
    }
  });

  it('publishes an append within moments of its commit, without waiting for a poll', async () => {
    const topic = uniqueName('relay-live');
    await ensureTopics(kafka, [{ topic }]);
    const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix: uniqueName('es').replace(/-/g, '_') });
    await store.ensureIndexes();
    const relay = relayFor(store, topic);
    relay.start();
    try {
      await store.append('live-1', [{ type: 'test.counted', data: { by: 1, note: 'x' } }], {
        actor,
        correlationId: 'live',
        causationId: null,
        occurredAt: new Date(),
        expectedVersion: 0,
      });
      const [message] = await readTopic(kafka, topic, 1);
      expect(parseEnvelope(JSON.parse(message!.value!.toString()))).toMatchObject({ streamId: 'live-1', correlationId: 'live' });
    } finally {
      await relay.stop();
    }
  });
  it('publishes appends by notification, with no scan after the first, even for streams it did not publish before', async () => {
    const topic = uniqueName('relay-notified');
    await ensureTopics(kafka, [{ topic }]);
    const prefix = uniqueName('es').replace(/-/g, '_');
    const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
    await seed(store);
    const earlier = relayFor(store, topic);
    earlier.start();
    await waitFor(async () => (await store.commits.countDocuments({ pending: true })) === 0, 30_000, 'the first relay to drain the outbox');
    await earlier.stop();

    const relay = relayFor(store, topic, { recoveryScanMs: 600_000 });
    relay.start();
    try {
      await new Promise((r) => setTimeout(r, 500));
      const find = jest.spyOn(store.commits, 'find');
      for (let s = 0; s < STREAMS; s++) {
        await store.append(`case-${s}`, [{ type: 'test.counted', data: { by: 99, note: 'after restart' } }], { actor, correlationId: 'notified', causationId: null, occurredAt: new Date(), expectedVersion: EVENTS_PER_STREAM });
      }
      await waitFor(async () => (await store.commits.countDocuments({ pending: true })) === 0, 30_000, 'the relay to publish the new appends');
      // Point reads (the stream walk, a predecessor check) are fine; a scan for pending commits is what this spares.
      expect(find.mock.calls.filter(([filter]) => filter && 'pending' in filter)).toEqual([]);
      find.mockRestore();
    } finally {
      await relay.stop();
    }
    const messages = await readTopic(kafka, topic, (m) => m.filter((x) => parseEnvelope(JSON.parse(x.value!.toString())).correlationId === 'notified').length >= STREAMS);
    expect(messages.map((m) => parseEnvelope(JSON.parse(m.value!.toString()))).filter((e) => e.correlationId === 'notified')).toHaveLength(STREAMS);
  });

  it('holds back an append whose stream predecessor another process left pending, so the stream stays in order', async () => {
    const topic = uniqueName('relay-order');
    await ensureTopics(kafka, [{ topic }]);
    const prefix = uniqueName('es').replace(/-/g, '_');
    const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
    const otherProcess = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
    await store.ensureIndexes();
    const ordered = relayFor(store, topic, { recoveryScanMs: 600_000 });
    ordered.start();
    try {
      await new Promise((r) => setTimeout(r, 300));
      const first = await otherProcess.append('order-1', [{ type: 'test.counted', data: { by: 1, note: 'other' } }], { actor, correlationId: 'order', causationId: null, occurredAt: new Date(), expectedVersion: 0 });
      await store.append('order-1', [{ type: 'test.counted', data: { by: 2, note: 'mine' } }], { actor, correlationId: 'order', causationId: null, occurredAt: new Date(), expectedVersion: 1, readHead: { lastVersion: 1, position: first.position } });
      const messages = await readTopic(kafka, topic, 2);
      expect(messages.map((m) => parseEnvelope(JSON.parse(m.value!.toString())).streamVersion)).toEqual([1, 2]);
    } finally {
      await ordered.stop();
    }
  });

  describe('checkpoint', () => {
    const meta = (expectedVersion: number) => ({ actor, correlationId: 'checkpoint', causationId: null, occurredAt: new Date(), expectedVersion });
    const checkpointOf = async (store: MongoEventStore) =>
      (await env.db.collection<OutboxCheckpoint>('outbox_checkpoints').findOne({ _id: `outbox-relay:${store.commits.collectionName}:${store.commits.collectionName}` }))?.position;
    const versionsOn = async (topic: string, streamId: string, count: number) =>
      (await readTopic(kafka, topic, (m) => m.filter((x) => x.key?.toString() === streamId).length >= count))
        .filter((x) => x.key?.toString() === streamId)
        .map((x) => parseEnvelope(JSON.parse(x.value!.toString())).streamVersion);
    /** A writer that claimed the next position and has not inserted its commit yet (slow, or dead). */
    async function claimWithoutCommit(store: MongoEventStore, streamId: string, position: number, claimedAt: Date): Promise<CommitDocument> {
      const template = (await store.commits.findOne({}))!;
      const commit: CommitDocument = { ...template, _id: `${streamId}:1`, streamId, firstVersion: 1, lastVersion: 1, position, pending: true, events: template.events.map((e) => ({ ...e, eventId: randomUUID(), streamVersion: 1 })) };
      await store.positions.insertOne({ _id: positionId(position), commitId: commit._id, claimedAt, commit } satisfies PositionClaim);
      return commit;
    }

    it('finds commits another process appended, by primary key from its checkpoint, with no query of pending commits', async () => {
      const topic = uniqueName('relay-other');
      await ensureTopics(kafka, [{ topic }]);
      const prefix = uniqueName('es').replace(/-/g, '_');
      const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
      const otherProcess = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
      await store.ensureIndexes();
      const relay = relayFor(store, topic, { recoveryScanMs: 100 });
      const find = jest.spyOn(store.commits, 'find');
      relay.start();
      try {
        for (let v = 0; v < 30; v++) await otherProcess.append('other-1', [{ type: 'test.counted', data: { by: v, note: 'other' } }], meta(v));
        expect(await versionsOn(topic, 'other-1', 30)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
        await waitFor(async () => (await checkpointOf(store)) === 30, 10_000, 'the checkpoint to reach the last position');
        expect(await relay.backlog()).toEqual({ commits: 0, oldestClaimedAt: null });
        // Every read of the commits was a point read by primary key.
        expect(find.mock.calls.filter(([filter]) => !filter || Object.keys(filter).join() !== '_id')).toEqual([]);
      } finally {
        find.mockRestore();
        await relay.stop();
      }
    });

    it('never moves the checkpoint past a claimed position whose commit is not in yet, though a higher one committed first', async () => {
      const topic = uniqueName('relay-gap');
      await ensureTopics(kafka, [{ topic }]);
      const prefix = uniqueName('es').replace(/-/g, '_');
      const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
      const otherProcess = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
      await store.ensureIndexes();
      await otherProcess.append('gap-before', [{ type: 'test.counted', data: { by: 1, note: 'before' } }], meta(0));
      // A slow writer holds position 2 between its claim and its commit; another appends at 3 and 4.
      const slow = await claimWithoutCommit(store, 'gap-slow', 2, new Date());
      await otherProcess.append('gap-after', [{ type: 'test.counted', data: { by: 1, note: 'after' } }], meta(0));
      await otherProcess.append('gap-after', [{ type: 'test.counted', data: { by: 2, note: 'after' } }], meta(1));
      expect((await store.commits.findOne({ _id: 'gap-after:2' }))?.position).toBe(4);
      const relay = relayFor(store, topic, { recoveryScanMs: 100, completeClaimsAfterMs: 600_000 });
      relay.start();
      try {
        await waitFor(async () => (await checkpointOf(store)) === 1, 10_000, 'the checkpoint to reach position 1');
        await new Promise((r) => setTimeout(r, 1_000));
        expect(await checkpointOf(store)).toBe(1);
        expect((await relay.backlog()).commits).toBe(3);
        // The slow writer's commit arrives: everything goes out, and the checkpoint passes it.
        await store.commits.insertOne(slow);
        await waitFor(async () => (await checkpointOf(store)) === 4, 10_000, 'the checkpoint to pass the late commit');
        expect(await versionsOn(topic, 'gap-slow', 1)).toEqual([1]);
        expect(await versionsOn(topic, 'gap-after', 2)).toEqual([1, 2]);
      } finally {
        await relay.stop();
      }
    });

    it('completes the commit of a writer that died between its claim and its commit, and skips a position lost to a stream race', async () => {
      const topic = uniqueName('relay-dead');
      await ensureTopics(kafka, [{ topic }]);
      const prefix = uniqueName('es').replace(/-/g, '_');
      const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
      const otherProcess = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
      await store.ensureIndexes();
      await otherProcess.append('dead-before', [{ type: 'test.counted', data: { by: 1, note: 'before' } }], meta(0));
      await claimWithoutCommit(store, 'dead-writer', 2, new Date(Date.now() - 60_000));
      // Position 3 claimed for `dead-before:1`, a commit that already holds position 1: a lost race.
      const lost = { ...(await store.commits.findOne({ _id: 'dead-before:1' }))!, position: 3 };
      await store.positions.insertOne({ _id: positionId(3), commitId: lost._id, claimedAt: new Date(Date.now() - 60_000), commit: lost });
      // The store's counter learns positions from the claims: the next append takes 4.
      expect((await otherProcess.append('dead-after', [{ type: 'test.counted', data: { by: 1, note: 'after' } }], meta(0))).position).toBe(4);
      const relay = relayFor(store, topic, { recoveryScanMs: 100, completeClaimsAfterMs: 1_000 });
      relay.start();
      try {
        await waitFor(async () => (await checkpointOf(store)) === 4, 10_000, 'the checkpoint to reach position 4');
        expect(await versionsOn(topic, 'dead-writer', 1)).toEqual([1]);
        expect(await versionsOn(topic, 'dead-before', 1)).toEqual([1]);
        expect((await store.readStream('dead-writer')).map((e) => [e.streamVersion, e.position])).toEqual([[1, 2]]);
        // The completed append is the stream's head: the next one lands after it.
        await expect(store.append('dead-writer', [{ type: 'test.counted', data: { by: 2, note: 'next' } }], meta(0))).rejects.toMatchObject({ name: 'ConcurrencyError' });
      } finally {
        await relay.stop();
      }
      const messages = await readTopic(kafka, topic, 3);
      expect(messages.filter((m) => m.key?.toString() === 'dead-before')).toHaveLength(1);
    });

    it('keeps a crashed relay’s checkpoint behind its unacknowledged batch, so a successor republishes it', async () => {
      const topic = uniqueName('relay-resume');
      await ensureTopics(kafka, [{ topic }]);
      const prefix = uniqueName('es').replace(/-/g, '_');
      const store = new MongoEventStore(env.db, { registry: testRegistry(), prefix });
      await seed(store);
      const crashed = spawnSync(
        process.execPath,
        ['-r', '@swc-node/register', join(__dirname, 'testing', 'relay-crash.fixture.ts'), testServers().mongoUri, env.db.databaseName, prefix, testServers().brokers, topic],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(crashed.signal).toBe('SIGKILL');
      expect(await checkpointOf(store)).toBeUndefined();
      const relay = relayFor(store, topic);
      relay.start();
      try {
        await waitFor(async () => (await checkpointOf(store)) === TOTAL, 30_000, 'the checkpoint to reach the last position');
      } finally {
        await relay.stop();
      }
      const envelopes = (await readTopic(kafka, topic, (m) => m.length >= TOTAL + 25)).map((m) => parseEnvelope(JSON.parse(m.value!.toString())));
      expect(new Set(envelopes.map((e) => e.eventId)).size).toBe(TOTAL);
    });
  });
});
