import type { BusinessCalendar } from '@gbt/business-calendar';
import { addDays, shanghaiDate, startOfShanghaiDay } from '@gbt/certificate-core';

/** The monthly report's dates, in Asia/Shanghai: due by the 10th of the following month, with no holiday extension. */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isPeriod = (value: string) => PERIOD.test(value);

/** The month after a period (YYYY-MM). */
export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const periodAt = (at: Date) => shanghaiDate(at).slice(0, 7);

/** The day a period's report is due: the 10th of the following month. */
export const dueOn = (period: string) => `${nextPeriod(period)}-10`;

/** When the monthly job prepares a period's report: 00:30 on the 1st of the following month. */
export const prepareAt = (period: string) => new Date(startOfShanghaiDay(`${nextPeriod(period)}-01`).getTime() + 30 * 60_000);

/**
 * When staff are reminded: 09:00 on the `workingDays`-th working day before the due day (counting
 * back from the day before it), but not before the 2nd, after the report was prepared.
 */
export function remindAt(period: string, calendar: BusinessCalendar, workingDays: number): Date {
  const first = `${nextPeriod(period)}-02`;
  let day = addDays(dueOn(period), -1);
  for (let found = 0; day > first; day = addDays(day, -1)) {
    if (calendar.isWorkingDay(day) && ++found === workingDays) break;
  }
  return new Date(startOfShanghaiDay(day).getTime() + 9 * 3_600_000);
}
