import type { Decider } from '@gbt/decider';
import { score, type Catalogue, type Scorecard, type ScoringInput } from '@gbt/catalogue';

/** One stream per case (`scorecards-<caseId>`): every scorecard ever computed for it, none ever overwritten. */
export interface ScorecardRecord {
  readonly scorecardId: string;
  readonly kind: 'issued' | 'corrected' | 'rescored';
  readonly previousScorecardId: string | null;
  readonly reason: string | null;
  readonly input: ScoringInput;
  readonly scorecard: Scorecard;
  readonly openNonconformitiesWaived: boolean;
}

export interface ScorecardsState {
  readonly caseId: string | null;
  readonly records: readonly ScorecardRecord[];
  /** The scorecard the lifecycle goes by: the last issued or corrected one. */
  readonly current: string | null;
}

type Base = { caseId: string; scorecardId: string; catalogue: Catalogue };
export type ScorecardsCommand =
  | (Base & { type: 'issue'; input: ScoringInput; openNonconformitiesWaived: boolean; reviewResultsEventId: string })
  | (Base & { type: 'correct'; previousScorecardId: string; input: ScoringInput; reason: string })
  | (Base & { type: 'rescore'; reason: string });

/** What every scorecard event carries; the store checks it against the contract's schema on append. */
type Outcome = {
  readonly caseId: string;
  readonly scorecardId: string;
  readonly catalogueVersion: string;
  readonly score: number;
  readonly level: Scorecard['level'];
  readonly passed: boolean;
  readonly scorecard: Scorecard;
};
type Revision = Outcome & { readonly previousScorecardId: string; readonly reason: string };
export type ScorecardsEvent =
  | { readonly type: 'scoring.scorecard-issued'; readonly data: Outcome & { readonly specialDeductions: number; readonly openNonconformitiesWaived: boolean; readonly reviewResultsEventId: string; readonly input: ScoringInput } }
  | { readonly type: 'scoring.scorecard-corrected'; readonly data: Revision & { readonly input: ScoringInput } }
  | { readonly type: 'scoring.case-rescored'; readonly data: Revision };

export interface ScoringRefusal {
  readonly error: 'InvalidScoringInput' | 'UnknownScorecard' | 'NothingToRescore';
  readonly message: string;
}

const outcome = (s: Scorecard) => ({ catalogueVersion: s.catalogueVersion, score: s.score, level: s.level, passed: s.passed, scorecard: s });

export const scorecardsDecider: Decider<ScorecardsCommand, ScorecardsEvent, ScorecardsState, ScoringRefusal> = {
  initialState: { caseId: null, records: [], current: null },

  decide(command, state) {
    /** The scorecard's event data, or the refusal naming every problem of the input. */
    const computed = (input: ScoringInput) => {
      const result = score(command.catalogue, input);
      if (!result.ok) return { refusal: { error: 'InvalidScoringInput', message: result.problems.join('; ') } as ScoringRefusal };
      return { common: { caseId: command.caseId, scorecardId: command.scorecardId, ...outcome(result.scorecard) } };
    };
    if (command.type === 'issue') {
      const { common, refusal } = computed(command.input);
      if (!common) return refusal;
      const { openNonconformitiesWaived, reviewResultsEventId, input } = command;
      return [
        {
          type: 'scoring.scorecard-issued',
          data: { ...common, specialDeductions: common.scorecard.specialDeductions.length, openNonconformitiesWaived, reviewResultsEventId, input },
        },
      ];
    }
    const basisId = command.type === 'correct' ? command.previousScorecardId : state.current;
    const basis = state.records.find((r) => r.scorecardId === basisId);
    if (!basis) {
      return command.type === 'correct'
        ? { error: 'UnknownScorecard', message: `scorecard ${command.previousScorecardId} does not exist for ${command.caseId}` }
        : { error: 'NothingToRescore', message: `case ${command.caseId} has no scorecard yet` };
    }
    const input = command.type === 'correct' ? command.input : basis.input;
    const { common, refusal } = computed(input);
    if (!common) return refusal;
    const revision = { ...common, previousScorecardId: basis.scorecardId, reason: command.reason };
    return command.type === 'correct'
      ? [{ type: 'scoring.scorecard-corrected', data: { ...revision, input } }]
      : [{ type: 'scoring.case-rescored', data: revision }];
  },

  evolve(state, event) {
    const d = event.data;
    const revision = event.type === 'scoring.scorecard-issued' ? null : event.data;
    const previous = state.records.find((r) => r.scorecardId === revision?.previousScorecardId);
    const kind = event.type === 'scoring.scorecard-issued' ? 'issued' : event.type === 'scoring.scorecard-corrected' ? 'corrected' : 'rescored';
    const input = 'input' in d ? d.input : undefined;
    const record: ScorecardRecord = {
      scorecardId: d.scorecardId,
      kind,
      previousScorecardId: revision?.previousScorecardId ?? null,
      reason: revision?.reason ?? null,
      input: input ?? previous?.input ?? { findings: [] },
      scorecard: d.scorecard,
      openNonconformitiesWaived: event.type === 'scoring.scorecard-issued' ? event.data.openNonconformitiesWaived : (previous?.openNonconformitiesWaived ?? false),
    };
    return { caseId: d.caseId, records: [...state.records, record], current: kind === 'rescored' ? state.current : d.scorecardId };
  },
};
