import type { CalendarYear } from './business-calendar';
// How the package is loaded: chinese-days 1.5.7 is CommonJS ("type": "commonjs", no "exports" map; its
// "main" dist/index.min.js is a UMD build), but its functions answer one date at a time and cannot say
// which years they know. So the calendar reads the package's data file, dist/chinese-days.json (its
// README offers it for direct use), as a JSON import: swc compiles it to require(), which Node
// (`node -r @swc-node/register`) and jest both load without a transform. The spec checks that this
// file agrees with the package's own isWorkday() on every day it covers.
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';

/** The shape of chinese-days' data file: date (YYYY-MM-DD) to "English name,中文名,days of the holiday". */
export interface ChineseDaysData {
  /** Days off, weekends inside a holiday stretch included. */
  readonly holidays: Readonly<Record<string, string>>;
  /** Weekend days that are working days (调休 make-up days). */
  readonly workdays: Readonly<Record<string, string>>;
}

const DAY = 86_400_000;

/**
 * Which year's State Council notice a date belongs to: its own year, except New Year's Day stretches
 * and their make-up days that start in the December before (the 2019 notice gave 2018-12-30 to
 * 2019-01-01 off and made 2018-12-29 a working day).
 */
function noticeYear(date: string, zhName: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 7) === '12' && zhName === '元旦' ? year + 1 : year;
}

/** chinese-days' data as the calendar's yearly data: one entry per notice year, holidays as inclusive ranges. */
export function calendarYearsFromChineseDays(data: ChineseDaysData, source: string): CalendarYear[] {
  const years = new Map<number, { holidays: [string, string, string][]; makeUpWorkdays: string[] }>();
  const yearEntry = (year: number) => {
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { holidays: [], makeUpWorkdays: [] }));
    return entry;
  };
  const parse = (raw: string) => {
    const [en = raw, zh = raw] = raw.split(',');
    return { zh, label: `${zh} ${en}` };
  };

  const byDate = (a: [string, string], b: [string, string]) => a[0].localeCompare(b[0]);
  for (const [date, raw] of Object.entries(data.holidays).sort(byDate)) {
    const { zh, label } = parse(raw);
    const ranges = yearEntry(noticeYear(date, zh)).holidays;
    const last = ranges[ranges.length - 1];
    if (last && last[2] === label && Date.parse(`${date}T00:00:00Z`) - Date.parse(`${last[1]}T00:00:00Z`) === DAY) last[1] = date;
    else ranges.push([date, date, label]);
  }
  for (const [date, raw] of Object.entries(data.workdays).sort(byDate)) {
    yearEntry(noticeYear(date, parse(raw).zh)).makeUpWorkdays.push(date);
  }

  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, { holidays, makeUpWorkdays }]) => ({ year, source: `${source}, State Council notice for ${year}`, holidays, makeUpWorkdays }));
}

/** The installed chinese-days version, for messages and sources. */
export const CHINESE_DAYS_VERSION: string = chineseDaysPackage.version;

/**
 * China's statutory holidays and make-up working days (调休) from the chinese-days package, which
 * follows the State Council's yearly notices (usually published from late October to early December
 * for the next year). Next year's calendar is a package update, not a code change; a year the package
 * does not know counts weekends only (BusinessCalendar.isConfigured says so).
 */
export const CHINA_PUBLIC_HOLIDAYS: readonly CalendarYear[] = calendarYearsFromChineseDays(chineseDaysData, `chinese-days@${CHINESE_DAYS_VERSION}`);
