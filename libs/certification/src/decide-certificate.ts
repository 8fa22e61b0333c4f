import type { CommandOf } from './commands';
import { domainError, type DomainError } from './errors';
import { event, type CaseEvent } from './events';
import { shanghaiDate } from '@gbt/certificate-core';
import { addMonths, type LifecyclePolicy } from './policy';
import { worded } from './reasons';
import type { CaseState, Certificate } from './state';
import type { Scope } from './scope';

type Outcome = CaseEvent[] | DomainError;

const certificateOf = (state: CaseState): Certificate => {
  if (!('certificate' in state)) throw new Error(`the transition table let a certificate command reach state ${state.status}`);
  return state.certificate;
};

export function markSurveillanceDue(_c: CommandOf<'mark-surveillance-due'>, state: CaseState): Outcome {
  if (state.status === 'certified' && state.surveillanceDueBy) return [];
  return [event('certification.surveillance-due', { dueBy: certificateOf(state).nextSurveillanceBy })];
}

export function recordSurveillance(c: CommandOf<'record-surveillance'>, state: CaseState, policy: LifecyclePolicy): Outcome {
  // The plan it was carried out under and the sites visited, as the certificates service checked them against the plan's visits.
  const { auditPlanId, auditPlanRevision, sites } = c.data;
  // An extraordinary (complaint's) surveillance supplements the periodic one and does not replace it (ISO/IEC 17065 7.9): the next stays due when it was.
  const audit = { ...(auditPlanId && auditPlanRevision ? { auditPlanId, auditPlanRevision, sites: [...(sites ?? [])] } : {}), ...(c.data.extraordinary ? { extraordinary: true as const } : {}) };
  if (c.data.passed) {
    const next = c.data.extraordinary ? certificateOf(state).nextSurveillanceBy : addMonths(c.at, policy.surveillanceIntervalMonths).toISOString();
    return [event('certification.surveillance-passed', { nextSurveillanceBy: next, recordedBy: c.actor.id, ...audit })];
  }
  const until = addMonths(c.at, policy.defaultSuspensionMonths).toISOString();
  const given = c.data.reason?.trim();
  // What the reviewer wrote stays their words (no code); the suspension it causes is the lifecycle's, with those words as its detail.
  if (given) {
    return [
      event('certification.surveillance-failed', { reason: given, recordedBy: c.actor.id, ...audit }),
      event('certification.certificate-suspended', { ...worded('certificate.suspended-surveillance-failed', { detail: given, until: shanghaiDate(until) }, `surveillance failed: ${given}`), until }),
    ];
  }
  const unmaintained = 'surveillance found the service system not maintained';
  return [
    event('certification.surveillance-failed', { ...worded('certificate.surveillance-failed-not-maintained', {}, unmaintained), recordedBy: c.actor.id, ...audit }),
    event('certification.certificate-suspended', { ...worded('certificate.suspended-surveillance-not-maintained', { until: shanghaiDate(until) }, `surveillance failed: ${unmaintained}`), until }),
  ];
}

export function suspendCertificate(c: CommandOf<'suspend-certificate'>, _state: CaseState, policy: LifecyclePolicy): Outcome {
  const months = c.data.months ?? policy.defaultSuspensionMonths;
  if (!Number.isInteger(months) || months < 1 || months > policy.maxSuspensionMonths) {
    return domainError('InvalidSuspension', `a suspension lasts 1 to ${policy.maxSuspensionMonths} months, not ${months}`);
  }
  return [event('certification.certificate-suspended', { reason: c.data.reason, until: addMonths(c.at, months).toISOString() })];
}

/**
 * The verification behind a reinstatement stands in for a surveillance whose date passed during
 * the suspension, so the next one falls due a whole interval on, not at once.
 */
export function reinstateCertificate(c: CommandOf<'reinstate-certificate'>, state: CaseState, policy: LifecyclePolicy): Outcome {
  let next = new Date(certificateOf(state).nextSurveillanceBy);
  while (next <= c.at) next = addMonths(next, policy.surveillanceIntervalMonths);
  return [event('certification.certificate-reinstated', { verifiedBy: c.actor.id, nextSurveillanceBy: next.toISOString() })];
}

export function withdrawCertificate(c: CommandOf<'withdraw-certificate'>): Outcome {
  const { reason, grounds } = c.data;
  // A decision retaken to a denial: the system words why; the new decision's reasons are a person's words, quoted.
  if (grounds === 'decision-retaken') return [event('certification.certificate-withdrawn', worded('certificate.withdrawn-decision-retaken', { detail: reason }, `decision retaken on a changed basis: ${reason}`))];
  return [event('certification.certificate-withdrawn', { reason })];
}

export function cancelCertificate(c: CommandOf<'cancel-certificate'>): Outcome {
  return [event('certification.certificate-cancelled', c.data)];
}

export function expireCertificate(c: CommandOf<'expire-certificate'>, state: CaseState): Outcome {
  const { validUntil } = certificateOf(state);
  if (c.at < new Date(validUntil)) return domainError('NotYetExpired', `the certificate is valid until ${validUntil}`);
  return [event('certification.certificate-expired', { expiredAt: validUntil })];
}

const categories = (s: Scope) => new Set([...s.productCategories, ...s.serviceCategories, ...s.sites, ...s.outlets]);

export function changeScope(c: CommandOf<'change-scope'>, state: CaseState): Outcome {
  if (state.status === 'none') throw new Error('unreachable');
  const before = categories(state.scope);
  const after = categories(c.data.scope);
  const added = [...after].filter((x) => !before.has(x));
  const removed = [...before].filter((x) => !after.has(x));
  const ok =
    c.data.change === 'extension'
      ? added.length > 0 && removed.length === 0
      : removed.length > 0 && added.length === 0 && c.data.scope.productCategories.length + c.data.scope.serviceCategories.length > 0;
  if (!ok) {
    return domainError(
      'InvalidScopeChange',
      c.data.change === 'extension' ? 'an extension must add to the scope and remove nothing' : 'a reduction must remove from the scope, add nothing and leave a category',
    );
  }
  return [event('certification.scope-changed', c.data)];
}

export function startRecertification(c: CommandOf<'start-recertification'>, state: CaseState, policy: LifecyclePolicy): Outcome {
  const { validUntil } = certificateOf(state);
  const opens = addMonths(new Date(validUntil), -policy.recertificationWindowMonths);
  if (c.at < opens || c.at >= new Date(validUntil)) {
    return domainError('OutsideRecertificationWindow', `recertification can start from ${opens.toISOString()} until the expiry ${validUntil}`);
  }
  return [event('certification.recertification-started', c.data)];
}

const overdueSuspension = (dueAt: string, until: string): CaseEvent => {
  const dueBy = shanghaiDate(dueAt);
  return event('certification.certificate-suspended', { ...worded('certificate.suspended-surveillance-overdue', { dueBy, until: shanghaiDate(until) }, `surveillance overdue: it was due by ${dueBy}`), until });
};

/** What a timer's deadline does, decided on the case as it is now: nothing when its date moved on. */
export function reachDeadline(c: CommandOf<'reach-deadline'>, state: CaseState, policy: LifecyclePolicy): Outcome {
  if (!('certificate' in state)) return [];
  const { about } = c.data;
  const { certificate, status } = state;
  switch (c.data.deadline) {
    case 'surveillance-due':
      return status === 'certified' && certificate.nextSurveillanceBy === about ? markSurveillanceDue({ ...c, type: 'mark-surveillance-due', data: {} }, state) : [];
    case 'surveillance-overdue':
      if (status !== 'certified' || certificate.nextSurveillanceBy !== about || c.at < new Date(about)) return [];
      return [overdueSuspension(about, addMonths(c.at, policy.defaultSuspensionMonths).toISOString())];
    case 'suspension-deadline': {
      if (status !== 'suspended' || state.until !== about || c.at < new Date(about)) return [];
      const deadline = shanghaiDate(about);
      return [event('certification.certificate-withdrawn', worded('certificate.withdrawn-deadline-passed', { deadline }, `suspension deadline ${deadline} passed unresolved`))];
    }
    case 'expiry':
      if (!['certified', 'suspended', 'recertifying'].includes(status) || certificate.validUntil !== about || c.at < new Date(about)) return [];
      return [event('certification.certificate-expired', { expiredAt: about })];
  }
}
