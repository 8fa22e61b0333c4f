import { manDaysV1Data } from './data/man-days-v1';
import type { ManDayTable } from './table-model';
import { loadManDayTable } from './validate-table';

export interface ManDayTableRegistry {
  /** Oldest effective date first. */
  readonly versions: readonly string[];
  /** undefined for an unknown version: callers decide whether that is a 400 or a 404. */
  get(version: string): ManDayTable | undefined;
  /** The table plans made on this calendar date (YYYY-MM-DD) use: the latest one effective by then. */
  inEffectOn(date: string): ManDayTable | undefined;
}

/**
 * A body's tables next to (or instead of) the default: each is validated, and a version id may be
 * used once, because plans refer to it. Two tables effective on the same day would make the
 * table in effect a matter of list order, so that is refused too.
 */
export function createManDayTableRegistry(tables: readonly unknown[]): ManDayTableRegistry {
  const byVersion = new Map<string, ManDayTable>();
  for (const data of tables) {
    const table = loadManDayTable(data);
    if (byVersion.has(table.version)) throw new Error(`man-day table version ${table.version} is registered twice`);
    const sameDay = [...byVersion.values()].find((t) => t.effectiveFrom === table.effectiveFrom);
    if (sameDay) throw new Error(`man-day tables ${sameDay.version} and ${table.version} both take effect on ${table.effectiveFrom}`);
    byVersion.set(table.version, table);
  }
  const byDate = [...byVersion.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return {
    versions: Object.freeze(byDate.map((t) => t.version)),
    get: (version) => byVersion.get(version),
    inEffectOn: (date) => byDate.filter((t) => t.effectiveFrom <= date).at(-1),
  };
}

export const DEFAULT_MAN_DAY_TABLE_VERSION = 'man-days.v1';

// Validated when the module loads: a broken default must stop the process, not a later plan.
const builtIn = createManDayTableRegistry([manDaysV1Data]);

export const defaultManDayTables: ManDayTableRegistry = builtIn;

export const defaultManDayTable: ManDayTable = requireBuiltIn(DEFAULT_MAN_DAY_TABLE_VERSION);

function requireBuiltIn(version: string): ManDayTable {
  const table = builtIn.get(version);
  if (!table) throw new Error(`built-in man-day table ${version} is missing`);
  return table;
}
