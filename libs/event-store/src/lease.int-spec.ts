import { testDatabase } from '@gbt/testing';
import { Lease } from './lease';

describe('Lease on the real database', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    env = await testDatabase();
  });
  afterAll(() => env.close());

  it('grants a free lease to exactly one of many contenders', async () => {
    for (let round = 0; round < 5; round++) {
      const contenders = Array.from({ length: 12 }, (_, i) => new Lease(env.db, `race-${round}`, `owner-${i}`, 60_000));
      const won = await Promise.all(contenders.map((l) => l.acquire()));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });

  it('lets the holder renew, keeps others out until it runs out or is released', async () => {
    const t0 = new Date('2027-01-01T00:00:00Z');
    const later = (ms: number) => new Date(t0.getTime() + ms);
    const a = new Lease(env.db, 'relay', 'a', 1_000);
    const b = new Lease(env.db, 'relay', 'b', 1_000);
    expect(await a.acquire(t0)).toBe(true);
    expect(await b.acquire(later(500))).toBe(false);
    expect(await a.acquire(later(900))).toBe(true);
    expect(await b.acquire(later(1_500))).toBe(false);
    expect(await b.acquire(later(2_000))).toBe(true);
    expect(await a.acquire(later(2_100))).toBe(false);
    await b.release(later(2_200));
    expect(await a.acquire(later(2_300))).toBe(true);
  });

  it('keeps only the last 50 terms: older ones are deleted by primary key as new ones are taken (retention)', async () => {
    const lease = new Lease(env.db, 'kept-terms', 'a', 60_000);
    for (let i = 0; i < 60; i++) expect(await lease.acquire()).toBe(true);
    const terms = env.db.collection<{ _id: string }>('lease_terms');
    const exists = async (term: number) => (await terms.findOne({ _id: `kept-terms#${term}` })) !== null;
    expect(await Promise.all([1, 10].map(exists))).toEqual([false, false]);
    expect(await Promise.all([11, 60].map(exists))).toEqual([true, true]);
    // A new instance still finds the latest term (from the hint) and renews above it.
    const again = new Lease(env.db, 'kept-terms', 'a', 60_000);
    expect(await again.acquire()).toBe(true);
    expect(await Promise.all([11, 61].map(exists))).toEqual([false, true]);
  });
});
