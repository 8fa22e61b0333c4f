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
});
