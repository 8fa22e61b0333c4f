/**
 * Person-days are multiples of half a day. Arithmetic on them is done on whole half-days (and on
 * hundredths of them while a percentage is applied), so that a rounding at .25 never depends on
 * how a binary fraction happened to come out.
 */
export const isHalfDays = (days: number): boolean => Number.isFinite(days) && Number.isInteger(days * 2);

export const toHalves = (days: number): number => Math.round(days * 2);

export const fromHalves = (halves: number): number => halves / 2;

/** Nearest half-day, halves rounded up (IAF MD5 practice: effort is not rounded down to a shorter visit at a tie). */
export const roundHundredthsOfHalves = (hundredths: number): number => Math.floor((hundredths + 50) / 100);

/** A calendar date that exists, written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
