import { createHash } from 'node:crypto';
import { InputProblems } from '../problem';
import { sampleOutlets, type SamplingInput, type SamplingOutlet } from './sample-outlets';
import { randomShare, sampleSize } from './sample-size';
import { SeededRandom } from './seeded-random';

const outlets = (n: number, prefix = 'outlet-'): SamplingOutlet[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i + 1).padStart(3, '0')}` }));
const sample = (input: Partial<SamplingInput>) => sampleOutlets({ kind: 'initial', outlets: outlets(25), seed: 'seed-1', ...input });
const idsOf = (result: { outlets: readonly { id: string }[] }) => result.outlets.map((o) => o.id);

describe('sample size (IAF MD1: ceil(√n), ceil(0.6√n), ceil(0.8√n), at least one)', () => {
  it.each([
    [0, 0, 0, 0],
    [1, 1, 1, 1],
    [2, 2, 1, 2],
    [4, 2, 2, 2],
    [9, 3, 2, 3],
    [25, 5, 3, 4],
    [26, 6, 4, 5],
    [100, 10, 6, 8],
    [2_000, 45, 27, 36],
  ])('n = %i: initial %i, surveillance %i, recertification %i', (n, initial, surveillance, recertification) => {
    expect([sampleSize(n, 100), sampleSize(n, 60), sampleSize(n, 80)]).toEqual([initial, surveillance, recertification]);
  });

  it('is exact where floating point is not (0.6 × √25 is 3, 0.6 × √(25·k²) is 3k)', () => {
    for (let k = 1; k <= 60; k++) expect(sampleSize(25 * k * k, 60)).toBe(3 * k);
  });

  it('chooses at least a quarter at random, rounded up: sizes 1-8 give 1, 1, 1, 1, 2, 2, 2, 2', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((size) => randomShare(size, 25))).toEqual([0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });
});

describe('the seeded lot', () => {
  it('is SHA-256 of "<seed>#<block>" read as big-endian 32-bit words, so anyone can redraw it', () => {
    const lot = new SeededRandom('abc');
    const block0 = createHash('sha256').update('abc#0').digest();
    const block1 = createHash('sha256').update('abc#1').digest();
    const words = Array.from({ length: 9 }, () => lot.nextUint32());
    expect(words.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, i) => block0.readUInt32BE(4 * i)));
    expect(words[8]).toBe(block1.readUInt32BE(0));
  });

  it('draws every value below a bound about equally often', () => {
    const lot = new SeededRandom('uniform');
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 7_000; i++) counts[lot.below(7)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(850);
    expect(() => lot.below(0)).toThrow(RangeError);
  });
});

describe('sampling outlets', () => {
  it('samples 5 of 25 outlets for the initial audit and 3 for a surveillance, a quarter or more at random', () => {
    const initial = sample({ kind: 'initial' });
    expect(initial).toMatchObject({ population: 25, ruleSize: 5, randomCount: 2, capped: false, requestedSize: null, seed: 'seed-1', duplicates: [] });
    expect(new Set(idsOf(initial)).size).toBe(5);
    expect(initial.outlets.map((o) => o.reason)).toEqual(['random', 'random', 'not-sampled-before', 'not-sampled-before', 'not-sampled-before']);
    const surveillance = sample({ kind: 'surveillance-1', previousSamples: [idsOf(initial)] });
    expect(surveillance).toMatchObject({ ruleSize: 3, randomCount: 1 });
    expect(surveillance.outlets.map((o) => o.reason)).toEqual(['random', 'not-sampled-before', 'not-sampled-before']);
    expect(sample({ kind: 'recertification' }).ruleSize).toBe(4);
  });

  it('is reproduced from the outlets, the previous samples and the recorded seed, whatever the order of the list', () => {
    const previousSamples = [['outlet-003', 'outlet-011'], ['outlet-007']];
    const first = sample({ kind: 'surveillance-2', previousSamples });
    const again = sample({ kind: 'surveillance-2', previousSamples, outlets: [...outlets(25)].reverse() });
    expect(again).toEqual(first);
    expect(idsOf(sample({ kind: 'surveillance-2', previousSamples, seed: 'seed-2' }))).not.toEqual(idsOf(first));
  });

  it('handles no outlets (nothing to visit) and one outlet (always visited, by lot)', () => {
    expect(sample({ outlets: [] })).toMatchObject({ population: 0, ruleSize: 0, randomCount: 0, outlets: [] });
    for (const kind of ['initial', 'surveillance-1', 'recertification'] as const) {
      expect(sample({ kind, outlets: outlets(1) }).outlets).toEqual([{ id: 'outlet-001', reason: 'random' }]);
    }
  });

  it('samples both of 2 outlets initially and one at surveillance; 2 of 4 every time', () => {
    expect(idsOf(sample({ outlets: outlets(2) })).sort()).toEqual(['outlet-001', 'outlet-002']);
    expect(sample({ kind: 'surveillance-1', outlets: outlets(2) }).outlets).toHaveLength(1);
    for (const kind of ['initial', 'surveillance-1', 'surveillance-2', 'recertification'] as const) {
      expect(sample({ kind, outlets: outlets(4) })).toMatchObject({ ruleSize: 2, randomCount: 1 });
    }
  });

  it('counts an outlet listed twice once and says so', () => {
    const listed = [...outlets(4), { id: 'outlet-002' }, { id: 'outlet-004', risks: ['complaints' as const] }, { id: 'outlet-002' }];
    const result = sample({ outlets: listed });
    expect(result).toMatchObject({ population: 4, ruleSize: 2, duplicates: ['outlet-002', 'outlet-004'] });
    expect(new Set(idsOf(result)).size).toBe(2);
    // A risk given on any of the entries is the outlet's.
    const riskyPick = result.outlets.find((o) => o.reason !== 'random');
    if (riskyPick) expect(riskyPick).toEqual({ id: 'outlet-004', reason: 'risk' });
    else expect(idsOf(result)).toContain('outlet-004');
  });

  it('visits every outlet, and says it is capped, when more are requested than exist', () => {
    const result = sample({ outlets: outlets(3), requestedSize: 10 });
    expect(result).toMatchObject({ population: 3, ruleSize: 2, requestedSize: 10, capped: true, randomCount: 1 });
    expect(idsOf(result).sort()).toEqual(['outlet-001', 'outlet-002', 'outlet-003']);
    expect(sample({ outlets: [], requestedSize: 2 })).toMatchObject({ capped: true, outlets: [] });
  });

  it('takes a larger requested sample, never a smaller one, with a quarter of it at random', () => {
    expect(sample({ requestedSize: 8 })).toMatchObject({ ruleSize: 5, randomCount: 2, capped: false });
    expect(sample({ requestedSize: 8 }).outlets).toHaveLength(8);
    expect(() => sample({ requestedSize: 4 })).toThrow(InputProblems);
    try {
      sample({ requestedSize: 4.5, seed: ' ', outlets: [...outlets(25), { id: '' }] });
    } catch (e) {
      expect((e as InputProblems).problems.map((p) => p.code)).toEqual(['sampling.seed-invalid', 'sampling.outlet-id-blank', 'sampling.requested-below-rule']);
    }
    expect.assertions(4);
  });

  it('picks outlets with a risk flag first, then those never visited, then those visited longest ago', () => {
    const list = outlets(16).map((o) => (o.id === 'outlet-016' ? { ...o, risks: ['previous-nonconformity' as const] } : o));
    const everyOtherVisited = [list.slice(0, 8).map((o) => o.id), list.slice(8, 15).map((o) => o.id)];
    // 16 outlets, recertification: 4 (1 random); outlet-016 has a risk, 001-008 visited in audit 0, 009-015 in audit 1.
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const result = sample({ kind: 'recertification', outlets: list, previousSamples: everyOtherVisited, seed });
      const ruled = result.outlets.filter((o) => o.reason !== 'random');
      const random = result.outlets.filter((o) => o.reason === 'random').map((o) => o.id);
      expect(ruled[0]).toEqual(random.includes('outlet-016') ? expect.objectContaining({ reason: 'least-recently-sampled' }) : { id: 'outlet-016', reason: 'risk' });
      for (const o of ruled.filter((r) => r.reason === 'least-recently-sampled')) expect(Number(o.id.slice(-3))).toBeLessThanOrEqual(8);
    }
  });

  it('always visits a flagged outlet: within the rule picks when they suffice, the random part untouched', () => {
    const plain = sample({ kind: 'surveillance-1' });
    const drawn = idsOf(plain)[0]!;
    const flaggedId = outlets(25).map((o) => o.id).find((id) => !idsOf(plain).includes(id))!;
    const flagged = sample({ kind: 'surveillance-1', outlets: outlets(25).map((o) => (o.id === flaggedId ? { ...o, risks: ['previous-nonconformity' as const] } : o)) });
    expect(flagged.outlets).toHaveLength(3);
    expect(flagged.outlets[0]).toEqual({ id: drawn, reason: 'random' });
    expect(flagged.outlets[1]).toEqual({ id: flaggedId, reason: 'risk' });
  });

  it('grows the sample when more outlets are flagged than the rule picks, and a flagged outlet drawn by lot counts once', () => {
    const plain = sample({ kind: 'surveillance-1' });
    const drawn = idsOf(plain)[0]!;
    const flaggedIds = ['outlet-001', 'outlet-002', 'outlet-003', 'outlet-004', drawn];
    const list = outlets(25).map((o) => (flaggedIds.includes(o.id) ? { ...o, risks: ['previous-nonconformity' as const] } : o));
    const result = sample({ kind: 'surveillance-1', outlets: list });
    // 3 by the rule, 1 by lot (the same one as without flags), then every other flagged outlet.
    expect(result).toMatchObject({ ruleSize: 3, randomCount: 1 });
    expect(result.outlets[0]).toEqual({ id: drawn, reason: 'random' });
    expect(new Set(idsOf(result))).toEqual(new Set(flaggedIds));
    expect(result.outlets.slice(1).every((o) => o.reason === 'risk')).toBe(true);
    // Every outlet flagged: all are visited.
    expect(sample({ kind: 'surveillance-1', outlets: outlets(6).map((o) => ({ ...o, risks: ['complaints' as const] })) }).outlets).toHaveLength(6);
  });

  it('prefers outlets the previous audit did not visit', () => {
    const previous = [['outlet-001', 'outlet-002']];
    for (const seed of ['x', 'y', 'z']) {
      const result = sample({ kind: 'surveillance-1', outlets: outlets(4), previousSamples: previous, seed });
      const ruled = result.outlets.filter((o) => o.reason !== 'random');
      expect(ruled.every((o) => !previous[0]!.includes(o.id))).toBe(true);
    }
  });
});
