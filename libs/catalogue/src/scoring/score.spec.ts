import { allRequirements } from '../lookup';
import { defaultCatalogue } from '../registry';
import { roundScore, score } from './score';
import type { Finding, ScoringInput, Scorecard, SpecialItem } from './scoring-model';

const scorecardOf = (input: ScoringInput): Scorecard => {
  const outcome = score(defaultCatalogue, input);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.scorecard;
};
const problemsOf = (input: ScoringInput) => {
  const outcome = score(defaultCatalogue, input);
  return outcome.ok ? [] : outcome.problems;
};
const nc = (requirementId: string, id = `nc-${requirementId}`): Finding => ({ id, requirementId, description: 'not met', recordedBy: 'evaluator-1' });
const sampled = (requirementId: string, checked: number, failed: number, id = `s-${requirementId}`): Finding => ({
  ...nc(requirementId, id),
  sample: { checked, failed },
});
const items = (n: number, prefix: string): SpecialItem[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, description: 'x', recordedBy: 'evaluator-1' }));
const requirementScore = (card: Scorecard, id: string) =>
  card.categories.flatMap((c) => c.indicators.flatMap((i) => i.requirements)).find((r) => r.id === id);

// Qualitative nonconformities on requirements whose points add up to exactly `points` (the 1-point ones fill the rest).
const losing = (points: number): Finding[] => {
  let left = points;
  const scored = allRequirements(defaultCatalogue).map((l) => l.requirement).filter((r) => r.scored);
  const chosen = [...scored].sort((a, b) => b.points - a.points).filter((r) => (r.points <= left ? ((left -= r.points), true) : false));
  if (left !== 0) throw new Error(`cannot lose exactly ${points}`);
  return chosen.map((r) => nc(r.id));
};

describe('score (clause 6.2)', () => {
  it('gives 100 and five stars when nothing is found', () => {
    expect(scorecardOf({ findings: [] })).toMatchObject({ available: 100, obtained: 100, lost: 0, score: 100, passed: true, level: 'five-star', failReasons: [] });
  });

  it('takes all the points of a requirement with a qualitative nonconformity, and says who found it', () => {
    const card = scorecardOf({ findings: [nc('5.1.2.2')] });
    expect(card.score).toBe(95);
    expect(requirementScore(card, '5.1.2.2')).toMatchObject({
      available: 5,
      obtained: 0,
      lost: 5,
      findings: [{ findingId: 'nc-5.1.2.2', recordedBy: 'evaluator-1', sample: null, lost: 5 }],
    });
    expect(card.categories[0]).toMatchObject({ id: '5.1', available: 40, obtained: 35, lost: 5 });
    expect(card.categories[0]?.indicators[1]).toMatchObject({ id: '5.1.2', available: 10, obtained: 5, lost: 5 });
  });

  it('shares the loss equally between qualitative findings and ignores samples once all points are lost', () => {
    const card = scorecardOf({ findings: [nc('5.3.2.3', 'a'), sampled('5.3.2.3', 5, 5, 'b'), nc('5.3.2.3', 'c')] });
    expect(requirementScore(card, '5.3.2.3')?.findings.map((f) => [f.findingId, f.lost])).toEqual([['a', 2], ['b', 0], ['c', 2]]);
    expect(card.lost).toBe(4);
  });

  it('takes points in proportion to failed samples, pooling the samples of one requirement', () => {
    expect(scorecardOf({ findings: [sampled('5.1.2.1', 10, 3)] }).score).toBe(98.5);
    const card = scorecardOf({ findings: [sampled('5.3.2.3', 5, 1, 'a'), sampled('5.3.2.3', 5, 3, 'b')] });
    const complaints = requirementScore(card, '5.3.2.3');
    expect(complaints?.lost).toBeCloseTo(1.6); // 4 points * 4 failed / 10 checked
    expect(complaints?.findings.map((f) => f.lost)).toEqual([expect.closeTo(0.4), expect.closeTo(1.2)]);
    expect(card.score).toBe(98.4);
  });

  it('rescales to the applicable points when an indicator is excluded', () => {
    const card = scorecardOf({
      findings: [nc('5.2.4.1')],
      exclusions: [{ id: '5.2.6', reason: 'services only, no physical products', recordedBy: 'lead-1' }],
    });
    expect(card).toMatchObject({ available: 96, obtained: 93, lost: 3 });
    expect(card.baseScore).toBeCloseTo(96.875);
    expect(card.score).toBe(96.9);
    const recovery = card.categories[1]?.indicators[5];
    expect(recovery).toMatchObject({ id: '5.2.6', available: 0, exclusion: { recordedBy: 'lead-1' } });
    expect(recovery?.requirements.every((r) => r.exclusion?.id === '5.2.6')).toBe(true);
  });

  it.each([
    [5, 95, 'five-star'],
    [6, 94, 'four-star'],
    [10, 90, 'four-star'],
    [11, 89, 'three-star'],
    [20, 80, 'three-star'],
    [21, 79, 'compliant'],
    [30, 70, 'compliant'],
  ])('losing %i points gives %i, %s', (lost, expected, level) => {
    expect(scorecardOf({ findings: losing(lost) })).toMatchObject({ score: expected, passed: true, level });
  });

  it('fails below 70', () => {
    expect(scorecardOf({ findings: losing(31) })).toMatchObject({ score: 69, passed: false, level: null, failReasons: ['score 69.0 is below the pass mark of 70'] });
  });

  it('takes 1 point per special deduction and fails at 5 of them whatever the score', () => {
    expect(scorecardOf({ findings: [], specialDeductions: items(4, 'd') })).toMatchObject({ score: 96, passed: true, level: 'five-star' });
    expect(scorecardOf({ findings: [], specialDeductions: items(5, 'd') })).toMatchObject({
      score: 95,
      passed: false,
      level: null,
      failReasons: ['5 special deduction items: 5 or more fail the evaluation'],
    });
  });

  it('adds at most one bonus point and never goes above 100', () => {
    expect(scorecardOf({ findings: losing(11), specialBonuses: items(1, 'b') })).toMatchObject({ score: 90, level: 'four-star' });
    expect(scorecardOf({ findings: [], specialBonuses: items(1, 'b') }).score).toBe(100);
    expect(problemsOf({ findings: [], specialBonuses: items(2, 'b') })).toEqual(['2 special bonus items given; at most 1 may be awarded']);
  });

  it('rounds to one decimal, half up, before reading the level', () => {
    expect([roundScore(69.95), roundScore(69.94), roundScore(84.25), roundScore(98.33333)]).toEqual([70, 69.9, 84.3, 98.3]);
    expect(scorecardOf({ findings: [sampled('5.1.2.1', 3, 1)] }).score).toBe(98.3);
  });

  it('refuses findings it cannot score, naming each problem', () => {
    expect(
      problemsOf({
        findings: [nc('9.9.9'), sampled('5.1.2.2', 4, 1), sampled('5.1.2.1', 4, 5), nc('5.1.1.3'), nc('5.2.6.1'), nc('5.1.5.1', 'dup'), nc('5.1.5.3', 'dup')],
        exclusions: [{ id: '5.2.6', reason: 'no products', recordedBy: 'lead-1' }, { id: '5.9', reason: 'x', recordedBy: 'lead-1' }],
      }),
    ).toEqual([
      'exclusion 5.9 is not an indicator or requirement of catalogue gbt27922-2011.v1',
      'finding nc-9.9.9 refers to 9.9.9, which is not a requirement of catalogue gbt27922-2011.v1',
      'finding s-5.1.2.2 has sample counts but requirement 5.1.2.2 is not sampled',
      'finding s-5.1.2.1: failed must be a whole number from 0 to checked (4), not 5',
      'finding nc-5.1.1.3: requirement 5.1.1.3 carries no points; record it against a scored requirement',
      'finding nc-5.2.6.1: requirement 5.2.6.1 is excluded, so it cannot have a finding',
      'finding id dup is used more than once',
    ]);
  });

  it('refuses to score when everything is excluded', () => {
    const exclusions = defaultCatalogue.categories.flatMap((c) => c.indicators).map((i) => ({ id: i.id, reason: 'n/a', recordedBy: 'lead-1' }));
    expect(problemsOf({ findings: [], exclusions })).toEqual(['every scored requirement is excluded: there is nothing to score']);
  });
});
