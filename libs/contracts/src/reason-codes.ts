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
  'certificate.withdrawn': ['detail'],
  'certificate.withdrawn-deadline-passed': ['deadline'],
  'certificate.withdrawn-decision-retaken': ['detail'],
  'certificate.cancelled': ['detail'],
  'certificate.expired': ['validUntil'],
  'certificate.surveillance-passed': ['nextBy'],
  'certificate.surveillance-failed': ['detail'],
  'certificate.scope-changed': ['change'],
  'certificate.recertification-started': [],
  'certificate.superseded': ['by'],
  /** A history entry written before codes existed: its sentence as it was stored. */
  'certificate.recorded': ['detail'],
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
 */
export const CERTIFICATE_REFUSAL_CODES = [
  'BasisChanged',
  'ConflictOfInterest',
  'EvaluatorCannotDecide',
  'InvalidCertificateNumber',
  'InvalidDate',
  'InvalidScopeChange',
  'LevelNotSupported',
  'LevelRequired',
  'NotAllowedInState',
  'NotAwaitingDecision',
  'NotCurrentCertificate',
  'NotYetRendered',
  'NotYetSigned',
  'ScorecardNotHere',
  'UnknownCase',
  'UnknownCertificate',
  'UnknownRequest',
] as const;

/** The statuses a validity check can answer besides the registry's own: before the first issue. */
export const VALIDITY_STATUSES = ['valid', 'suspended', 'withdrawn', 'cancelled', 'expired', 'superseded', 'not-yet-issued'] as const;

/** A reason with its parameters checked against the list: a code or parameter not listed is a programming error. */
export function reason(code: ReasonCode, params: Readonly<Record<string, string>> = {}): Reason {
  const wanted: readonly string[] = REASON_CODES[code];
  const given = Object.keys(params);
  if (given.length !== wanted.length || given.some((p) => !wanted.includes(p))) throw new Error(`reason ${code} takes ${wanted.join(', ') || 'no parameters'}, not ${given.join(', ') || 'none'}`);
  return { code, params };
}
