import { BusinessCalendar } from '@gbt/business-calendar';
import { JsonLogger } from '@gbt/messaging';
import { HolidayCoverage } from './holiday-coverage';

describe('HolidayCoverage', () => {
  const calendar = new BusinessCalendar([{ year: 2026, source: 'test', holidays: [], makeUpWorkdays: [] }]);
  const coverage = (at: string) => {
    const lines: string[] = [];
    const check = new HolidayCoverage(calendar, { now: () => new Date(at) }, new JsonLogger('evidence-review', 'info', (line) => lines.push(line)));
    return { missing: check.check(), lines: lines.map((l) => JSON.parse(l) as { level: string; msg: string; years: number[] }) };
  };

  it('warns, naming the years, when the calendar lacks a year it should know', () => {
    const { missing, lines } = coverage('2026-11-30T02:00:00Z');
    expect(missing).toEqual([2027]);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', years: [2027], msg: expect.stringContaining('no Chinese public holidays for 2027') })]);
  });

  it('says nothing while the calendar has what it needs', () => {
    expect(coverage('2026-06-01T02:00:00Z')).toEqual({ missing: [], lines: [] });
  });
});
