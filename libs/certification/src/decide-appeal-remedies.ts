import { certificateDates, shanghaiDate } from '@gbt/certificate-core';
import type { CommandOf } from './commands';
import { caseFile } from './decide-application';
import { domainError, type DomainError } from './errors';
import { event, type CaseEvent } from './events';
import { addMonths, type LifecyclePolicy } from './policy';
import { levelRank } from './scope';
import type { CaseState, Certificate } from './state';

type Outcome = CaseEvent[] | DomainError;

const certificateOf = (state: CaseState): Certificate => {
  if (!('certificate' in state)) throw new Error(`the transition table let an appeal remedy reach state ${state.status}`);
  return state.certificate;
};

/**
 * An upheld appeal against the level granted sets that decision aside (ADR 0038). The certificate
 * stays as it is until the level is decided again: the holder does not lose it for appealing.
 */
export function reopenLevelDecision(c: CommandOf<'reopen-level-decision'>, state: CaseState): Outcome {
  const pending = caseFile(state).levelReopened;
  if (pending?.appealId === c.data.appealId) return [];
  return [event('certification.level-decision-reopened', { appealId: c.data.appealId, reopenedBy: c.actor.id, setAsideBy: c.data.setAsideBy })];
}

/** The level decided again, by someone who neither evaluated the case, took the set-aside decision nor upheld the appeal, within what the scorecard supports. */
export function redecideLevel(c: CommandOf<'redecide-level'>, state: CaseState): Outcome {
  const f = caseFile(state);
  const pending = f.levelReopened;
  if (!pending) return domainError('LevelNotReopened', 'no upheld appeal set the level decision aside: the level is not decided again');
  if (c.actor.id === pending.setAsideBy) return domainError('OriginalDeciderCannotRedecide', `${c.actor.id} took the level decision an appeal set aside: another decision maker decides it again`);
  // ISO/IEC 17065 7.13: the appeal's decision and the certification decision are taken by different people.
  if (c.actor.id === pending.reopenedBy) return domainError('AppealHandlerCannotRedecide', `${c.actor.id} upheld the appeal against the level: another decision maker decides the level again`);
  if (f.evaluators.includes(c.actor.id)) return domainError('EvaluatorCannotDecide', `${c.actor.id} took part in the evaluation and cannot make the certification decision`);
  if (f.conflicts.includes(c.actor.id)) return domainError('ConflictOfInterest', `${c.actor.id} has a declared conflict of interest with this applicant and cannot take part`);
  if (!f.score || f.score.scorecardId !== c.data.scorecardId) return domainError('ScorecardMismatch', `the decision must be about scorecard ${f.score?.scorecardId}, not ${c.data.scorecardId}`);
  if (!f.score.level || levelRank(c.data.level) > levelRank(f.score.level)) return domainError('LevelNotSupported', `the scorecard supports at most level ${f.score.level}, not ${c.data.level}`);
  const previousLevel = certificateOf(state).level;
  return [event('certification.level-redecided', { level: c.data.level, previousLevel, decidedBy: c.actor.id, scorecardId: c.data.scorecardId, appealId: pending.appealId })];
}

/**
 * An upheld appeal against the withdrawal sets it aside: the case returns to where the withdrawal
 * found it, while the certificate's validity lasts. A suspension resumes with its deadline, or,
 * if that passed meanwhile, with a fresh one of the default length, so the holder has a real
 * chance to resolve it; a surveillance that was due, or whose date passed meanwhile, is due at once.
 */
export function setAsideWithdrawal(c: CommandOf<'set-aside-withdrawal'>, state: CaseState, policy: LifecyclePolicy): Outcome {
  if (state.status !== 'withdrawn') throw new Error('the transition table let set-aside-withdrawal reach a case not withdrawn');
  const { certificate } = state;
  if (c.at >= new Date(certificate.validUntil)) {
    // Its last valid day as the certificate states it (a Shanghai calendar date), not the instant the validity ends.
    return domainError('ValidityEnded', `certificate ${certificate.number} was valid until ${certificateDates(certificate).validUntil}: setting the withdrawal aside cannot restore it`);
  }
  const base = { appealId: c.data.appealId, setAsideBy: c.actor.id };
  const before = state.before ?? { status: 'certified' as const };
  if (before.status === 'suspended') {
    const renewed = new Date(before.until) <= c.at;
    const until = renewed ? addMonths(c.at, policy.defaultSuspensionMonths).toISOString() : before.until;
    const { reason, reasonCode, reasonParams } = before;
    // Coded suspensions state their deadline in the params: a renewed deadline is stated anew, not the one that passed.
    const params = renewed && reasonParams && 'until' in reasonParams ? { ...reasonParams, until: shanghaiDate(until) } : { ...reasonParams };
    const suspension = { until, reason, ...(reasonCode ? { reasonCode, reasonParams: params } : {}) };
    return [event('certification.withdrawal-set-aside', { ...base, status: 'suspended', nextSurveillanceBy: certificate.nextSurveillanceBy, suspension })];
  }
  // Unlike a reinstatement, a set-aside verified nothing that could stand in for a surveillance: one
  // whose date passed while withdrawn is due at once, within a short period, not a whole year on; one
  // due when the withdrawal came is due again. One whose window opened meanwhile is marked due by
  // the certificates service's timers, planned again for the set-aside.
  const wasDue = before.status === 'certified' && Boolean(before.surveillanceDueBy);
  const passed = new Date(certificate.nextSurveillanceBy) <= c.at;
  const nextSurveillanceBy = passed ? addMonths(c.at, policy.surveillanceAfterSetAsideMonths).toISOString() : certificate.nextSurveillanceBy;
  const setAside = event('certification.withdrawal-set-aside', { ...base, status: 'certified', nextSurveillanceBy, surveillanceDueBy: wasDue ? nextSurveillanceBy : null });
  return passed && !wasDue ? [setAside, event('certification.surveillance-due', { dueBy: nextSurveillanceBy })] : [setAside];
}
