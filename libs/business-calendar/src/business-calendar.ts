export interface CalendarYear {
  readonly year: number;
  readonly source: string;
  /** Inclusive local-date ranges [from, to, name]. */
  readonly holidays: readonly (readonly [string, string, string])[];
  /** Weekend days that are working days (调休). */
  readonly makeUpWorkdays: readonly string[];
}

/** A stretch of time in which an SLA clock stands still, such as waiting for the applicant; `to` null means still waiting. */
export interface SlaPause {
  readonly from: Date;
  readonly to: Date | null;
}

const DAY = 86_400_000;

/**
 * Working days in one time zone (Asia/Shanghai by default, UTC+8 without daylight saving), with
 * public holidays and make-up working days as yearly data. SLA time is counted in working time:
 * the hours of working days, less any pauses, so "3 working days" from Friday 10:00 before a
 * holiday week ends on the first working day after it at 10:00.
 */
export class BusinessCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly makeUp = new Set<string>();
  private readonly years = new Set<number>();

  constructor(
    years: readonly CalendarYear[],
    private readonly utcOffsetMinutes = 8 * 60,
  ) {
    for (const y of years) {
      this.years.add(y.year);
      for (const [from, to, name] of y.holidays) {
        for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) this.holidays.set(new Date(t).toISOString().slice(0, 10), name);
      }
      for (const d of y.makeUpWorkdays) this.makeUp.add(d);
    }
  }

  /** The local calendar date of an instant, as YYYY-MM-DD. */
  localDate(at: Date): string {
    return new Date(at.getTime() + this.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  }

  /** Whether holidays are known for this year; otherwise only weekends are days off. */
  isConfigured(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    if (this.makeUp.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  holidayName(date: string): string | undefined {
    return this.holidays.get(date);
  }

  /** Working time in [from, to) in milliseconds, not counting pauses. */
  workingTime(from: Date, to: Date, pauses: readonly SlaPause[] = []): number {
    let total = 0;
    for (const [start, end] of this.workingIntervals(from)) {
      if (start >= to.getTime()) break;
      total += this.unpaused(start, Math.min(end, to.getTime()), pauses);
    }
    return total;
  }

  /** When `budget` of working time has passed since `from`; null while a pause is still open. */
  dueAt(from: Date, budgetMs: number, pauses: readonly SlaPause[] = []): Date | null {
    // An open pause stops the clock from its start on for good, also when it began before `from`
    // (the walk below would otherwise find no working time left and run off the calendar).
    if (pauses.some((p) => p.to === null)) return null;
    let left = budgetMs;
    for (const [start, end] of this.workingIntervals(from)) {
      for (const [a, b] of this.unpausedParts(start, end, pauses)) {
        if (b - a >= left) return new Date(a + left);
        left -= b - a;
      }
    }
    throw new Error('unreachable: working intervals never end');
  }

  dueAfterWorkingDays(from: Date, days: number, pauses: readonly SlaPause[] = []): Date | null {
    return this.dueAt(from, days * DAY, pauses);
  }

  /** Working-day intervals [start, end) in epoch ms from `from` onwards, one local day each. */
  private *workingIntervals(from: Date): Generator<[number, number]> {
    const offset = this.utcOffsetMinutes * 60_000;
    let dayStart = Math.floor((from.getTime() + offset) / DAY) * DAY - offset;
    for (let i = 0; i < 3_660; i++, dayStart += DAY) {
      if (!this.isWorkingDay(this.localDate(new Date(dayStart)))) continue;
      yield [Math.max(dayStart, from.getTime()), dayStart + DAY];
    }
  }

  private unpaused(start: number, end: number, pauses: readonly SlaPause[]): number {
    return this.unpausedParts(start, end, pauses).reduce((sum, [a, b]) => sum + (b - a), 0);
  }

  private unpausedParts(start: number, end: number, pauses: readonly SlaPause[]): [number, number][] {
    let parts: [number, number][] = end > start ? [[start, end]] : [];
    for (const p of pauses) {
      const ps = p.from.getTime();
      const pe = p.to?.getTime() ?? Number.POSITIVE_INFINITY;
      parts = parts.flatMap(([a, b]): [number, number][] => (pe <= a || ps >= b ? [[a, b]] : [...(ps > a ? [[a, ps] as [number, number]] : []), ...(pe < b ? [[pe, b] as [number, number]] : [])]));
    }
    return parts;
  }
}
