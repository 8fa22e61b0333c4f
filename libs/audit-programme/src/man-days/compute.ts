import { stageOf, type AuditKind, type AuditStage } from '../audit-kinds';
import { fromHalves, roundHundredthsOfHalves, toHalves } from '../half-days';
import { InputProblems, problem, type Problem } from '../problem';
import { ADJUSTMENT_DIRECTIONS, type AdjustmentCode, type ManDayTable } from './table-model';

export interface AdjustmentInput {
  readonly code: AdjustmentCode;
  /** Whole percent, 1 or more; the code says whether it adds or removes time. */
  readonly percent: number;
}

export interface ManDayInput {
  readonly kind: AuditKind;
  readonly employees: number;
  /** Fixed service outlets visited in this audit: the sample, not every outlet the applicant has. */
  readonly outletsVisited: number;
  readonly adjustments?: readonly AdjustmentInput[];
}

/**
 * One step of the computation, as a plan shows it (the console words each code with its params).
 * `total` and `onSite` are what the step adds (negative for a reduction), in person-days; the
 * lines add up to the result.
 */
export type ManDayLine =
  | { readonly code: 'band'; readonly params: { readonly stage: AuditStage; readonly employees: number; readonly minEmployees: number; readonly maxEmployees: number | null }; readonly total: number; readonly onSite: number }
  | { readonly code: 'outlets'; readonly params: { readonly outlets: number; readonly perOutletOnSite: number }; readonly total: number; readonly onSite: number }
  | { readonly code: 'adjustment'; readonly params: { readonly adjustment: AdjustmentCode; readonly percent: number }; readonly total: number; readonly onSite: number }
  | { readonly code: 'rounding'; readonly params: { readonly to: 'nearest-half-day' }; readonly total: number; readonly onSite: number }
  | { readonly code: 'outlet-minimum'; readonly params: { readonly outlets: number; readonly perOutletOnSite: number }; readonly total: number; readonly onSite: number };

export type ManDayLineCode = ManDayLine['code'];

export interface ManDays {
  readonly tableVersion: string;
  readonly kind: AuditKind;
  readonly total: number;
  readonly onSite: number;
  readonly lines: readonly ManDayLine[];
}

function inputProblems(table: ManDayTable, input: ManDayInput): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isInteger(input.employees) || input.employees < 1) {
    problems.push(problem('man-days.employees-invalid', `employees must be a whole number of at least 1, not ${input.employees}`, { employees: String(input.employees) }));
  }
  if (!Number.isInteger(input.outletsVisited) || input.outletsVisited < 0) {
    problems.push(problem('man-days.outlets-invalid', `outletsVisited must be a whole number of 0 or more, not ${input.outletsVisited}`, { outlets: String(input.outletsVisited) }));
  }
  const seen = new Set<string>();
  const sums = { increase: 0, reduction: 0 };
  for (const { code, percent } of input.adjustments ?? []) {
    const rule = table.adjustments.find((r) => r.code === code);
    if (!rule) {
      problems.push(problem('man-days.adjustment-not-allowed', `table ${table.version} allows no adjustment ${code}`, { adjustment: code, tableVersion: table.version }));
      continue;
    }
    if (seen.has(code)) problems.push(problem('man-days.adjustment-repeated', `adjustment ${code} is given more than once`, { adjustment: code }));
    seen.add(code);
    if (!Number.isInteger(percent) || percent < 1 || percent > rule.maxPercent) {
      problems.push(problem('man-days.adjustment-out-of-bounds', `adjustment ${code} must be a whole percent from 1 to ${rule.maxPercent}, not ${percent}`, { adjustment: code, percent: String(percent), maxPercent: rule.maxPercent }));
    } else {
      sums[ADJUSTMENT_DIRECTIONS[code]] += percent;
    }
  }
  if (sums.reduction > table.maxReductionPercent) {
    problems.push(problem('man-days.reductions-exceed-bound', `reductions add up to ${sums.reduction}%, more than the table's ${table.maxReductionPercent}%`, { percent: sums.reduction, maxPercent: table.maxReductionPercent }));
  }
  if (sums.increase > table.maxIncreasePercent) {
    problems.push(problem('man-days.increases-exceed-bound', `increases add up to ${sums.increase}%, more than the table's ${table.maxIncreasePercent}%`, { percent: sums.increase, maxPercent: table.maxIncreasePercent }));
  }
  return problems;
}

/** Every problem with the input (codes with params); empty means computeManDays will answer. */
export const checkManDayInput = (table: ManDayTable, input: ManDayInput): readonly Problem[] => inputProblems(table, input);

/**
 * The effort of one audit: the employee band's figures for its stage, plus the on-site time of each
 * visited outlet; then the adjustments, as percentages of that subtotal; then rounded to the nearest
 * half day; then the on-site time raised, if a reduction took it there, to the outlets' minimum.
 * Throws InputProblems (every problem) for input it cannot compute with.
 */
export function computeManDays(table: ManDayTable, input: ManDayInput): ManDays {
  const problems = inputProblems(table, input);
  if (problems.length > 0) throw new InputProblems('man-day input is invalid', problems);
  const stage = stageOf(input.kind);
  const band = table.bands.find((b) => input.employees >= b.minEmployees && (b.maxEmployees === null || input.employees <= b.maxEmployees));
  if (!band) throw new Error(`table ${table.version} has no band for ${input.employees} employees`); // a loaded table covers 1..∞
  const lines: ManDayLine[] = [];
  const bandEffort = band.effort[stage];
  lines.push({ code: 'band', params: { stage, employees: input.employees, minEmployees: band.minEmployees, maxEmployees: band.maxEmployees }, ...bandEffort });
  const outletHalves = input.outletsVisited * toHalves(table.perOutletOnSite);
  const outletParams = { outlets: input.outletsVisited, perOutletOnSite: table.perOutletOnSite };
  if (input.outletsVisited > 0) lines.push({ code: 'outlets', params: outletParams, total: fromHalves(outletHalves), onSite: fromHalves(outletHalves) });

  // In hundredths of half-days, where a whole percent of a half-day count is a whole number.
  const subtotal = { total: (toHalves(bandEffort.total) + outletHalves) * 100, onSite: (toHalves(bandEffort.onSite) + outletHalves) * 100 };
  const adjusted = { ...subtotal };
  for (const { code, percent } of input.adjustments ?? []) {
    const signed = ADJUSTMENT_DIRECTIONS[code] === 'reduction' ? -percent : percent;
    const delta = { total: (subtotal.total * signed) / 100, onSite: (subtotal.onSite * signed) / 100 };
    adjusted.total += delta.total;
    adjusted.onSite += delta.onSite;
    lines.push({ code: 'adjustment', params: { adjustment: code, percent: signed }, total: delta.total / 200, onSite: delta.onSite / 200 });
  }
  const rounded = { total: roundHundredthsOfHalves(adjusted.total), onSite: roundHundredthsOfHalves(adjusted.onSite) };
  if (rounded.total * 100 !== adjusted.total || rounded.onSite * 100 !== adjusted.onSite) {
    lines.push({ code: 'rounding', params: { to: 'nearest-half-day' }, total: (rounded.total * 100 - adjusted.total) / 200, onSite: (rounded.onSite * 100 - adjusted.onSite) / 200 });
  }
  // Each visited outlet keeps its half day on site whatever the reductions; the time is added to the total too.
  const shortfall = Math.max(0, outletHalves - rounded.onSite);
  if (shortfall > 0) lines.push({ code: 'outlet-minimum', params: outletParams, total: fromHalves(shortfall), onSite: fromHalves(shortfall) });
  return { tableVersion: table.version, kind: input.kind, total: fromHalves(rounded.total + shortfall), onSite: fromHalves(rounded.onSite + shortfall), lines };
}
