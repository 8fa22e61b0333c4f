/**
 * The reasons the lifecycle words itself, with their parameters: readers get the code (the
 * console words it in zh and en); the English sentence stays in `reason`, for logs. They are
 * codes of libs/contracts reason-codes.ts, which this domain library may not import: a test in
 * apps/applications holds this list to that one. Dates are calendar dates in Asia/Shanghai (ADR 26).
 */
export const LIFECYCLE_REASONS = {
  'certificate.surveillance-failed': ['detail'],
  'certificate.surveillance-failed-not-maintained': [],
  'certificate.suspended-surveillance-failed': ['detail', 'until'],
  'certificate.suspended-surveillance-not-maintained': ['until'],
  'certificate.suspended-surveillance-overdue': ['dueBy', 'until'],
  'certificate.withdrawn-deadline-passed': ['deadline'],
  'certificate.withdrawn-decision-retaken': ['detail'],
  'case.not-certified-score': ['score', 'specialDeductions'],
  'case.recertification-denied-score': ['score'],
} as const satisfies Record<string, readonly string[]>;

export type LifecycleReasonCode = keyof typeof LIFECYCLE_REASONS;
type ParamsOf<C extends LifecycleReasonCode> = { readonly [P in (typeof LIFECYCLE_REASONS)[C][number]]: string };

/** A reason as a fact or the state carries it: the sentence, and the code with its parameters when the lifecycle worded it. */
export interface Reasoned {
  readonly reason: string;
  readonly reasonCode?: string;
  readonly reasonParams?: Readonly<Record<string, string>>;
}

/** A reason the lifecycle words itself: its code and parameters, and the English sentence for logs. */
export const worded = <C extends LifecycleReasonCode>(reasonCode: C, reasonParams: ParamsOf<C>, sentence: string) => ({ reason: sentence, reasonCode, reasonParams });

/** A fact's reason as the state keeps it: the code only when the fact carries one. */
export const reasonOf = ({ reason, reasonCode, reasonParams }: Reasoned): Reasoned => (reasonCode ? { reason, reasonCode, reasonParams: reasonParams ?? {} } : { reason });
