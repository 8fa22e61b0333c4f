/**
 * The criteria catalogue of GB/T 27922-2011 clause 5 as data. Points per requirement are not
 * published by the standard, so each certification body may publish its own catalogue version;
 * scores always name the version they were computed against.
 */

/** Every user-facing text exists in both languages: certificates and the UI are bilingual. */
export interface Localised {
  readonly zh: string;
  readonly en: string;
}

export const EVALUATION_METHODS = ['document-review', 'on-site', 'sampled', 'mystery-shopper', 'customer-survey'] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

/**
 * Methods that observe several cases (staff, records, calls, customers), so a sampled requirement
 * can lose points in proportion to failed samples. 'sampled' itself always samples.
 */
export const SAMPLING_METHODS: readonly EvaluationMethod[] = ['sampled', 'mystery-shopper', 'customer-survey'];

/**
 * 'standard': the requirement's text comes from GB/T 27922-2011 (verbatim or paraphrased);
 * 'default': written for this platform because the standard's text was not available.
 */
export type Source = 'standard' | 'default';

export interface Requirement {
  /** Clause-like and stable: nonconformities and evidence refer to it across catalogue versions. */
  readonly id: string;
  readonly name: Localised;
  readonly text: Localised;
  readonly points: number;
  /** Explanatory clauses (e.g. 5.1.1.3, outlets owned or contracted) carry no points. */
  readonly scored: boolean;
  readonly method: EvaluationMethod;
  /** Loses points * failed / checked instead of all its points. */
  readonly sampled: boolean;
  readonly evidence: readonly Localised[];
  readonly source: Source;
  /** Where the points come from: only one value is known from the standard (5 points, 售后服务管理师). */
  readonly pointsSource: Source;
  /** Interpretation for both sides; optional so that a body's catalogue without notes stays valid. */
  readonly notes?: RequirementNotes;
}

/**
 * Non-normative explanations of a requirement, written for this platform from a certification
 * body's interpretation guide: they never change points or scoring, so they can be added to a
 * published version that cases already use.
 */
export interface RequirementNotes {
  /** For the applicant: what the requirement covers, what evidence satisfies it, examples. */
  readonly guidance: Localised;
  /** For the reviewer: what to check before calling the requirement met. */
  readonly evaluatorNotes: Localised;
}

export interface Indicator {
  readonly id: string;
  readonly name: Localised;
  readonly requirements: readonly Requirement[];
}

export interface Category {
  readonly id: string;
  readonly name: Localised;
  /** Fixed by the standard: 40 / 35 / 25. */
  readonly totalPoints: number;
  readonly indicators: readonly Indicator[];
}

export interface Catalogue {
  /** e.g. `gbt27922-2011.v1`; a body publishing its own allocation uses its own version id. */
  readonly version: string;
  readonly title: Localised;
  /** Who is responsible for this allocation of points. */
  readonly publisher: string;
  readonly categories: readonly Category[];
}

/** The scheme is out of 100 points in every catalogue version. */
export const SCHEME_TOTAL_POINTS = 100;
