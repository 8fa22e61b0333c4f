import { BusinessCalendar, CHINA_PUBLIC_HOLIDAYS } from './index';

const calendar = new BusinessCalendar(CHINA_PUBLIC_HOLIDAYS);
const shanghai = (local: string) => new Date(`${local}+08:00`);
const HOUR = 3_600_000;

describe('business calendar (Asia/Shanghai, 2025 State Council schedule)', () => {
  it('knows holidays, weekends and make-up working days', () => {
    expect(calendar.isWorkingDay('2025-01-27')).toBe(true); // Monday before the Spring Festival
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true); // Sunday, 调休 make-up day
    expect(calendar.isWorkingDay('2025-01-29')).toBe(false); // 春节
    expect(calendar.holidayName('2025-01-29')).toBe('春节 Spring Festival');
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true); // Saturday, make-up day
    expect(calendar.isWorkingDay('2025-02-09')).toBe(false); // an ordinary Sunday
    expect(calendar.isConfigured(2025)).toBe(true);
    expect(calendar.isConfigured(2031)).toBe(false);
  });

  it('reads dates in Shanghai time, not UTC', () => {
    expect(calendar.localDate(new Date('2025-01-27T17:00:00Z'))).toBe('2025-01-28');
  });

  it('counts 3 working days from Friday 10:00 across the Spring Festival: due on the first working day after it, at 10:00', () => {
    // Fri 24th from 10:00 = 14 h, Sun 26th (make-up) = 24 h, Mon 27th = 24 h: 62 h; 28 Jan - 4 Feb off; Wed 5 Feb needs 10 h.
    expect(calendar.dueAfterWorkingDays(shanghai('2025-01-24T10:00:00'), 3)).toEqual(shanghai('2025-02-05T10:00:00'));
  });

  it('stops the clock while waiting for the applicant', () => {
    const start = shanghai('2025-03-03T09:00:00'); // a Monday
    const waiting = { from: shanghai('2025-03-04T09:00:00'), to: shanghai('2025-03-06T09:00:00') };
    expect(calendar.dueAfterWorkingDays(start, 2)).toEqual(shanghai('2025-03-05T09:00:00'));
    expect(calendar.dueAfterWorkingDays(start, 2, [waiting])).toEqual(shanghai('2025-03-07T09:00:00'));
    expect(calendar.dueAfterWorkingDays(start, 2, [{ from: waiting.from, to: null }])).toBeNull();
    expect(calendar.workingTime(start, shanghai('2025-03-07T09:00:00'), [waiting])).toBe(48 * HOUR);
  });

  it('counts no working time over a weekend or a holiday', () => {
    expect(calendar.workingTime(shanghai('2025-05-01T00:00:00'), shanghai('2025-05-06T00:00:00'))).toBe(0);
    expect(calendar.workingTime(shanghai('2025-03-07T12:00:00'), shanghai('2025-03-10T12:00:00'))).toBe(24 * HOUR);
  });
});
