import { AUDIT_KINDS, stageOf } from '../audit-kinds';
import { OUTLET_RISKS, sampleOutlets, type SamplingOutlet } from './sample-outlets';
import { IAF_MD1_SAMPLING } from './sample-size';
import { SeededRandom } from './seeded-random';

/**
 * Properties of the sampling rule over many outlet counts, flags, histories and seeds. The cases
 * themselves come from a seeded lot, so every run checks the same ones.
 */
const cases = new SeededRandom('property cases');
const pick = <T>(items: readonly T[]): T => items[cases.below(items.length)] as T;

function someOutlets(n: number): SamplingOutlet[] {
  return Array.from({ length: n }, (_, i) => ({ id: `o${i}`, ...(cases.below(5) === 0 ? { risks: [pick(OUTLET_RISKS)] } : {}) }));
}

describe('sampling properties over n = 0..120 and 3 000 seeds', () => {
  it('samples the rule\'s number of distinct listed outlets, a quarter or more by lot first, and the rest by priority', () => {
    const broken: unknown[] = [];
    for (let run = 0; run < 3_000; run++) {
      const n = run % 121;
      const kind = pick(AUDIT_KINDS);
      const outlets = someOutlets(n);
      const ids = outlets.map((o) => o.id);
      const previousSamples = Array.from({ length: cases.below(3) }, () => ids.filter(() => cases.below(3) === 0));
      const seed = `seed-${run}`;
      const result = sampleOutlets({ kind, outlets, previousSamples, seed });
      const factor = IAF_MD1_SAMPLING.factorPercent[stageOf(kind)] / 100;
      const expectedSize = n === 0 ? 0 : Math.max(1, Math.ceil(factor * Math.sqrt(n) - 1e-9));
      const picked = result.outlets.map((o) => o.id);
      const randomPicks = result.outlets.filter((o) => o.reason === 'random');
      // No outlet left out may rank above one the rules picked: risk first, then never visited, then visited longest ago.
      const lastVisit = (id: string) => previousSamples.reduce((last, sample, i) => (sample.includes(id) ? i : last), -1);
      const rank = (id: string) => [outlets.find((o) => o.id === id)?.risks ? 0 : 1, lastVisit(id)] as const;
      const before = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
      const ruled = result.outlets.filter((o) => o.reason !== 'random').map((o) => rank(o.id));
      const leftOut = ids.filter((id) => !picked.includes(id)).map(rank);
      // Flagged outlets not drawn by lot are all visited, within the rule's picks or beyond them.
      const flaggedNotDrawn = outlets.filter((o) => o.risks && !randomPicks.some((r) => r.id === o.id)).length;
      const holds =
        result.ruleSize === expectedSize &&
        picked.length === Math.max(expectedSize, result.randomCount + flaggedNotDrawn) &&
        outlets.every((o) => !o.risks || picked.includes(o.id)) &&
        new Set(picked).size === picked.length &&
        picked.every((id) => ids.includes(id)) &&
        randomPicks.length === result.randomCount &&
        result.randomCount * 4 >= expectedSize &&
        result.outlets.slice(0, result.randomCount).every((o) => o.reason === 'random') &&
        leftOut.every((out) => ruled.every((chosen) => !before(out, chosen))) &&
        JSON.stringify(sampleOutlets({ kind, outlets: [...outlets].reverse(), previousSamples, seed })) === JSON.stringify(result);
      if (!holds) broken.push({ n, kind, seed, result });
    }
    expect(broken).toEqual([]);
  });

  it('gives every outlet the same chance in the random part (25 outlets, initial: 2 by lot, 4 000 seeds)', () => {
    const outlets = Array.from({ length: 25 }, (_, i) => ({ id: `o${i}` }));
    const drawn = new Map<string, number>();
    for (let run = 0; run < 4_000; run++) {
      for (const o of sampleOutlets({ kind: 'initial', outlets, seed: `uniform-${run}` }).outlets) {
        if (o.reason === 'random') drawn.set(o.id, (drawn.get(o.id) ?? 0) + 1);
      }
    }
    // 8 000 draws over 25 outlets: 320 each expected; a fair lot stays well within 320 ± 80 for every one.
    expect(drawn.size).toBe(25);
    for (const count of drawn.values()) expect(Math.abs(count - 320)).toBeLessThan(80);
  });
});
