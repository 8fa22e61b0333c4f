import { BusinessCalendar } from './business-calendar';
import { missingHolidayYears } from './coverage';

const calendar = new BusinessCalendar([{ year: 2026, source: 'test', holidays: [], makeUpWorkdays: [] }]);

describe('missingHolidayYears', () => {
  it('wants this year, and the next one from 1 November (Shanghai date)', () => {
    expect(missingHolidayYears(calendar, new Date('2026-06-30T12:00:00Z'))).toEqual([]);
    expect(missingHolidayYears(calendar, new Date('2026-10-31T15:59:59Z'))).toEqual([]);
    // 2026-10-31T16:00Z is already 1 November in Shanghai.
    expect(missingHolidayYears(calendar, new Date('2026-10-31T16:00:00Z'))).toEqual([2027]);
    expect(missingHolidayYears(calendar, new Date('2027-01-05T00:00:00Z'))).toEqual([2027]);
  });
});
