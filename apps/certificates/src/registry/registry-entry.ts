import type { Level } from '@gbt/catalogue';
import type { CaseFact } from '@gbt/contracts';
import type { CaseView } from '../lifecycle/case-mirror';

type Scope = CaseView['scope'];

export type PublicStatus = 'valid' | 'suspended' | 'withdrawn' | 'cancelled' | 'expired' | 'superseded';

export interface HistoryEntry {
  readonly eventId: string;
  /** The status from this change on; unchanged by events that only inform (a passed surveillance). */
  readonly status: PublicStatus;
  readonly change: string;
  readonly reason: string;
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

type Change = { status?: PublicStatus; change: string; reason: string; suspendedUntil?: string | null };

/** What a lifecycle fact (from a status snapshot's changes) does to the current certificate's registry entry, if anything. */
export function registryChange(fact: CaseFact, after: Pick<CaseView, 'status'> | null): Change | null {
  const data: Record<string, unknown> = fact.data;
  const text = (k: string) => String(data[k] ?? '');
  switch (fact.type) {
    case 'certification.certificate-suspended':
      return { status: 'suspended', change: 'suspended', reason: `${text('reason')} (deadline ${text('until').slice(0, 10)})`, suspendedUntil: text('until') };
    case 'certification.certificate-reinstated':
      return { status: 'valid', change: 'reinstated', reason: 'the fix was verified', suspendedUntil: null };
    case 'certification.certificate-withdrawn':
      return { status: 'withdrawn', change: 'withdrawn', reason: text('reason') };
    case 'certification.certificate-cancelled':
      return { status: 'cancelled', change: 'cancelled', reason: text('reason') };
    case 'certification.certificate-expired':
      return { status: 'expired', change: 'expired', reason: `validity ended on ${text('expiredAt').slice(0, 10)}` };
    case 'certification.surveillance-passed':
      return { change: 'surveillance-passed', reason: `surveillance passed; the next is due by ${text('nextSurveillanceBy').slice(0, 10)}` };
    case 'certification.surveillance-failed':
      return { change: 'surveillance-failed', reason: text('reason') };
    case 'certification.scope-changed':
      return { change: `scope-${text('change')}`, reason: `scope ${text('change')}: a changed certificate was issued` };
    case 'certification.recertification-started':
      return after?.status === 'recertifying' ? { change: 'recertification-started', reason: 'recertification started before expiry' } : null;
    default:
      return null;
  }
}

const END_OF_DAY_SHANGHAI = 'T23:59:59.999+08:00';

/** A date (YYYY-MM-DD, meaning the end of that day in Asia/Shanghai) or an instant. */
export function parseInstant(value: string): Date | null {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}${END_OF_DAY_SHANGHAI}` : value;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value) ? null : at;
}

/** Whether the certificate was valid at an instant, with the status it had and why. */
export function validAt(entry: RegistryEntry, at: Date) {
  const changes = entry.history.filter((h) => new Date(h.at) <= at);
  const last = changes.at(-1);
  if (!last) return { valid: false, status: 'not-yet-issued' as const, reason: `issued on ${entry.validFrom.slice(0, 10)}`, since: null };
  if (at >= new Date(entry.validUntil) && last.status === 'valid') {
    return { valid: false, status: 'expired' as const, reason: `validity ended on ${entry.validUntil.slice(0, 10)}`, since: entry.validUntil };
  }
  // The change that put it in this status: the first of the latest run of entries with the same status.
  let first = changes.length - 1;
  while (first > 0 && changes[first - 1]!.status === last.status) first--;
  const cause = changes[first]!;
  return { valid: last.status === 'valid', status: last.status, reason: cause.reason, since: cause.at };
}
