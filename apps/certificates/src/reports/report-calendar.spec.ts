import { BusinessCalendar, CHINA_PUBLIC_HOLIDAYS } from '@gbt/business-calendar';
import { auditModeOf, periodOf, planNumber } from './report-feed';
import { dueOn, nextPeriod, prepareAt, previousPeriod, remindAt } from './report-calendar';

const calendar = new BusinessCalendar(CHINA_PUBLIC_HOLIDAYS);

describe('the monthly report\'s calendar and numbering', () => {
  it('a month is its Shanghai month; the next and previous wrap the year', () => {
    expect(periodOf('2027-01-31T16:00:00.000Z')).toBe('2027-02');
    expect(nextPeriod('2027-12')).toBe('2028-01');
    expect(previousPeriod('2027-01')).toBe('2026-12');
  });

  it('is due on the 10th of the next month, prepared at 00:30 on the 1st', () => {
    expect(dueOn('2026-12')).toBe('2027-01-10');
    expect(prepareAt('2026-12').toISOString()).toBe('2026-12-31T16:30:00.000Z');
  });

  it('reminds at 09:00 on the third working day before the 10th, holidays skipped, never before the 2nd', () => {
    // 2027-03-10 is a Wednesday: Tuesday 9th, Monday 8th, Friday 5th.
    expect(remindAt('2027-02', calendar, 3).toISOString()).toBe('2027-03-05T01:00:00.000Z');
    // October: the National Day holiday takes the first week; the 2nd is the floor.
    expect(remindAt('2026-09', calendar, 7).toISOString()).toBe('2026-10-02T01:00:00.000Z');
  });

  it('audit mode from the review tasks; plan numbers R + body sequence + branch + YYMM + sequence', () => {
    expect(auditModeOf([{ onSite: true }])).toBe('on-site');
    expect(auditModeOf([{ onSite: false }, { onSite: false }])).toBe('remote');
    expect(auditModeOf([{ onSite: false }, { onSite: true }])).toBe('combined');
    expect(planNumber({ bodySequence: '0123', branchCode: '01' }, '2027-02', 7)).toBe('R0123012702' + '0007');
  });
});
