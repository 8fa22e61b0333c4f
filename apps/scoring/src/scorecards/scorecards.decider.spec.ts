import { specFor } from '@gbt/decider';
import { defaultCatalogue } from '@gbt/catalogue';
import { scorecardsDecider, type ScorecardsEvent } from './scorecards.decider';
import { compareScorecards } from './compare';

const spec = specFor(scorecardsDecider);
const finding = { id: 'f-1', requirementId: '5.1.2.2', description: 'no manager', recordedBy: 'rita' };
const issue = { type: 'issue' as const, caseId: 'case-1', scorecardId: 'sc-1', catalogue: defaultCatalogue, input: { findings: [finding] }, openNonconformitiesWaived: false, reviewResultsEventId: 'ev-1' };

describe('scorecards decider', () => {
  const issued = spec([]).when(issue).outcome as ScorecardsEvent[];

  it('issues a scorecard computed from the findings, pinned to the catalogue version', () => {
    expect(issued).toEqual([{ type: 'scoring.scorecard-issued', data: expect.objectContaining({ caseId: 'case-1', scorecardId: 'sc-1', score: 95, level: 'five-star', passed: true, catalogueVersion: 'gbt27922-2011.v1', specialDeductions: 0 }) }]);
  });

  it('refuses findings it cannot score, and corrections or re-scorings with nothing to revise', () => {
    expect(spec([]).when({ ...issue, input: { findings: [{ ...finding, requirementId: '9.9' }] } }).outcome).toMatchObject({ error: 'InvalidScoringInput' });
    expect(spec([]).when({ type: 'rescore', caseId: 'case-1', scorecardId: 'sc-2', catalogue: defaultCatalogue, reason: 'x' }).outcome).toMatchObject({ error: 'NothingToRescore' });
    expect(spec(issued).when({ type: 'correct', caseId: 'case-1', scorecardId: 'sc-2', catalogue: defaultCatalogue, previousScorecardId: 'sc-0', input: { findings: [] }, reason: 'x' }).outcome).toMatchObject({ error: 'UnknownScorecard' });
  });

  it('corrects into a new scorecard that becomes current, keeping the original', () => {
    const corrected = spec(issued).when({ type: 'correct', caseId: 'case-1', scorecardId: 'sc-2', catalogue: defaultCatalogue, previousScorecardId: 'sc-1', input: { findings: [] }, reason: 'finding withdrawn' });
    const events = corrected.outcome as ScorecardsEvent[];
    const state = events.reduce(scorecardsDecider.evolve, corrected.state);
    expect(state.current).toBe('sc-2');
    expect(state.records.map((r) => [r.scorecardId, r.kind, r.scorecard.score])).toEqual([
      ['sc-1', 'issued', 95],
      ['sc-2', 'corrected', 100],
    ]);
    expect(compareScorecards(state.records[0]!.scorecard, state.records[1]!.scorecard)).toMatchObject({
      score: { from: 95, to: 100, delta: 5 },
      requirements: [{ id: '5.1.2.2', from: { available: 5, obtained: 0 }, to: { available: 5, obtained: 5 } }],
    });
  });
});
