import type { Level } from '@gbt/catalogue';
import { certificateDates, hasEnded, shanghaiDate, validityEndsAt } from '@gbt/certificate-core';
import { lifecycleReason, reason, type CaseFact, type Reason, type ReasonCode } from '@gbt/contracts';
import type { CaseView } from '../lifecycle/case-mirror';

type Scope = CaseView['scope'];

export type PublicStatus = 'valid' | 'suspended' | 'withdrawn' | 'cancelled' | 'expired' | 'superseded';

export interface HistoryEntry {
  readonly eventId: string;
  /** The status from this change on; unchanged by events that only inform (a passed surveillance). */
  readonly status: PublicStatus;
  readonly change: string;
  /** An English sentence for logs and developers; readers get `code` and `params`. */
  readonly reason: string;
  /** Absent on entries recorded before reason codes (historyReason reads those). */
  readonly code?: ReasonCode;
  readonly params?: Readonly<Record<string, string>>;
  /** The sites a surveillance carried out under an audit plan visited, as the scope lists sites (issue 19). */
  readonly sites?: readonly string[];
  readonly at: string;
}

/** A certificate as the public registry shows it: what the certificate itself states, and its history. */
export interface RegistryEntry {
  readonly _id: string;
  readonly caseId: string;
  readonly cycle: number;
  readonly version: number;
  readonly holder: { readonly name: string; readonly creditCode: string };
  readonly holderKey: string;
  readonly level: Level;
  readonly scope: Scope;
  readonly issuingBody: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly status: PublicStatus;
  readonly statusReason: string;
  readonly suspendedUntil: string | null;
  readonly supersedes: string | null;
  readonly supersededBy: string | null;
  readonly history: readonly HistoryEntry[];
}

export { LEVEL_NAMES } from '@gbt/catalogue';

/** Holder names are searched case- and width-insensitively. */
export const holderKey = (name: string) => name.normalize('NFKC').toLowerCase();

type Change = { status?: PublicStatus; change: string; reason: string; code: ReasonCode; params: Record<string, string>; suspendedUntil?: string | null; sites?: string[] };

// How the lifecycle worded its suspensions and withdrawals before it wrote reason codes (reasonCode,
// reasonParams): kept only for the facts stored before then, which carry no code; a newer fact's code is used as it is.
const SURVEILLANCE_FAILED = /^surveillance failed: /;
const SURVEILLANCE_OVERDUE = /^surveillance overdue: it was due by (\d{4}-\d{2}-\d{2})/;

// Withdrawals the system worded as sentences before codes: a suspension deadline passed, a decision retaken.
const DEADLINE_PASSED = /^suspension deadline (\d{4}-\d{2}-\d{2}) passed unresolved$/;
const DECISION_RETAKEN = /^decision retaken on a changed basis: /;

/** A withdrawal's code: after a suspension deadline, after a retaken decision, or the issuing body's own reason. */
function withdrawal(detail: string): Pick<Change, 'code' | 'params'> {
  const deadline = DEADLINE_PASSED.exec(detail);
  if (deadline) return reason('certificate.withdrawn-deadline-passed', { deadline: deadline[1] ?? '' });
  if (DECISION_RETAKEN.test(detail)) return reason('certificate.withdrawn-decision-retaken', { detail: detail.replace(DECISION_RETAKEN, '') });
  return reason('certificate.withdrawn', { detail });
}

/** A suspension's code: a failed or overdue surveillance, or the issuing body's own reason. */
function suspension(detail: string, until: string): Pick<Change, 'code' | 'params'> {
  const overdue = SURVEILLANCE_OVERDUE.exec(detail);
  if (overdue) return reason('certificate.suspended-surveillance-overdue', { dueBy: overdue[1] ?? '', until });
  if (SURVEILLANCE_FAILED.test(detail)) return reason('certificate.suspended-surveillance-failed', { detail: detail.replace(SURVEILLANCE_FAILED, ''), until });
  return reason('certificate.suspended', { detail, until });
}

/** The sites a surveillance fact says its plan visited, when it names any. */
const visited = (data: Record<string, unknown>): { sites?: string[] } => (Array.isArray(data.sites) && data.sites.length ? { sites: data.sites.map(String) } : {});

/**
 * What a lifecycle fact (from a status snapshot's changes) does to the current certificate's
 * registry entry, if anything: a reason code with parameters for readers, and an English
 * sentence (`reason`) for logs and developers.
 */
export function registryChange(fact: CaseFact, after: Pick<CaseView, 'status'> | null): Change | null {
  const data: Record<string, unknown> = fact.data;
  const text = (k: string) => String(data[k] ?? '');
  const day = (k: string) => (text(k) ? shanghaiDate(text(k)) : '');
  // The lifecycle's own code when the fact carries one; else the reason is the issuing body's words or an older fact's sentence.
  const coded = lifecycleReason(data);
  switch (fact.type) {
    case 'certification.certificate-suspended':
      return { status: 'suspended', change: 'suspended', reason: `${text('reason')} (deadline ${day('until')})`, ...(coded ?? suspension(text('reason'), day('until'))), suspendedUntil: text('until') };
    case 'certification.certificate-reinstated':
      return { status: 'valid', change: 'reinstated', reason: 'the fix was verified', ...reason('certificate.reinstated'), suspendedUntil: null };
    case 'certification.certificate-withdrawn':
      return { status: 'withdrawn', change: 'withdrawn', reason: text('reason'), ...(coded ?? withdrawal(text('reason'))) };
    case 'certification.certificate-cancelled':
      return { status: 'cancelled', change: 'cancelled', reason: text('reason'), ...reason('certificate.cancelled', { detail: text('reason') }) };
    case 'certification.certificate-expired': {
      const { validUntil } = certificateDates({ validFrom: text('expiredAt'), validUntil: text('expiredAt') });
      return { status: 'expired', change: 'expired', reason: `validity ended after ${validUntil}`, ...reason('certificate.expired', { validUntil }) };
    }
    case 'certification.surveillance-passed':
      return { change: 'surveillance-passed', reason: `surveillance passed; the next is due by ${day('nextSurveillanceBy')}`, ...reason('certificate.surveillance-passed', { nextBy: day('nextSurveillanceBy') }), ...visited(data) };
    case 'certification.surveillance-failed':
      return { change: 'surveillance-failed', reason: text('reason'), ...(coded ?? reason('certificate.surveillance-failed', { detail: text('reason') })), ...visited(data) };
    case 'certification.scope-changed':
      return { change: `scope-${text('change')}`, reason: `scope ${text('change')}: a changed certificate was issued`, ...reason('certificate.scope-changed', { change: text('change') }) };
    case 'certification.level-redecided':
      return { change: 'level-redecided', reason: `level re-decided on appeal: ${text('previousLevel')} to ${text('level')}; a new version was issued`, ...reason('certificate.level-redecided', { level: text('level'), previousLevel: text('previousLevel') }) };
    case 'certification.withdrawal-set-aside': {
      const until = fact.data.suspension?.until;
      return until
        ? { status: 'suspended', change: 'withdrawal-set-aside', reason: `withdrawal set aside on appeal: suspended again until ${shanghaiDate(until)}`, ...reason('certificate.withdrawal-set-aside-suspended', { until: shanghaiDate(until) }), suspendedUntil: until }
        : { status: 'valid', change: 'withdrawal-set-aside', reason: 'withdrawal set aside on appeal: valid again', ...reason('certificate.withdrawal-set-aside'), suspendedUntil: null };
    }
    case 'certification.recertification-started':
      return after?.status === 'recertifying' ? { change: 'recertification-started', reason: 'recertification started before expiry', ...reason('certificate.recertification-started') } : null;
    default:
      return null;
  }
}

/** A history entry's code and parameters; one recorded before codes existed keeps its sentence as `detail`. */
export function historyReason(h: HistoryEntry): Reason {
  return h.code ? { code: h.code, params: h.params ?? {} } : reason('certificate.recorded', { detail: h.reason });
}

const END_OF_DAY_SHANGHAI = 'T23:59:59.999+08:00';

/** A date (YYYY-MM-DD, meaning the end of that day in Asia/Shanghai) or an instant. */
export function parseInstant(value: string): Date | null {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}${END_OF_DAY_SHANGHAI}` : value;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value) ? null : at;
}

/**
 * Whether the certificate was valid at an instant, with the status it had and why (a code with
 * parameters; `reason` is the English sentence for developers). Validity is the dates' rule
 * (certificate-dates.ts): through the end of the last day in Shanghai.
 */
export function validAt(entry: RegistryEntry, at: Date) {
  const dates = certificateDates(entry);
  const changes = entry.history.filter((h) => new Date(h.at) <= at);
  const last = changes.at(-1);
  if (!last) return { valid: false, status: 'not-yet-issued' as const, reason: `issued on ${dates.validFrom}`, ...reason('validity.not-yet-issued', { validFrom: dates.validFrom }), since: null };
  // Expired, recorded or not yet (the expiry timer may not have fired): one answer either way.
  if ((last.status === 'valid' && hasEnded(dates, at)) || last.status === 'expired') {
    const since = validityEndsAt(dates).toISOString();
    return { valid: false, status: 'expired' as const, reason: `validity ended after ${dates.validUntil}`, ...reason('validity.ended', { validUntil: dates.validUntil }), since };
  }
  // The change that put it in this status: the first of the latest run of entries with the same status.
  let first = changes.length - 1;
  while (first > 0 && changes[first - 1]?.status === last.status) first--;
  const cause = changes[first] ?? last;
  const why = last.status === 'valid' ? reason('validity.valid', { since: cause.at, validUntil: dates.validUntil }) : historyReason(cause);
  return { valid: last.status === 'valid', status: last.status, reason: cause.reason, ...why, since: cause.at };
}
