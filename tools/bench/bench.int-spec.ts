import { ALL_SERVICES } from '../e2e/stack';
import { BenchContext } from './context';
import { ratioOf, type BenchResult } from './report';
import { BENCHMARKS, runSuite } from './suite';

/**
 * The short form of the benchmark suite: every benchmark with tiny sizes, so the suite keeps
 * working. No timing is asserted (this machine is shared); only that each produced finite,
 * positive figures and that the correctness counts hold.
 */
describe('benchmark suite, short form', () => {
  const results = new Map<string, BenchResult>();
  let failures: { id: string; error: string }[] = [];

  // The aging benchmark alone starts servers of its own and restarts a whole stack: 5 minutes on a busy machine.
  beforeAll(async () => {
    const ctx = new BenchContext('short', () => undefined);
    try {
      const run = await runSuite(ctx, undefined);
      for (const r of run.results) results.set(r.id, r);
      failures = run.failures;
    } finally {
      await ctx.close();
    }
  }, 900_000);

  it('runs every benchmark', () => {
    expect(failures).toEqual([]);
    expect([...results.keys()].sort()).toEqual(BENCHMARKS.map((b) => b.id).sort());
  });

  it('produces finite positive figures, baselines and ratios', () => {
    for (const r of results.values()) {
      for (const f of r.figures) {
        // emmett-mongodb is a third party: its failure is reported in the figure's note, not here.
        if (f.note?.startsWith('emmett failed')) continue;
        expect({ figure: `${r.id}: ${f.label}`, finite: Number.isFinite(f.value) && f.value > 0 }).toEqual({ figure: `${r.id}: ${f.label}`, finite: true });
        if (f.baseline) expect({ baseline: `${r.id}: ${f.label}`, finite: Number.isFinite(ratioOf(f)) && ratioOf(f)! > 0 }).toEqual({ baseline: `${r.id}: ${f.label}`, finite: true });
      }
    }
  });

  it('keeps the correctness counts', () => {
    const checks = (id: string) => results.get(id)!.checks;
    expect(checks('append')).toMatchObject({ oursWinnersPerRace: 1, oursBadRaces: 0 });
    expect(checks('relay').relayed).toBe(checks('relay').eventsToRelay);
    expect(checks('relay').pendingLeftAfterRelay).toBe(0);
    expect(checks('consumer')).toMatchObject({ handledOurs: checks('consumer').eventsPublished, handledRaw: checks('consumer').eventsPublished, duplicatesOurs: 0 });
    expect(checks('rebuild')).toMatchObject({ rebuiltEvents: checks('rebuild').eventsInLog, rebuiltRows: checks('rebuild').streams });
    expect(checks('claims')).toMatchObject({ doubleClaimsOurs: 0, unclaimedOurs: 0, doubleClaimsRaw: 0, unclaimedRaw: 0 });
    expect(checks('scans').published).toBe(checks('scans').appendedToFind);
    expect(checks('pipeline').certifications).toBeGreaterThanOrEqual(1);
    expect(checks('pipeline').eventsSeenOnKafka).toBeGreaterThan(0);
    expect(checks('pipeline').handledRecords).toBeGreaterThan(0);
    // Aging: the store grew, every request answered 200 at both sizes, the CPU of the services and servers was read, the recovery backlog all reached Kafka.
    const aging = checks('aging');
    expect(aging['commits added to applications']).toBeGreaterThan(0);
    expect(aging['processes watched at grown']).toBe(ALL_SERVICES.length + 3); // and FerretDB, Kafka, Redis
    expect(aging).toMatchObject({ 'recovery backlog missing on Kafka at demo': 0, 'recovery backlog missing on Kafka at grown': 0 });
    expect(Object.entries(aging).filter(([k, v]) => k.startsWith('failed: ') && v !== 0)).toEqual([]);
  });
});
