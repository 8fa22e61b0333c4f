/**
 * The one validity rule (docs/adr/0026-certificate-dates.md). A certificate's dates are calendar
 * dates in Asia/Shanghai, and it is valid from the start of its first day through the end of its
 * last day there. The lifecycle records validity as instants (validFrom: when it was granted;
 * validUntil: the exclusive end); every surface that shows or judges validity goes through
 * `certificateDates` and `isValidOn`, so the PDF, the registry, the verify page, the console and
 * the offline verifier cannot disagree. No imports: the console bundles this file as it is.
 */

/** China has one time zone and no daylight saving: UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A certificate's validity as calendar dates: `validUntil` is its last valid day (inclusive). */
export interface CertificateDates {
  readonly validFrom: string;
  readonly validUntil: string;
}

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDate(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new Error(`${String(at)} is not an instant`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a calendar day begins in Asia/Shanghai (00:00 there). */
export function startOfShanghaiDay(day: string): Date {
  if (!DAY.test(day)) throw new Error(`${day} is not a YYYY-MM-DD date`);
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** A calendar date plus some days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar date plus whole months; a day past the end of the target month falls on its last day. */
export function addCalendarMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The instant a validity of `months` starting at `from` ends (exclusive): 00:00 in Shanghai of the
 * same calendar day `months` later. Granted on 2026-12-01 (any hour) for 36 months, a certificate
 * is valid through 2029-11-30 and ends at 2029-12-01 00:00 Shanghai (2029-11-30T16:00Z).
 */
export function validityEnd(from: Date, months: number): Date {
  return startOfShanghaiDay(addCalendarMonths(shanghaiDate(from), months));
}

/**
 * The calendar dates of a validity given as the lifecycle's instants (or, unchanged, as dates).
 * The last day is the day before the Shanghai day on which the exclusive end falls; validities
 * recorded before this rule ended at the granting hour, and lose that last part-day here.
 */
export function certificateDates(validity: { readonly validFrom: string; readonly validUntil: string }): CertificateDates {
  return {
    validFrom: DAY.test(validity.validFrom) ? validity.validFrom : shanghaiDate(validity.validFrom),
    validUntil: DAY.test(validity.validUntil) ? validity.validUntil : addDays(shanghaiDate(validity.validUntil), -1),
  };
}

/** The instant a validity ends: the end of its last day in Shanghai (exclusive). */
export function validityEndsAt(dates: CertificateDates): Date {
  return startOfShanghaiDay(addDays(dates.validUntil, 1));
}

/** Whether the validity is over at an instant: its last day in Shanghai has passed. */
export function hasEnded(dates: CertificateDates, at: Date): boolean {
  return shanghaiDate(at) > dates.validUntil;
}

/** Whether the dates cover an instant: from the start of the first day through the end of the last, in Shanghai. */
export function isValidOn(dates: CertificateDates, at: Date): boolean {
  return dates.validFrom <= shanghaiDate(at) && !hasEnded(dates, at);
}
