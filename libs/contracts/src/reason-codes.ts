/**
 * Every reason a service gives a reader about a certificate, as a code with named parameters: the
 * console and the verify page put it into words in Chinese or English (messages-zh/en.tsx, and
 * the service's bilingual QR page). A response may also carry `reason`, an English sentence for
 * logs and developers only; no screen shows it. A unit test checks that every code here has a zh
 * and an en message. No imports: the console bundles this file as it is.
 *
 * Parameters are texts. Instants are ISO 8601 (shown as the calendar date in Asia/Shanghai);
 * `validFrom`/`validUntil`/`until`/`dueBy`/`nextBy`/`deadline` are calendar dates; `detail` is what the
 * issuing body wrote, shown as written.
 */
export const REASON_CODES = {
  // A certificate's history in the registry (one per change).
  'certificate.issued': ['level', 'validUntil'],
  'certificate.reinstated': [],
  'certificate.suspended': ['detail', 'until'],
  'certificate.suspended-surveillance-failed': ['detail', 'until'],
  'certificate.suspended-surveillance-overdue': ['dueBy', 'until'],
  /** A failed surveillance recorded without saying what failed: the lifecycle's default. */
  'certificate.suspended-surveillance-not-maintained': ['until'],
  'certificate.withdrawn': ['detail'],
  'certificate.withdrawn-deadline-passed': ['deadline'],
  'certificate.withdrawn-decision-retaken': ['detail'],
  'certificate.cancelled': ['detail'],
  'certificate.expired': ['validUntil'],
  'certificate.surveillance-passed': ['nextBy'],
  'certificate.surveillance-failed': ['detail'],
  'certificate.surveillance-failed-not-maintained': [],
  'certificate.scope-changed': ['change'],
  'certificate.recertification-started': [],
  'certificate.superseded': ['by'],
  /** The level decided again after an upheld appeal (ADR 0038): the same certificate re-issued at `level`. */
  'certificate.level-redecided': ['level', 'previousLevel'],
  /** An upheld appeal set the withdrawal aside: valid again, or suspended again until `until`. */
  'certificate.withdrawal-set-aside': [],
  'certificate.withdrawal-set-aside-suspended': ['until'],
  /** A history entry written before codes existed: its sentence as it was stored. */
  'certificate.recorded': ['detail'],
  // Why a case stands where it is when the lifecycle decided it, not a person (the console's case page and timeline).
  'case.not-certified-score': ['score', 'specialDeductions'],
  'case.recertification-denied-score': ['score'],
  // Whether a certificate was valid at an instant (GET /registry/certificates/:number/validity).
  'validity.valid': ['since', 'validUntil'],
  'validity.not-yet-issued': ['validFrom'],
  'validity.ended': ['validUntil'],
  // Its standing now (certificate-core STANDING_REASONS, prefixed): the registry, verify page and CLI.
  'standing.issued': ['since', 'validUntil'],
  'standing.reinstated': ['since', 'validUntil'],
  'standing.suspended': ['since', 'until', 'detail'],
  'standing.withdrawn': ['since', 'detail'],
  'standing.cancelled': ['since', 'detail'],
  'standing.superseded': ['since', 'by'],
  'standing.validity-ended': ['since', 'validUntil'],
} as const satisfies Record<string, readonly string[]>;

export type ReasonCode = keyof typeof REASON_CODES;

/** A reason as a service answers it. */
export interface Reason {
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Every refusal code the certificates service answers (problem+json `code`, shown as
 * `error.<code>`); a unit test checks the service uses no other and the console words each.
 * Besides these, a decision maker may be refused with the directory's competence and
 * impartiality codes (`COMPETENCE_REFUSAL_CODES` in libs/competence, worded and tested the same).
 */
export const CERTIFICATE_REFUSAL_CODES = [
  'AppealHandlerCannotRedecide',
  'AuditPlanRequired',
  'BasisChanged',
  'BeyondLogSize',
  'ComplaintClosed',
  'ComplaintNotFound',
  'ConflictOfInterest',
  'EmptyRange',
  'EvaluatorCannotDecide',
  'FuturePeriod',
  'InvalidCertificateNumber',
  'InvalidDate',
  'InvalidPeriod',
  'InvalidReportSequence',
  'InvalidScopeChange',
  'LeafNotInTree',
  'LevelNotSupported',
  'LevelRedecisionGrants',
  'LevelRequired',
  'NoTreeHead',
  'NoTreeHeadAtSize',
  'NotAboutCertificate',
  'NotADecisionMaker',
  'NotAllowedInState',
  'NotAwaitingDecision',
  'NotCurrentCertificate',
  'NotTheStandingDenial',
  'NotTheStandingGrant',
  'NotYetRendered',
  'NotYetSigned',
  'OriginalDeciderCannotRedecide',
  'RangeTooLong',
  'ReportBeingWritten',
  'ScorecardNotHere',
  'ShrinkingTree',
  'SurveillanceNotOrdered',
  'UnknownAppeal',
  'UnknownCase',
  'UnknownCertificate',
  'UnknownReport',
  'UnknownRequest',
  'ValidityEnded',
] as const;

/** The statuses a validity check can answer besides the registry's own: before the first issue. */
export const VALIDITY_STATUSES = ['valid', 'suspended', 'withdrawn', 'cancelled', 'expired', 'superseded', 'not-yet-issued'] as const;

const takes = (code: ReasonCode, params: Readonly<Record<string, unknown>>): boolean => {
  const wanted: readonly string[] = REASON_CODES[code];
  const given = Object.keys(params);
  return given.length === wanted.length && given.every((p) => wanted.includes(p) && typeof params[p] === 'string');
};

/** A reason with its parameters checked against the list: a code or parameter not listed is a programming error. */
export function reason(code: ReasonCode, params: Readonly<Record<string, string>> = {}): Reason {
  if (!takes(code, params)) throw new Error(`reason ${code} takes ${REASON_CODES[code].join(', ') || 'no parameters'}, not ${Object.keys(params).join(', ') || 'none'}`);
  return { code, params };
}

/** Whether a code and its parameters, as data from elsewhere carries them, are a reason of the list. */
export const isReason = (code: unknown, params: unknown): boolean =>
  typeof code === 'string' && Object.hasOwn(REASON_CODES, code) && params !== null && typeof params === 'object' && !Array.isArray(params) && takes(code as ReasonCode, params as Record<string, unknown>);

/**
 * The reason of a lifecycle fact (certification-case.ts) as a code, when the lifecycle worded it
 * (`reasonCode` with `reasonParams`); null when its `reason` is a person's own words, or a fact
 * stored before the lifecycle wrote codes: those are shown as written.
 */
export function lifecycleReason(data: { readonly reasonCode?: unknown; readonly reasonParams?: unknown }): Reason | null {
  const params = data.reasonParams ?? {};
  return isReason(data.reasonCode, params) ? { code: data.reasonCode as ReasonCode, params: params as Record<string, string> } : null;
}
