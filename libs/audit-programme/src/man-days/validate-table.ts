import { checkData, loadData } from '@gbt/catalogue';
import { AUDIT_STAGES } from '../audit-kinds';
import { isCalendarDate, isHalfDays } from '../half-days';
import { ADJUSTMENT_DIRECTIONS, INCREASE_CEILING_PERCENT, REDUCTION_CEILING_PERCENT, type ManDayTable } from './table-model';
import { manDayTableSchema } from './table-schema';

/** Thrown by loadManDayTable: carries every problem so a body can fix its table in one pass. */
export class ManDayTableError extends Error {
  constructor(
    readonly version: string,
    readonly problems: readonly string[],
  ) {
    super(`man-day table ${version} is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'ManDayTableError';
  }
}

const bandName = (min: number, max: number | null) => `band ${min}-${max ?? ''}`;

function bandProblems(table: ManDayTable): string[] {
  const problems: string[] = [];
  if (table.bands.length === 0) return ['the table has no employee bands'];
  let expectedMin = 1;
  table.bands.forEach((band, i) => {
    const what = bandName(band.minEmployees, band.maxEmployees);
    const last = i === table.bands.length - 1;
    if (band.minEmployees !== expectedMin) problems.push(`${what} should start at ${expectedMin} employees: bands start at 1 and follow each other without gaps or overlaps`);
    if (band.maxEmployees === null && !last) problems.push(`${what} is open-ended but is not the last band`);
    if (band.maxEmployees !== null && last) problems.push(`${what} is the last band and must be open-ended (maxEmployees null)`);
    if (band.maxEmployees !== null && band.maxEmployees < band.minEmployees) problems.push(`${what} ends before it starts`);
    for (const stage of AUDIT_STAGES) {
      const { total, onSite } = band.effort[stage];
      if (!isHalfDays(total) || total < 0.5) problems.push(`${what} ${stage}: total ${total} must be at least 0.5 and a multiple of 0.5 person-days`);
      if (!isHalfDays(onSite) || onSite < 0) problems.push(`${what} ${stage}: on-site ${onSite} must be a multiple of 0.5 person-days, 0 or more`);
      if (onSite > total) problems.push(`${what} ${stage}: on-site ${onSite} exceeds the total ${total}`);
    }
    expectedMin = (band.maxEmployees ?? band.minEmployees) + 1;
  });
  return problems;
}

function adjustmentProblems(table: ManDayTable): string[] {
  const problems: string[] = [];
  if (table.maxReductionPercent < 0 || table.maxReductionPercent > REDUCTION_CEILING_PERCENT) {
    problems.push(`maxReductionPercent ${table.maxReductionPercent} must be between 0 and ${REDUCTION_CEILING_PERCENT}`);
  }
  if (table.maxIncreasePercent < 0 || table.maxIncreasePercent > INCREASE_CEILING_PERCENT) {
    problems.push(`maxIncreasePercent ${table.maxIncreasePercent} must be between 0 and ${INCREASE_CEILING_PERCENT}`);
  }
  const seen = new Set<string>();
  for (const rule of table.adjustments) {
    if (seen.has(rule.code)) problems.push(`adjustment ${rule.code} is listed twice`);
    seen.add(rule.code);
    const reduction = ADJUSTMENT_DIRECTIONS[rule.code] === 'reduction';
    const bound = reduction ? table.maxReductionPercent : table.maxIncreasePercent;
    if (rule.maxPercent < 1 || rule.maxPercent > bound) {
      problems.push(`adjustment ${rule.code}: maxPercent ${rule.maxPercent} must be between 1 and the table's bound for ${reduction ? 'reductions' : 'increases'} (${bound})`);
    }
  }
  return problems;
}

function meaningProblems(table: ManDayTable): string[] {
  const problems: string[] = [];
  if (!isCalendarDate(table.effectiveFrom)) problems.push(`effectiveFrom ${table.effectiveFrom} is not a calendar date`);
  if (table.publisher.trim() === '') problems.push('the table names no publisher');
  if (table.sources.length === 0 || table.sources.some((s) => s.trim() === '')) problems.push('the table must say where its figures come from (sources)');
  if (!isHalfDays(table.perOutletOnSite) || table.perOutletOnSite < 0.5) problems.push(`perOutletOnSite ${table.perOutletOnSite} must be at least 0.5 and a multiple of 0.5 person-days`);
  return [...problems, ...bandProblems(table), ...adjustmentProblems(table)];
}

const check = (data: unknown) => checkData(manDayTableSchema, data, (issue) => `${issue.path.map(String).join('.') || 'table'}: ${issue.message}`, meaningProblems);

/** Every problem with a man-day table; empty means valid. Accepts any data, e.g. a body's uploaded JSON. */
export function validateManDayTable(data: unknown): readonly string[] {
  return check(data).problems;
}

/** The validated, frozen table (shared by every computation made with it); throws ManDayTableError listing every problem. */
export function loadManDayTable(data: unknown): ManDayTable {
  return loadData(check(data), data, (version, problems) => new ManDayTableError(version, problems));
}
