import { testDatabase, uniqueName } from '@gbt/testing';
import { MongoInbox } from './inbox';

/**
 * Retention of the inbox (ADR 0022): records live in one collection per time bucket; a check reads
 * the current and the previous bucket, and older buckets are dropped whole, including ones left
 * behind by a process that was down for many turns. A record stays found for at least one bucket.
 */
describe('inbox buckets are dropped once out of the deduplication window', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;

  beforeAll(async () => {
    env = await testDatabase();
  });
  afterAll(() => env.close());

  const BUCKET_MS = 1_000;
  const bucketsOf = async (name: string) =>
    (await env.db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((n) => n.startsWith(`${name}_`))
      .map((n) => Number(n.slice(name.length + 1)))
      .sort((a, b) => a - b);

  it('keeps a record through the next bucket, then drops its bucket; a new process drops every stale bucket', async () => {
    const name = uniqueName('inbox').replace(/-/g, '_');
    let clock = 10 * BUCKET_MS;
    const inbox = new MongoInbox(env.db, name, { bucketMs: BUCKET_MS, now: () => clock });
    await inbox.recordAll('c', [{ eventId: 'e10', processedAt: new Date() }]);

    clock = 11 * BUCKET_MS; // the next bucket: the record is still found
    expect(await inbox.seenAmong('c', ['e10', 'other'])).toEqual(new Set(['e10']));
    await inbox.recordAll('c', [{ eventId: 'e11', processedAt: new Date() }]);
    expect(await bucketsOf(name)).toEqual([10, 11]);

    clock = 12 * BUCKET_MS; // two turns on: bucket 10 is dropped, 11 still read
    expect(await inbox.seenAmong('c', ['e10', 'e11'])).toEqual(new Set(['e11']));
    expect(await bucketsOf(name)).toEqual([11]);

    // A process that starts long after (far more than the few buckets a running one looks back)
    // drops every bucket older than the previous one, found by name in the catalogue.
    clock = 40 * BUCKET_MS;
    await new MongoInbox(env.db, name, { bucketMs: BUCKET_MS, now: () => clock }).recordAll('c', [{ eventId: 'e40', processedAt: new Date() }]);
    expect(await bucketsOf(name)).toEqual([40]);
  });
});
