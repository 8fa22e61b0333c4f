import { isWorkday } from 'chinese-days';
import { BusinessCalendar, type CalendarYear } from './business-calendar';
import { CHINA_PUBLIC_HOLIDAYS, CHINESE_DAYS_VERSION, calendarYearsFromChineseDays } from './china-public-holidays';
import { STATE_COUNCIL_HOLIDAY_TABLE } from './holiday-table';

const DAY = 86_400_000;
const PACKAGE = `chinese-days@${CHINESE_DAYS_VERSION}`;

function* datesBetween(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) yield new Date(t).toISOString().slice(0, 10);
}

/** Every date a set of yearly data names: 'day off' for holidays, 'make-up working day' for 调休 days. */
function kindsOfDays(years: readonly CalendarYear[]): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const y of years) {
    for (const [from, to] of y.holidays) for (const d of datesBetween(from, to)) kinds.set(d, 'day off');
    for (const d of y.makeUpWorkdays) kinds.set(d, kinds.has(d) ? 'both day off and make-up working day' : 'make-up working day');
  }
  return kinds;
}

const packageYears = CHINA_PUBLIC_HOLIDAYS.map((y) => y.year);

describe(`holidays from ${PACKAGE}`, () => {
  it('turns the data file into yearly data: ranges, names, and New Year stretches that start in December', () => {
    const years = calendarYearsFromChineseDays(
      {
        holidays: {
          '2018-12-30': "New Year's Day,元旦,1",
          '2018-12-31': "New Year's Day,元旦,1",
          '2019-01-01': "New Year's Day,元旦,1",
          '2019-02-04': 'Spring Festival,春节,3',
          '2019-02-05': 'Spring Festival,春节,3',
          '2019-02-07': 'Spring Festival,春节,3',
        },
        workdays: { '2018-12-29': "New Year's Day,元旦,1", '2019-02-02': 'Spring Festival,春节,3' },
      },
      'test data',
    );
    expect(years).toEqual([
      {
        year: 2019,
        source: 'test data, State Council notice for 2019',
        holidays: [
          ['2018-12-30', '2019-01-01', "元旦 New Year's Day"],
          ['2019-02-04', '2019-02-05', '春节 Spring Festival'],
          ['2019-02-07', '2019-02-07', '春节 Spring Festival'],
        ],
        makeUpWorkdays: ['2018-12-29', '2019-02-02'],
      },
    ]);
  });

  it('holds whole notices: every year it covers, with no gaps, has New Year, Spring Festival and National Day', () => {
    expect(packageYears).toEqual(Array.from({ length: packageYears.length }, (_, i) => packageYears[0]! + i));
    const incomplete = CHINA_PUBLIC_HOLIDAYS.filter((y) => !['元旦', '春节', '国庆节'].every((zh) => y.holidays.some(([, , name]) => name.startsWith(`${zh} `)))).map((y) => y.year);
    expect(incomplete).toEqual([]);
  });

  it("agrees with the package's own isWorkday() on every day of every year it covers (the data file is the package's data)", () => {
    const calendar = new BusinessCalendar(CHINA_PUBLIC_HOLIDAYS);
    const disagreements: string[] = [];
    for (const d of datesBetween(`${packageYears[0]! - 1}-12-01`, `${packageYears[packageYears.length - 1]}-12-31`)) {
      if (calendar.isWorkingDay(d) !== isWorkday(d)) disagreements.push(`${d}: calendar ${calendar.isWorkingDay(d)}, isWorkday ${isWorkday(d)}`);
    }
    expect(disagreements).toEqual([]);
  });

  /*
   * The cross-check against the project's own table (holiday-table.ts), which transcribes the State
   * Council's notices. Where the two differ, the notice decides: read the notice the table's `source`
   * names (gov.cn, or its text as Xinhua published it), and
   *   - if the package is wrong, report it upstream (github.com/vsme/chinese-days), keep the version
   *     that was right, and record the difference and the decision in ADR 0017;
   *   - if the table is wrong, correct the table.
   * Checked for chinese-days 1.5.7: no differences. 2025 agrees with 国办发明电〔2024〕12号 (which
   * both the table and the package cite); 2026 agrees with the State Council General Office's notice
   * of 2025-11-04 on the 2026 holidays, which the table had marked as unchecked until now.
   */
  it.each(STATE_COUNCIL_HOLIDAY_TABLE.map((y) => [y.year, y] as const))('agrees with the project table for %i: every day off and every make-up working day', (year, tableYear) => {
    if (!packageYears.includes(year)) {
      throw new Error(`${PACKAGE} has no holidays for ${year}, which the project table (${tableYear.source}) covers. Update chinese-days to a version that has ${year}.`);
    }
    const table = kindsOfDays([tableYear]);
    const pkg = kindsOfDays(CHINA_PUBLIC_HOLIDAYS);
    const tableDates = [...table.keys()].sort();
    const from = [tableDates[0]!, `${year}-01-01`].sort()[0]!;
    const to = [tableDates[tableDates.length - 1]!, `${year}-12-31`].sort()[1]!;
    const differences: string[] = [];
    for (const d of datesBetween(from, to)) {
      const ours = table.get(d) ?? 'ordinary day';
      const theirs = pkg.get(d) ?? 'ordinary day';
      if (ours !== theirs) differences.push(`${d}: table says ${ours}, ${PACKAGE} says ${theirs}`);
    }
    expect(differences).toEqual([]);
  });
});
