import type { Level } from '../levels';
import type { EvaluationMethod, Localised } from '../model';

/** The level a score supports: the shared `Level` vocabulary (levels.ts). */
export type ScoreLevel = Level;

/** A nonconformity or sampling result recorded against one requirement. */
export interface Finding {
  readonly id: string;
  readonly requirementId: string;
  readonly description: string;
  readonly recordedBy: string;
  /**
   * Only on sampled requirements: the requirement loses points * failed / checked. Without it the
   * finding is qualitative and the requirement loses all its points.
   */
  readonly sample?: { readonly checked: number; readonly failed: number };
}

/** 删减: an indicator or requirement that does not apply to this applicant. */
export interface Exclusion {
  /** An indicator id (all its requirements) or a requirement id. */
  readonly id: string;
  readonly reason: string;
  readonly recordedBy: string;
}

/** 特别扣分项 / 特别加分项. */
export interface SpecialItem {
  readonly id: string;
  readonly description: string;
  readonly recordedBy: string;
}

export interface ScoringInput {
  readonly findings: readonly Finding[];
  readonly exclusions?: readonly Exclusion[];
  readonly specialDeductions?: readonly SpecialItem[];
  readonly specialBonuses?: readonly SpecialItem[];
}

/** Clause 6.2 and the level table; configurable because a body's rules may differ in detail. */
export interface ScoringRules {
  /** Highest first; the lowest entry is the pass mark. */
  readonly levels: readonly { readonly level: ScoreLevel; readonly minScore: number }[];
  readonly specialDeductionPoints: number;
  /** This many special deductions or more fail the evaluation whatever the score. */
  readonly failAtSpecialDeductions: number;
  readonly specialBonusPoints: number;
  readonly maxSpecialBonuses: number;
}

export const DEFAULT_SCORING_RULES: ScoringRules = {
  levels: [
    { level: 'five-star', minScore: 95 },
    { level: 'four-star', minScore: 90 },
    { level: 'three-star', minScore: 80 },
    { level: 'compliant', minScore: 70 },
  ],
  specialDeductionPoints: 1,
  failAtSpecialDeductions: 5,
  specialBonusPoints: 1,
  maxSpecialBonuses: 1,
};

/** Points before rescaling: obtained + lost = available. Excluded parts have all three at 0. */
export interface Points {
  readonly available: number;
  readonly obtained: number;
  readonly lost: number;
}

export interface FindingEffect {
  readonly findingId: string;
  readonly description: string;
  readonly recordedBy: string;
  readonly sample: { readonly checked: number; readonly failed: number } | null;
  /** This finding's share of the requirement's lost points. */
  readonly lost: number;
}

export interface RequirementScore extends Points {
  readonly id: string;
  readonly name: Localised;
  readonly points: number;
  readonly scored: boolean;
  readonly method: EvaluationMethod;
  readonly sampled: boolean;
  /** Its own exclusion or its indicator's. */
  readonly exclusion: Exclusion | null;
  readonly findings: readonly FindingEffect[];
}

export interface IndicatorScore extends Points {
  readonly id: string;
  readonly name: Localised;
  readonly exclusion: Exclusion | null;
  readonly requirements: readonly RequirementScore[];
}

export interface CategoryScore extends Points {
  readonly id: string;
  readonly name: Localised;
  readonly totalPoints: number;
  readonly indicators: readonly IndicatorScore[];
}

export interface Scorecard extends Points {
  readonly catalogueVersion: string;
  /** 100 * obtained / available, unrounded: exclusions rescale the applicable points to 100. */
  readonly baseScore: number;
  readonly specialDeductions: readonly SpecialItem[];
  readonly specialBonuses: readonly SpecialItem[];
  /** Base score with special items applied, kept within 0-100 and rounded to one decimal. */
  readonly score: number;
  readonly passed: boolean;
  readonly level: ScoreLevel | null;
  readonly failReasons: readonly string[];
  readonly categories: readonly CategoryScore[];
}

export type ScoreOutcome = { readonly ok: true; readonly scorecard: Scorecard } | { readonly ok: false; readonly problems: readonly string[] };
