import type { Deadline } from '@gbt/contracts';
import type { CaseView } from '../lifecycle/case-mirror';

/** How far ahead of their dates certificates warn and act; configuration, with these defaults. */
export interface TimerPolicy {
  /** The surveillance falls due (the lifecycle shows it) this many days before its date. */
  readonly surveillanceDueLeadDays: number;
  readonly surveillanceReminderDays: readonly number[];
  readonly renewalReminderDays: readonly number[];
}

export const DEFAULT_TIMER_POLICY: TimerPolicy = { surveillanceDueLeadDays: 60, surveillanceReminderDays: [30, 7], renewalReminderDays: [90, 60, 30] };

export type TimerKind = Deadline | 'surveillance-reminder' | 'renewal-reminder';

export interface PlannedTimer {
  /** Deterministic: the same lifecycle fact always plans the same ids, so a replay adds nothing. */
  readonly id: string;
  readonly kind: TimerKind;
  readonly caseId: string;
  readonly certificateNumber: string;
  readonly dueAt: string;
  /** The lifecycle date the timer is about; when it fires it acts only if that date still holds. */
  readonly about: string;
  readonly daysBefore?: number;
}

const DAY = 86_400_000;
const before = (iso: string, days: number) => new Date(new Date(iso).getTime() - days * DAY).toISOString();

function timer(caseId: string, number: string, kind: TimerKind, dueAt: string, about: string, daysBefore?: number): PlannedTimer {
  const suffix = daysBefore === undefined ? '' : `.${daysBefore}d`;
  return { id: `${caseId}.${number}.${kind}.${about.slice(0, 10)}${suffix}`, kind, caseId, certificateNumber: number, dueAt, about, ...(daysBefore === undefined ? {} : { daysBefore }) };
}

function surveillanceTimers(caseId: string, number: string, dueBy: string, policy: TimerPolicy): PlannedTimer[] {
  return [
    timer(caseId, number, 'surveillance-due', before(dueBy, policy.surveillanceDueLeadDays), dueBy),
    ...policy.surveillanceReminderDays.map((d) => timer(caseId, number, 'surveillance-reminder', before(dueBy, d), dueBy, d)),
    timer(caseId, number, 'surveillance-overdue', dueBy, dueBy),
  ];
}

/**
 * Timers planned again for a withdrawal set aside (ADR 0038). One whose day passed by then (`at`)
 * fired for nothing while the certificate was withdrawn: it fires once more, under an id naming the
 * set-aside (`key`, unique to it), except a reminder, which is not sent late. One still ahead keeps
 * its id: planned before the withdrawal, it is still waiting, and must not fire twice.
 */
export interface Rearm {
  readonly key: string;
  readonly at: string;
}

const rearmed = (timers: PlannedTimer[], { key, at }: Rearm): PlannedTimer[] => {
  const passed = (t: PlannedTimer) => new Date(t.dueAt) <= new Date(at);
  return timers.filter((t) => !(t.kind === 'surveillance-reminder' && passed(t))).map((t) => (passed(t) ? { ...t, id: `${t.id}.rearmed-${key}` } : t));
};

/** The timers a lifecycle event starts, read off the case as it stands after the event. */
export function timersFor(eventType: string, after: CaseView, policy: TimerPolicy, rearm?: Rearm): PlannedTimer[] {
  const { caseId, certificate } = after;
  if (!certificate) return [];
  const { number, validUntil, nextSurveillanceBy } = certificate;
  switch (eventType) {
    case 'certification.certification-granted':
      return [
        ...surveillanceTimers(caseId, number, nextSurveillanceBy, policy),
        ...policy.renewalReminderDays.map((d) => timer(caseId, number, 'renewal-reminder', before(validUntil, d), validUntil, d)),
        timer(caseId, number, 'expiry', validUntil, validUntil),
      ];
    case 'certification.surveillance-passed':
    case 'certification.certificate-reinstated':
      return surveillanceTimers(caseId, number, nextSurveillanceBy, policy);
    case 'certification.certificate-suspended':
      return after.status === 'suspended' && after.suspendedUntil ? [timer(caseId, number, 'suspension-deadline', after.suspendedUntil, after.suspendedUntil)] : [];
    // A withdrawal set aside on appeal (ADR 0038): the timers of the status it returns to, those that
    // fired for nothing while withdrawn again (a surveillance due meanwhile is marked at once), and
    // the expiry's (same ids: planned once; the validity had not ended, or there is no set-aside).
    case 'certification.withdrawal-set-aside': {
      const expiry = [...policy.renewalReminderDays.map((d) => timer(caseId, number, 'renewal-reminder', before(validUntil, d), validUntil, d)), timer(caseId, number, 'expiry', validUntil, validUntil)];
      const again = (timers: PlannedTimer[]) => (rearm ? rearmed(timers, rearm) : timers);
      if (after.status === 'suspended' && after.suspendedUntil) return [...again([timer(caseId, number, 'suspension-deadline', after.suspendedUntil, after.suspendedUntil)]), ...expiry];
      return after.status === 'certified' ? [...again(surveillanceTimers(caseId, number, nextSurveillanceBy, policy)), ...expiry] : [];
    }
    default:
      return [];
  }
}

/** Whether a reminder still has a reason: a passed surveillance or a newer certificate leave it unsent. */
export function reminderStillApplies(t: PlannedTimer, now: CaseView | null): boolean {
  if (!now?.certificate || now.certificate.number !== t.certificateNumber) return false;
  if (t.kind === 'surveillance-reminder') return now.status === 'certified' && now.certificate.nextSurveillanceBy === t.about;
  return (now.status === 'certified' || now.status === 'suspended') && now.certificate.validUntil === t.about;
}
