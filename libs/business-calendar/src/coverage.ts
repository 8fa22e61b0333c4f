import type { BusinessCalendar } from './business-calendar';

/**
 * The years whose public holidays the calendar should know on a given instant but does not: always
 * this year (local date), and from 1 November the next one too, when the State Council's notice
 * for it is usually out. A missing year means SLAs count weekends only; the data package needs an
 * update (see docs/adr/0017-holidays-from-chinese-days.md).
 */
export function missingHolidayYears(calendar: BusinessCalendar, at: Date): number[] {
  const today = calendar.localDate(at);
  const year = Number(today.slice(0, 4));
  const wanted = today.slice(5) >= '11-01' ? [year, year + 1] : [year];
  return wanted.filter((y) => !calendar.isConfigured(y));
}
