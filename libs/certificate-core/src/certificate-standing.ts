/**
 * Whether a certificate may be relied on now, as the public registry knows it. A signature only
 * shows who issued a certificate; whether it is still valid (not suspended, withdrawn, cancelled,
 * expired or superseded by a renewal) only the registry can say. The verification page and the
 * offline verifier's --registry mode both show what certificateStanding makes of the registry
 * entry, so they cannot disagree. Statuses and reasons are codes with parameters, for the reader
 * to put into words in their language; the only free text is what the issuing body wrote (detail).
 */

export const CERTIFICATE_STATUSES = ['valid', 'suspended', 'withdrawn', 'superseded', 'expired', 'cancelled'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

import { certificateDates, hasEnded, validityEndsAt } from './certificate-dates';

/**
 * Why a certificate has its status, with the parameters each reason carries (all texts; instants
 * are ISO 8601, `validUntil` is the last valid day as a calendar date in Asia/Shanghai,
 * certificate-dates.ts). `detail` is the reason the issuing body recorded, as it wrote it.
 */
export const STANDING_REASONS = {
  /** Valid since it was issued: since (instant), validUntil (last day). */
  issued: { status: 'valid', params: ['since', 'validUntil'] },
  /** Valid again after a suspension: since, validUntil. */
  reinstated: { status: 'valid', params: ['since', 'validUntil'] },
  /** Suspended: since, until (the deadline to fix it, or empty), detail. */
  suspended: { status: 'suspended', params: ['since', 'until', 'detail'] },
  /** Withdrawn (撤销) by the issuing body: since, detail. */
  withdrawn: { status: 'withdrawn', params: ['since', 'detail'] },
  /** Cancelled (注销) at the holder's request: since, detail. */
  cancelled: { status: 'cancelled', params: ['since', 'detail'] },
  /** Replaced by a renewal: since, by (the new certificate's number). */
  superseded: { status: 'superseded', params: ['since', 'by'] },
  /** Its validity ended: since (the instant it ended), validUntil (its last day). */
  'validity-ended': { status: 'expired', params: ['since', 'validUntil'] },
} as const satisfies Record<string, { status: CertificateStatus; params: readonly string[] }>;
export type StandingReason = keyof typeof STANDING_REASONS;

export interface Standing {
  readonly status: CertificateStatus;
  readonly reason: StandingReason;
  readonly params: Readonly<Record<string, string>>;
  /** The instant this standing holds for (the registry's clock). */
  readonly at: string;
}

/** What the registry keeps about a certificate: its entry and the public view of it both fit. */
export interface StandingRecord {
  readonly status: string;
  /** Instants as the lifecycle records them, or calendar dates. */
  readonly validFrom: string;
  readonly validUntil: string;
  readonly suspendedUntil: string | null;
  readonly supersededBy: string | null;
  readonly history: readonly { readonly status: string; readonly change: string; readonly reason: string; readonly at: string }[];
}

/**
 * Changes that make a certificate valid again rather than issue it: a verified fix, or a withdrawal
 * an upheld appeal set aside (ADR 0038), which restores it as the regulator's report does (恢复).
 * Anything else would read as issued on the day it became valid again.
 */
const VALID_AGAIN: readonly string[] = ['reinstated', 'withdrawal-set-aside'];
const isStatus = (s: unknown): s is CertificateStatus => typeof s === 'string' && (CERTIFICATE_STATUSES as readonly string[]).includes(s);
/** The registry appends the deadline to a suspension's reason; the deadline is a parameter of its own. */
const withoutDeadline = (reason: string) => reason.replace(/ \(deadline \d{4}-\d{2}-\d{2}\)$/, '');

/**
 * The standing of a certificate at an instant. A certificate whose validity has ended is expired
 * even before the registry has recorded its expiry. Throws on a status it does not know, so a
 * new status cannot be read as valid.
 */
export function certificateStanding(record: StandingRecord, now: Date): Standing {
  if (!isStatus(record.status)) throw new Error(`unknown certificate status ${String(record.status)}`);
  const at = now.toISOString();
  const dates = certificateDates(record);
  if (record.status === 'expired' || (record.status === 'valid' && hasEnded(dates, now))) {
    return { status: 'expired', reason: 'validity-ended', params: { since: validityEndsAt(dates).toISOString(), validUntil: dates.validUntil }, at };
  }
  // The change that put it in this status: the first of the latest run of entries with this status.
  const history = record.history;
  let first = history.length - 1;
  while (first > 0 && history[first - 1]?.status === record.status) first--;
  const cause = history[first]?.status === record.status ? history[first] : undefined;
  const since = cause?.at ?? '';
  const detail = cause?.reason ?? '';
  switch (record.status) {
    case 'valid':
      return { status: 'valid', reason: cause && VALID_AGAIN.includes(cause.change) ? 'reinstated' : 'issued', params: { since, validUntil: dates.validUntil }, at };
    case 'suspended':
      return { status: 'suspended', reason: 'suspended', params: { since, until: record.suspendedUntil ?? '', detail: withoutDeadline(detail) }, at };
    case 'withdrawn':
      return { status: 'withdrawn', reason: 'withdrawn', params: { since, detail }, at };
    case 'cancelled':
      return { status: 'cancelled', reason: 'cancelled', params: { since, detail }, at };
    case 'superseded':
      return { status: 'superseded', reason: 'superseded', params: { since, by: record.supersededBy ?? '' }, at };
  }
}

/** A standing as a registry answered it, checked field by field; null when it is anything else. */
export function parseStanding(value: unknown): Standing | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { status, reason, params, at } = value as Record<string, unknown>;
  if (!isStatus(status) || typeof reason !== 'string' || !Object.hasOwn(STANDING_REASONS, reason) || typeof at !== 'string') return null;
  const expected = STANDING_REASONS[reason as StandingReason];
  if (expected.status !== status || params === null || typeof params !== 'object' || Array.isArray(params)) return null;
  const names = Object.keys(params).sort();
  const wanted = [...expected.params].sort();
  if (names.length !== wanted.length || names.some((n, i) => n !== wanted[i] || typeof (params as Record<string, unknown>)[n] !== 'string')) return null;
  return { status, reason: reason as StandingReason, params: params as Record<string, string>, at };
}
