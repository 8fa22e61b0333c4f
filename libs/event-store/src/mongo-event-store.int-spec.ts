import type { Db } from 'mongodb';
import type { Decider } from '@gbt/decider';
import { testDatabase } from '@gbt/testing';
import { ConcurrencyError, handleCommand, MongoEventStore, NO_STREAM, type NewEvent } from './index';
import { actor, testRegistry } from './testing/test-events';

const meta = (causationId: string | null = null) => ({ actor, correlationId: 'corr-1', causationId, occurredAt: new Date('2027-03-01T08:00:00Z') });
const count = (by: number): NewEvent => ({ type: 'test.counted', data: { by, note: 'n' } });

describe('MongoEventStore against the real database', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let db: Db;
  let store: MongoEventStore;

  beforeAll(async () => {
    env = await testDatabase();
    db = env.db;
    store = new MongoEventStore(db, { registry: testRegistry() });
    await store.ensureIndexes();
  });
  afterAll(() => env.close());

  it('lets exactly one of 20 concurrent appends at the same expected version win', async () => {
    await store.append('race-1', [count(1)], { ...meta(), expectedVersion: NO_STREAM });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append('race-1', [count(i), count(i)], { ...meta(), expectedVersion: 1 })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect((r.reason as ConcurrencyError).expectedVersion).toBe(1);
      expect((r.reason as ConcurrencyError).currentVersion).toBeGreaterThanOrEqual(1);
    }
    expect(await store.streamVersion('race-1')).toBe(3);
    expect((await store.readStream('race-1')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
  });

  it('lets exactly one win when every writer brings the head it read, skipping the store’s own read', async () => {
    const first = await store.append('race-head', [count(1)], { ...meta(), expectedVersion: NO_STREAM, readHead: null });
    const readHead = { lastVersion: 1, position: first.position };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append('race-head', [count(i), count(i), count(i)], { ...meta(), expectedVersion: 1, readHead })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(19);
    expect((await store.readStream('race-head')).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
  });

  it('rejects an expected version that is stale or points inside another commit', async () => {
    await store.append('stale-1', [count(1), count(2), count(3)], { ...meta(), expectedVersion: NO_STREAM });
    await expect(store.append('stale-1', [count(4)], { ...meta(), expectedVersion: 2 })).rejects.toMatchObject({
      name: 'ConcurrencyError',
      currentVersion: 3,
    });
    await expect(store.append('stale-1', [count(4)], { ...meta(), expectedVersion: NO_STREAM })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.streamVersion('stale-1')).toBe(3);
  });

  it('writes full envelopes and reads a stream from a version', async () => {
    const result = await store.append('read-1', [count(1), count(2)], { ...meta('cause-9'), expectedVersion: NO_STREAM });
    await store.append('read-1', [count(3)], { ...meta(), expectedVersion: result.nextExpectedVersion });
    const events = await store.readStream('read-1', 2);
    expect(events.map((e) => [e.streamVersion, e.data.by])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    expect(events[0]).toMatchObject({
      type: 'test.counted',
      schemaVersion: 2,
      streamId: 'read-1',
      occurredAt: '2027-03-01T08:00:00.000Z',
      actor,
      correlationId: 'corr-1',
      causationId: 'cause-9',
    });
    expect(events[0]!.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads the first event of a stream by its first commit, and none of a stream that does not exist', async () => {
    const result = await store.append('first-1', [count(7), count(8)], { ...meta(), expectedVersion: NO_STREAM });
    await store.append('first-1', [count(9)], { ...meta(), expectedVersion: result.nextExpectedVersion });
    expect(await store.firstEvent('first-1')).toMatchObject({ streamId: 'first-1', streamVersion: 1, data: { by: 7 } });
    expect(await store.firstEvent('first-none')).toBeNull();
  });

  it('refuses an event whose data breaks its schema, writing nothing', async () => {
    await expect(store.append('bad-1', [{ type: 'test.counted', data: { by: 'one' } }], { ...meta(), expectedVersion: 0 })).rejects.toThrow(
      /invalid test.counted data/,
    );
    await expect(store.append('bad-1', [{ type: 'test.nope', data: {} }], { ...meta(), expectedVersion: 0 })).rejects.toThrow(/unknown event type/);
    expect(await store.streamVersion('bad-1')).toBe(0);
  });

  it('upcasts events stored under an old schema version when reading', async () => {
    await store.commits.insertOne({
      _id: 'old-1:1',
      streamId: 'old-1',
      firstVersion: 1,
      lastVersion: 1,
      position: -1,
      pending: false,
      committedAt: new Date(),
      events: [{ ...(await store.append('tmp-1', [count(7)], { ...meta(), expectedVersion: 0 })).events[0]!, schemaVersion: 1, data: { by: 7 }, streamVersion: 1 }],
    });
    const [event] = await store.readStream('old-1');
    expect(event).toMatchObject({ schemaVersion: 2, data: { by: 7, note: 'upcast from v1' } });
  });

  it('reads events stored under a former name as the renamed type, and refuses to append under it', async () => {
    const template = (await store.append('tmp-2', [count(3)], { ...meta(), expectedVersion: 0 })).events[0]!;
    await store.commits.insertOne({
      _id: 'renamed-1:1',
      streamId: 'renamed-1',
      firstVersion: 1,
      lastVersion: 1,
      position: -2,
      pending: false,
      committedAt: new Date(),
      events: [{ ...template, type: 'test.tallied', schemaVersion: 1, data: { by: 3 }, streamVersion: 1 }],
    });
    const [event] = await store.readStream('renamed-1');
    expect(event).toMatchObject({ type: 'test.counted', schemaVersion: 2, data: { by: 3, note: 'upcast from v1' } });
    await expect(store.append('renamed-1', [{ type: 'test.tallied', data: { by: 4, note: 'n' } }], { ...meta(), expectedVersion: 1 })).rejects.toThrow(
      /test.tallied was renamed to test.counted/,
    );
    expect(await store.streamVersion('renamed-1')).toBe(1);
  });

  it('reads all events in global order for projections', async () => {
    const start = (await store.readAll(0, 10_000)).at(-1)?.position ?? 0;
    await store.append('all-a', [count(1)], { ...meta(), expectedVersion: 0 });
    await store.append('all-b', [count(2), count(3)], { ...meta(), expectedVersion: 0 });
    await store.append('all-a', [count(4)], { ...meta(), expectedVersion: 1 });
    const events = (await store.readAll(start)).filter((e) => e.streamId.startsWith('all-'));
    expect(events.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['all-a@1', 'all-b@1', 'all-b@2', 'all-a@2']);
    // Events of one commit share its position; commits have distinct ones.
    expect(new Set(events.map((e) => e.position)).size).toBe(3);
  });

  describe('handleCommand', () => {
    type Cmd = { type: 'add'; by: number };
    const adder: Decider<Cmd, NewEvent, number, { error: string }> = {
      initialState: 0,
      decide: (c, total) => (total + c.by > 100 ? { error: 'LimitExceeded' } : [count(c.by)]),
      evolve: (total, e) => total + (e.data.by as number),
    };

    it('retries a lost race against fresh state when no version was pinned', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => handleCommand(store, 'cmd-1', adder, { type: 'add', by: 5 }, { ...meta() })),
      );
      expect(outcomes.every((o) => o.ok)).toBe(true);
      const { state, version } = await store.aggregate('cmd-1', (s: number, e) => s + (e.data.by as number), 0);
      expect([state, version]).toEqual([40, 8]);
    });

    it('returns the domain failure and appends nothing', async () => {
      const outcome = await handleCommand(store, 'cmd-2', adder, { type: 'add', by: 101 }, meta());
      expect(outcome).toEqual({ ok: false, failure: { error: 'LimitExceeded' }, version: 0 });
      expect(await store.streamVersion('cmd-2')).toBe(0);
    });

    it('throws the concurrency error for a pinned version (If-Match) without retrying', async () => {
      await handleCommand(store, 'cmd-3', adder, { type: 'add', by: 1 }, meta());
      await expect(handleCommand(store, 'cmd-3', adder, { type: 'add', by: 1 }, { ...meta(), expectedVersion: 0 })).rejects.toMatchObject({
        currentVersion: 1,
      });
    });

    it('applies a command caused by the same message only once', async () => {
      const first = await handleCommand(store, 'cmd-4', adder, { type: 'add', by: 3 }, meta('msg-1'));
      const again = await handleCommand(store, 'cmd-4', adder, { type: 'add', by: 3 }, meta('msg-1'));
      expect([first.ok && first.duplicate, again.ok && again.duplicate]).toEqual([false, true]);
      expect(await store.streamVersion('cmd-4')).toBe(1);
    });
  });

  it('reads a stream the same by primary-key walk as by indexed query, past several windows and multi-event commits', async () => {
    const prefix = `walk_${Date.now()}`;
    const byId = new MongoEventStore(db, { registry: testRegistry(), prefix, streamReads: 'by-id' });
    const byQuery = new MongoEventStore(db, { registry: testRegistry(), prefix, streamReads: 'query' });
    await byId.ensureIndexes();
    let version = NO_STREAM;
    for (let i = 0; i < 90; i++) {
      const events = Array.from({ length: (i % 7) + 1 === 7 ? 3 : 1 }, (_, k) => count(i * 10 + k));
      version = (await byId.append('walk-1', events, { ...meta(), expectedVersion: version })).nextExpectedVersion;
    }
    await byId.append('walk-10', [count(1)], { ...meta(), expectedVersion: NO_STREAM });
    const walked = await byId.readStream('walk-1');
    expect(walked.map((e) => e.streamVersion)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(walked).toEqual(await byQuery.readStream('walk-1'));
    expect(await byId.readStream('walk-1', 100)).toEqual(await byQuery.readStream('walk-1', 100));
    expect(await byId.streamVersion('walk-1')).toBe(version);
    expect(await byId.readStream('walk-2')).toEqual([]);
    await expect(byId.append('walk-1', [count(0)], { ...meta(), expectedVersion: version - 1 })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('goes on from the streams it read before: sees another process\'s appends, and reads again a stream the store no longer holds as read', async () => {
    const prefix = `cache_${Date.now()}`;
    const reader = new MongoEventStore(db, { registry: testRegistry(), prefix, streamReads: 'by-id' });
    const writer = new MongoEventStore(db, { registry: testRegistry(), prefix, streamReads: 'by-id' });
    await reader.ensureIndexes();
    let version = NO_STREAM;
    for (let i = 0; i < 20; i++) version = (await writer.append('cached-1', [count(i)], { ...meta(), expectedVersion: version })).nextExpectedVersion;
    const first = await reader.readStream('cached-1');
    expect(first.map((e) => e.streamVersion)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    // Another process appends one commit, then several: the reader's next reads see each, in order.
    await writer.append('cached-1', [count(20)], { ...meta(), expectedVersion: version });
    expect((await reader.readStream('cached-1')).map((e) => e.streamVersion)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    version = 21;
    for (let i = 0; i < 5; i++) version = (await writer.append('cached-1', [count(i), count(i)], { ...meta(), expectedVersion: version })).nextExpectedVersion;
    const grown = await reader.readStream('cached-1');
    expect(grown.map((e) => e.streamVersion)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(await reader.streamVersion('cached-1')).toBe(31);
    expect(await reader.readStream('cached-1', 30)).toEqual(grown.slice(29));
    // The reader's own append is read back after a version it knew.
    await reader.append('cached-1', [count(99)], { ...meta(), expectedVersion: 31 });
    expect((await writer.readStream('cached-1')).at(-1)).toMatchObject({ streamVersion: 32, data: { by: 99 } });

    // Readers share the cached events, so they cannot change them.
    const shared = (await reader.readStream('cached-1'))[0]!;
    expect(() => {
      (shared.data as { by: number }).by = 7;
    }).toThrow(TypeError);

    // The commits are gone and the stream is written anew (a restored backup, a dropped database): read from the start.
    await reader.commits.deleteMany({ streamId: 'cached-1' });
    await writer.append('cached-1', [count(500)], { ...meta(), expectedVersion: NO_STREAM });
    expect((await reader.readStream('cached-1')).map((e) => (e.data as { by: number }).by)).toEqual([500]);
    await reader.commits.deleteMany({ streamId: 'cached-1' });
    expect(await reader.readStream('cached-1')).toEqual([]);
  });
});

describe('two writer processes sharing one event store', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    env = await testDatabase();
  });
  afterAll(() => env.close());

  it('never loses an append to a position clash and keeps each stream in position order', async () => {
    const [a, b] = [0, 1].map(() => new MongoEventStore(env.db, { registry: testRegistry() }));
    await a!.ensureIndexes();
    const write = async (store: MongoEventStore, streamId: string) => {
      for (let v = 0; v < 10; v++) await store.append(streamId, [count(v)], { ...meta(), expectedVersion: v });
    };
    await Promise.all(['s1', 's2', 's3', 's4'].flatMap((s) => [write(a!, `${s}-a`), write(b!, `${s}-b`)]));
    const all = await a!.readAll(0, 10_000);
    expect(all).toHaveLength(80);
    expect(new Set(all.map((e) => e.position)).size).toBe(80);
    for (const streamId of new Set(all.map((e) => e.streamId))) {
      expect(all.filter((e) => e.streamId === streamId).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });
});
