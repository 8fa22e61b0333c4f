import fc from 'fast-check';
import { allRequirements } from '../lookup';
import { defaultCatalogue } from '../registry';
import { score } from './score';
import type { Finding, Points, ScoringInput, Scorecard } from './scoring-model';

const scored = allRequirements(defaultCatalogue).filter((l) => l.requirement.scored);
const indicatorIds = defaultCatalogue.categories.flatMap((c) => c.indicators.map((i) => i.id));

const findingFor = (index: number) => {
  const { requirement } = scored[index % scored.length]!;
  const qualitative = fc.constant(undefined);
  const sample = fc.integer({ min: 1, max: 20 }).chain((checked) => fc.record({ checked: fc.constant(checked), failed: fc.integer({ min: 0, max: checked }) }));
  return (requirement.sampled ? fc.oneof(qualitative, sample) : qualitative).map((s) => ({ requirementId: requirement.id, sample: s }));
};

// Valid input only: findings never touch excluded indicators, and at least one indicator stays.
const inputs: fc.Arbitrary<ScoringInput> = fc
  .record({
    excluded: fc.subarray(indicatorIds, { maxLength: indicatorIds.length - 1 }),
    raw: fc.array(fc.nat().chain(findingFor), { maxLength: 25 }),
    deductions: fc.nat({ max: 7 }),
    bonuses: fc.nat({ max: 1 }),
  })
  .map(({ excluded, raw, deductions, bonuses }) => ({
    exclusions: excluded.map((id) => ({ id, reason: 'not applicable', recordedBy: 'lead' })),
    findings: raw
      .filter((f) => !excluded.some((id) => f.requirementId.startsWith(`${id}.`)))
      .map((f, i): Finding => ({ id: `f${i}`, requirementId: f.requirementId, description: 'x', recordedBy: 'ev', ...(f.sample ? { sample: f.sample } : {}) })),
    specialDeductions: Array.from({ length: deductions }, (_, i) => ({ id: `d${i}`, description: 'x', recordedBy: 'ev' })),
    specialBonuses: Array.from({ length: bonuses }, (_, i) => ({ id: `b${i}`, description: 'x', recordedBy: 'ev' })),
  }));

const scorecardOf = (input: ScoringInput): Scorecard => {
  const outcome = score(defaultCatalogue, input);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.scorecard;
};
const balanced = (p: Points) => Math.abs(p.obtained + p.lost - p.available) < 1e-9 && p.lost >= -1e-9 && p.obtained >= -1e-9;

describe('score properties', () => {
  it('keeps the score within 0-100 with one decimal, and every level of the explanation balanced', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const card = scorecardOf(input);
        const indicators = card.categories.flatMap((c) => c.indicators);
        const requirements = indicators.flatMap((i) => i.requirements);
        expect(card.score).toBeGreaterThanOrEqual(0);
        expect(card.score).toBeLessThanOrEqual(100);
        expect(Math.round(card.score * 10) / 10).toBe(card.score);
        expect([card, ...card.categories, ...indicators, ...requirements].every(balanced)).toBe(true);
        expect(card.baseScore).toBeCloseTo((100 * card.obtained) / card.available, 9);
        for (const r of requirements) expect(r.findings.reduce((sum, f) => sum + f.lost, 0)).toBeCloseTo(r.lost, 9);
      }),
    );
  });

  it('passes exactly when the score reaches 70 with fewer than 5 special deductions', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const card = scorecardOf(input);
        const deductions = input.specialDeductions?.length ?? 0;
        expect(card.passed).toBe(card.score >= 70 && deductions < 5);
        expect(card.level === null).toBe(!card.passed);
      }),
    );
  });

  it('never raises the score when a nonconformity is added', () => {
    fc.assert(
      fc.property(inputs, fc.nat(), (input, pick) => {
        const excluded = new Set((input.exclusions ?? []).map((e) => e.id));
        const open = scored.filter((l) => !excluded.has(l.indicator.id));
        const target = open[pick % open.length]!.requirement.id;
        const worse = { ...input, findings: [...input.findings, { id: 'extra', requirementId: target, description: 'x', recordedBy: 'ev' }] };
        expect(scorecardOf(worse).score).toBeLessThanOrEqual(scorecardOf(input).score);
      }),
    );
  });

  it('leaves the score unchanged when an indicator without any loss is excluded', () => {
    fc.assert(
      fc.property(inputs, fc.nat(), (input, pick) => {
        const card = scorecardOf(input);
        // Flawless: applicable and nothing recorded against it (a finding on an excluded indicator is invalid input).
        const flawless = card.categories.flatMap((c) => c.indicators).filter((i) => !i.exclusion && i.available > 0 && i.requirements.every((r) => r.findings.length === 0));
        fc.pre(flawless.length > 0 && card.categories.flatMap((c) => c.indicators).filter((i) => !i.exclusion).length > 1);
        const target = flawless[pick % flawless.length]!.id;
        const excluded = scorecardOf({ ...input, exclusions: [...(input.exclusions ?? []), { id: target, reason: 'not applicable', recordedBy: 'lead' }] });
        // Both are obtained/available rescaled to 100; excluding a flawless indicator removes equal parts of both.
        if (card.obtained === card.available) expect(excluded.score).toBe(card.score);
        else expect(excluded.baseScore).toBeLessThanOrEqual(card.baseScore + 1e-9);
      }),
    );
  });

  it('gives a level that never falls as the score rises', () => {
    const rank = (level: string | null) => (level === null ? -1 : ['compliant', 'three-star', 'four-star', 'five-star'].indexOf(level));
    fc.assert(
      fc.property(inputs, inputs, (a, b) => {
        const [x, y] = [scorecardOf(a), scorecardOf(b)];
        fc.pre((a.specialDeductions?.length ?? 0) < 5 && (b.specialDeductions?.length ?? 0) < 5);
        if (x.score <= y.score) expect(rank(x.level)).toBeLessThanOrEqual(rank(y.level));
        else expect(rank(x.level)).toBeGreaterThanOrEqual(rank(y.level));
      }),
    );
  });
});
