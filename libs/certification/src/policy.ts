/**
 * Time limits the standard's sources do not fix: configuration with defaults taken from
 * ISO/IEC 17065 practice (see docs/lifecycle.md). All in calendar months.
 */
export interface LifecyclePolicy {
  /** Certificate validity: 3 years. */
  readonly validityMonths: number;
  /** Surveillance at least once a year, the first within 12 months. */
  readonly surveillanceIntervalMonths: number;
  /** A suspension's deadline when none is given (a failed surveillance too): analogues say normally 3. */
  readonly defaultSuspensionMonths: number;
  /** Longest suspension before withdrawal: at most 6. */
  readonly maxSuspensionMonths: number;
  /** Recertification may start this long before expiry. */
  readonly recertificationWindowMonths: number;
  /**
   * A withdrawal set aside on appeal after the surveillance date passed: the surveillance is due at
   * once, to be carried out within this many months (ADR 0038); nothing verified stands in for it.
   */
  readonly surveillanceAfterSetAsideMonths: number;
}

export const DEFAULT_POLICY: LifecyclePolicy = {
  validityMonths: 36,
  surveillanceIntervalMonths: 12,
  defaultSuspensionMonths: 3,
  maxSuspensionMonths: 6,
  recertificationWindowMonths: 6,
  surveillanceAfterSetAsideMonths: 1,
};

/** Adds calendar months in UTC, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}
