import type { APPEAL_REMEDIES, AppealedDecision, AppealKind } from '@gbt/contracts';

/**
 * How long an appeal may wait and how long its answer may take: configuration (ADR 0033). The
 * appellant's period is calendar days; the body's answer and its reminder are working days of the
 * business calendar (Asia/Shanghai, public holidays and make-up days counted), like complaints'.
 */
export interface AppealPolicy {
  readonly periodDays: number;
  readonly answerWorkingDays: number;
  /** The reminder to the handler this many working days before the answer is due. */
  readonly reminderWorkingDays: number;
}

export const DEFAULT_APPEAL_POLICY: AppealPolicy = { periodDays: 30, answerWorkingDays: 40, reminderWorkingDays: 5 };

/** A refusal with its code and what a reader needs to word it. */
export interface AppealRefusal {
  readonly error: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string>>;
}

const refuse = (error: string, message: string, params?: Record<string, string>): AppealRefusal => ({ error, message, ...(params ? { params } : {}) });

/** A calendar date (YYYY-MM-DD) `days` later; dates are whole days, so UTC arithmetic is exact. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The date `count` working days after `date` (before it when negative); `date` itself is never
 * counted, so 1 is the next working day whatever day `date` is.
 */
export function shiftWorkingDays(date: string, count: number, isWorkingDay: (date: string) => boolean): string {
  const step = count < 0 ? -1 : 1;
  let day = date;
  for (let left = Math.abs(count); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** The day an appeal acknowledged on `acknowledgedOn` is to be answered by. */
export const answerDueOn = (acknowledgedOn: string, policy: AppealPolicy, isWorkingDay: (date: string) => boolean): string =>
  shiftWorkingDays(acknowledgedOn, policy.answerWorkingDays, isWorkingDay);

/** The last day on which a decision taken on `decidedOn` may be appealed. */
export const periodEndsOn = (decidedOn: string, policy: AppealPolicy): string => addDays(decidedOn, policy.periodDays);

/** What an upheld appeal does to each kind of decision (ADR 0033, 0038); null would be a kind with no remedy, refused as RemedyNotAvailable. */
export const REMEDY: Readonly<Record<AppealKind, (typeof APPEAL_REMEDIES)[number] | null>> = {
  denial: 'decision-reopened',
  suspension: 'certificate-reinstated',
  refusal: 'application-reopened',
  level: 'level-decision-reopened',
  withdrawal: 'withdrawal-set-aside',
};

/** What an appeal needs to know about earlier ones of the same case. */
export interface EarlierAppeal {
  readonly appealId: string;
  readonly decisionKey: string;
  readonly status: 'open' | 'upheld' | 'dismissed';
}

/**
 * Why an appeal may not be lodged today, or null: `standing` is the decision the case stands on
 * now (null when there is none a person could appeal), `today` the calendar date in Shanghai.
 */
export function whyNotLodge(standing: AppealedDecision | null, earlier: readonly EarlierAppeal[], today: string, policy: AppealPolicy): AppealRefusal | null {
  const open = earlier.find((a) => a.status === 'open');
  if (open) return refuse('AppealAlreadyOpen', `appeal ${open.appealId} of this case is still open; it is answered before another is lodged`, { appealId: open.appealId });
  if (!standing) return refuse('NothingToAppeal', 'the case does not stand on a decision that can be appealed (a refusal, a denial, a level, a suspension or a withdrawal)');
  if (earlier.some((a) => a.decisionKey === standing.decisionKey)) {
    return refuse('DecisionAlreadyAppealed', `the ${standing.kind} of ${standing.decidedOn} was appealed already; a decision is appealed once`, { kind: standing.kind, decidedOn: standing.decidedOn });
  }
  const lastDay = periodEndsOn(standing.decidedOn, policy);
  if (today > lastDay) {
    return refuse('OutOfAppealPeriod', `the ${standing.kind} of ${standing.decidedOn} could be appealed until ${lastDay} (${policy.periodDays} days)`, {
      kind: standing.kind,
      decidedOn: standing.decidedOn,
      lastDay,
      days: String(policy.periodDays),
    });
  }
  return null;
}

/** Who took part in the case's review and decisions: none of them may handle its appeals. */
export interface Participation {
  readonly evaluators: readonly string[];
  readonly conflicts: readonly string[];
  /** Every decision maker of the case's decisions, the one appealed included. */
  readonly deciders: readonly string[];
}

/**
 * Why a person may not handle an appeal of the case, or null (ISO/IEC 17065 7.13.3: by persons not
 * involved in the decision). The directory's rules (listed, qualified, not related to the
 * organisation) are the competence library's, checked beside this one.
 */
export function whyNotHandler(personId: string, p: Participation): AppealRefusal | null {
  if (p.evaluators.includes(personId)) return refuse('EvaluatorCannotHandleAppeal', `${personId} took part in the evaluation of the case and cannot handle its appeal`, { personId });
  if (p.conflicts.includes(personId)) return refuse('ConflictOfInterest', `${personId} has a declared conflict of interest with this applicant`, { personId });
  if (p.deciders.includes(personId)) return refuse('DeciderCannotHandleAppeal', `${personId} took a decision of this case and cannot handle its appeal`, { personId });
  return null;
}
