import { AUDIT_KINDS } from '../audit-kinds';
import { redrawSample, sampleOutlets, type OutletSample } from './sample-outlets';

/** A 25-outlet company through its whole programme, each audit's sample stored as JSON and redrawn from it. */
describe('sampling over a three-year programme of 25 outlets', () => {
  const outlets = Array.from({ length: 25 }, (_, i) => ({ id: `store-${String(i + 1).padStart(2, '0')}` }));
  const recorded: OutletSample[] = [];
  for (const [i, kind] of AUDIT_KINDS.entries()) {
    const sample = sampleOutlets({ kind, outlets, previousSamples: recorded.map((r) => r.outlets.map((o) => o.id)), seed: `audit-${i}-c0ffee` });
    recorded.push(JSON.parse(JSON.stringify(sample)) as OutletSample);
  }

  it('visits 5, 3, 3 and 4 outlets, a quarter or more of each by lot', () => {
    expect(recorded.map((r) => [r.kind, r.outlets.length, r.randomCount])).toEqual([
      ['initial', 5, 2],
      ['surveillance-1', 3, 1],
      ['surveillance-2', 3, 1],
      ['recertification', 4, 1],
    ]);
  });

  it('chooses, beyond the lot, only outlets no earlier audit visited while there are such outlets', () => {
    const visited = new Set<string>();
    for (const sample of recorded) {
      for (const o of sample.outlets.filter((o) => o.reason !== 'random')) expect({ id: o.id, before: visited.has(o.id), reason: o.reason }).toEqual({ id: o.id, before: false, reason: 'not-sampled-before' });
      sample.outlets.forEach((o) => visited.add(o.id));
    }
  });

  it('redraws every recorded sample exactly from the outlets, the earlier samples and the recorded seed', () => {
    recorded.forEach((sample, i) => {
      const earlier = recorded.slice(0, i).map((r) => r.outlets.map((o) => o.id));
      expect(redrawSample(sample, [...outlets].reverse(), earlier)).toEqual(sample);
    });
  });

  it('draws differently when the seed, the earlier samples or the outlets differ', () => {
    const surveillance = recorded[1]!;
    const earlier = [recorded[0]!.outlets.map((o) => o.id)];
    expect(redrawSample({ ...surveillance, seed: 'another' }, outlets, earlier).outlets).not.toEqual(surveillance.outlets);
    expect(redrawSample(surveillance, outlets, []).outlets).not.toEqual(surveillance.outlets);
    expect(redrawSample(surveillance, outlets.slice(1), earlier)).not.toEqual(surveillance);
  });
});
