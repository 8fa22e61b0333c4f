import type { AuditStage } from '../audit-kinds';

/**
 * A certification body's man-day table as data: effort per audit by number of employees, plus the
 * on-site time each visited service outlet needs, plus the adjustments an audit may be given.
 * Versioned like the criteria catalogue: a plan names the version its effort was computed with.
 * Every amount is in person-days, a multiple of half a day.
 */
export interface Effort {
  readonly total: number;
  /** Part of the total spent at the applicant's premises (or in remote sessions with them). */
  readonly onSite: number;
}

/**
 * 'indicative-table': the published indicative figures (see the data file); 'platform-extrapolation':
 * this platform's continuation of them to larger organisations; 'body': the body's own figures.
 */
export const BAND_ORIGINS = ['indicative-table', 'platform-extrapolation', 'body'] as const;
export type BandOrigin = (typeof BAND_ORIGINS)[number];

export interface EmployeeBand {
  readonly minEmployees: number;
  /** null: and more (only the last band). */
  readonly maxEmployees: number | null;
  readonly effort: Readonly<Record<AuditStage, Effort>>;
  readonly origin: BandOrigin;
}

/**
 * Why an audit gets more or less time. The direction is fixed here, not in a table, so a code
 * always means the same to the console (which words each code) and to whoever reads a plan.
 */
export const ADJUSTMENT_DIRECTIONS = {
  'complex-products': 'increase',
  'many-product-categories': 'increase',
  'complaints-received': 'increase',
  'previous-major-nonconformities': 'increase',
  'interpreter-needed': 'increase',
  'narrow-scope': 'reduction',
  'other-certification-recognised': 'reduction',
  'no-nonconformities-last-audit': 'reduction',
} as const satisfies Record<string, 'increase' | 'reduction'>;
export type AdjustmentCode = keyof typeof ADJUSTMENT_DIRECTIONS;
export const ADJUSTMENT_CODES = Object.keys(ADJUSTMENT_DIRECTIONS) as [AdjustmentCode, ...AdjustmentCode[]];

/** An adjustment a table allows, up to maxPercent (whole percent) of the effort. */
export interface AdjustmentRule {
  readonly code: AdjustmentCode;
  readonly maxPercent: number;
}

export interface ManDayTable {
  /** e.g. `man-days.v1`; a body's own table uses its own id, used once. */
  readonly version: string;
  /** Calendar date (YYYY-MM-DD) from which plans use this table. */
  readonly effectiveFrom: string;
  /** Who is responsible for these figures. */
  readonly publisher: string;
  /** Where the figures come from, as a reader can follow them up. */
  readonly sources: readonly string[];
  /** From 1 employee upwards, contiguous, the last one open-ended. */
  readonly bands: readonly EmployeeBand[];
  /** On-site person-days for each fixed service outlet visited in the audit (at least this much each). */
  readonly perOutletOnSite: number;
  readonly adjustments: readonly AdjustmentRule[];
  /** Bounds on the sum of an audit's reductions and of its increases, in whole percent. */
  readonly maxReductionPercent: number;
  readonly maxIncreasePercent: number;
}

/** Above this a reduction could round an audit away (half a day less 50% still rounds to half a day). */
export const REDUCTION_CEILING_PERCENT = 50;
export const INCREASE_CEILING_PERCENT = 200;
