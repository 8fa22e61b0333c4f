import { validityEnd } from '@gbt/certificate-core';
import type { CommandOf } from './commands';
import { domainError, type DomainError } from './errors';
import { event, type CaseEvent } from './events';
import { addMonths, type LifecyclePolicy } from './policy';
import { worded } from './reasons';
import { levelRank } from './scope';
import { own, type CaseState, type EvaluationPhase } from './state';
import { caseFile } from './decide-application';

type Outcome = CaseEvent[] | DomainError;

const phaseOf = (state: CaseState): EvaluationPhase | null =>
  state.status === 'under-evaluation' || state.status === 'recertifying' ? state.phase : state.status === 'decision-pending' ? 'decision-pending' : null;

const requirePhase = (state: CaseState, phases: readonly EvaluationPhase[], what: string): DomainError | null => {
  const phase = phaseOf(state);
  return phase && phases.includes(phase) ? null : domainError('WrongEvaluationPhase', `${what} is not possible while the evaluation is in phase ${phase}`);
};

const conflicted = (state: CaseState, personId: string): DomainError | null =>
  caseFile(state).conflicts.includes(personId)
    ? domainError('ConflictOfInterest', `${personId} has a declared conflict of interest with this applicant and cannot take part`)
    : null;

const EVALUATING: readonly EvaluationPhase[] = ['document-review', 'on-site', 'ready-for-scoring'];

export function assignEvaluator(c: CommandOf<'assign-evaluator'>, state: CaseState): Outcome {
  return conflicted(state, c.data.personId) ?? [event('certification.evaluator-assigned', c.data)];
}

export function completeDocumentReview(c: CommandOf<'complete-document-review'>, state: CaseState): Outcome {
  return (
    requirePhase(state, ['document-review'], 'completing the document review') ??
    conflicted(state, c.actor.id) ?? [event('certification.document-review-completed', { completedBy: c.actor.id })]
  );
}

export function completeOnSiteEvaluation(c: CommandOf<'complete-on-site-evaluation'>, state: CaseState): Outcome {
  return (
    requirePhase(state, ['on-site'], 'completing the on-site evaluation') ??
    conflicted(state, c.actor.id) ?? [event('certification.on-site-evaluation-completed', { completedBy: c.actor.id })]
  );
}

export function recordNonconformity(c: CommandOf<'record-nonconformity'>, state: CaseState): Outcome {
  const refused = requirePhase(state, EVALUATING, 'recording a nonconformity') ?? conflicted(state, c.actor.id);
  if (refused) return refused;
  if (own(caseFile(state).nonconformities, c.data.nonconformityId)) {
    return domainError('DuplicateNonconformity', `nonconformity ${c.data.nonconformityId} is already recorded`);
  }
  const { rectifyBy, ...rest } = c.data;
  return [event('certification.nonconformity-recorded', { ...rest, recordedBy: c.actor.id, rectifyBy: rectifyBy.toISOString() })];
}

export function closeNonconformity(c: CommandOf<'close-nonconformity'>, state: CaseState): Outcome {
  const refused = requirePhase(state, EVALUATING, 'closing a nonconformity') ?? conflicted(state, c.actor.id);
  if (refused) return refused;
  const nc = own(caseFile(state).nonconformities, c.data.nonconformityId);
  if (!nc) return domainError('UnknownNonconformity', `nonconformity ${c.data.nonconformityId} is not recorded on this case`);
  if (!nc.open) return domainError('NonconformityAlreadyClosed', `nonconformity ${c.data.nonconformityId} is already closed`);
  if (nc.recordedBy === c.actor.id) {
    return domainError('SelfVerification', 'the corrective action must be verified by someone other than the reviewer who found the nonconformity');
  }
  return [event('certification.nonconformity-closed', { nonconformityId: c.data.nonconformityId, verifiedBy: c.actor.id })];
}

export function recordScore(c: CommandOf<'record-score'>, state: CaseState): Outcome {
  const refused = requirePhase(state, ['ready-for-scoring'], 'scoring');
  if (refused) return refused;
  const open = Object.entries(caseFile(state).nonconformities).filter(([, nc]) => nc.open);
  if (open.length && !c.data.waiveOpenNonconformities) {
    return domainError('OpenNonconformities', `nonconformities ${open.map(([id]) => id).join(', ')} are still open: close them, or a lead reviewer waives them explicitly`);
  }
  const { waiveOpenNonconformities, ...score } = c.data;
  const scored = event('certification.case-scored', { ...score, openNonconformitiesWaivedBy: open.length && waiveOpenNonconformities ? c.actor.id : null });
  if (!c.data.passed && state.status === 'recertifying') {
    const denied = worded('case.recertification-denied-score', { score: String(c.data.score) }, `recertification score ${c.data.score} does not pass`);
    return [scored, event('certification.recertification-denied', { ...denied, decidedBy: c.actor.id })];
  }
  return [scored];
}

const mayDecide = (c: { actor: { id: string } }, state: CaseState): DomainError | null =>
  requirePhase(state, ['decision-pending'], 'a certification decision') ??
  (caseFile(state).evaluators.includes(c.actor.id)
    ? domainError('EvaluatorCannotDecide', `${c.actor.id} took part in the evaluation and cannot make the certification decision`)
    : conflicted(state, c.actor.id));

export function grantCertification(c: CommandOf<'grant-certification'>, state: CaseState, policy: LifecyclePolicy): Outcome {
  const refused = mayDecide(c, state);
  if (refused) return refused;
  const score = caseFile(state).score;
  if (!score || score.scorecardId !== c.data.scorecardId) {
    return domainError('ScorecardMismatch', `the decision must be about scorecard ${score?.scorecardId}, not ${c.data.scorecardId}`);
  }
  if (!score.level || levelRank(c.data.level) > levelRank(score.level)) {
    return domainError('LevelNotSupported', `the scorecard supports at most level ${score.level}, not ${c.data.level}`);
  }
  const cycle = state.status === 'recertifying' ? state.certificate.cycle + 1 : 1;
  // A recertification extends from the old expiry, so renewing early loses no validity.
  const oldExpiry = state.status === 'recertifying' ? new Date(state.certificate.validUntil) : c.at;
  const extendFrom = oldExpiry > c.at ? oldExpiry : c.at;
  return [
    event('certification.certification-granted', {
      certificateNumber: c.data.certificateNumber,
      level: c.data.level,
      validFrom: c.at.toISOString(),
      // Ends at Shanghai midnight after its last calendar day (ADR 26), so the expiry timer and every surface agree.
      validUntil: validityEnd(extendFrom, policy.validityMonths).toISOString(),
      nextSurveillanceBy: addMonths(c.at, policy.surveillanceIntervalMonths).toISOString(),
      cycle,
      decidedBy: c.actor.id,
      scorecardId: c.data.scorecardId,
    }),
  ];
}

export function denyCertification(c: CommandOf<'deny-certification'>, state: CaseState): Outcome {
  const refused = mayDecide(c, state);
  if (refused) return refused;
  const type = state.status === 'recertifying' ? 'certification.recertification-denied' : 'certification.certification-denied';
  return [event(type, { reason: c.data.reason, decidedBy: c.actor.id })];
}

/**
 * An upheld appeal against a denial sends the case back to decision. Only a denial by a person can
 * be re-decided: a case that failed on its score has nothing a decision maker could grant.
 */
export function reopenDecision(c: CommandOf<'reopen-decision'>, state: CaseState): Outcome {
  if (!caseFile(state).score?.level) return domainError('NothingToRedecide', 'the case failed on its score, not on a decision: there is nothing to decide again');
  return [event('certification.decision-reopened', { appealId: c.data.appealId, reopenedBy: c.actor.id })];
}
