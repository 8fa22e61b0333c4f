import type { CaseEvent } from './events';
import { reasonOf, worded } from './reasons';
import type { CaseFile, CaseState, Certificate, WithdrawnFrom } from './state';

const file = (state: CaseState): CaseFile => {
  if (state.status === 'none') throw new Error('a case event arrived before the case was drafted');
  const { caseId, organisationId, catalogueVersion, scope, evidence, conflicts, evaluators, nonconformities, score, levelReopened } = state;
  return { caseId, organisationId, catalogueVersion, scope, evidence, conflicts, evaluators, nonconformities, score, ...(levelReopened ? { levelReopened } : {}) };
};

/** The case file without a pending level re-decision: decided, or replaced by a new cycle's decision. */
const settled = (f: CaseFile): CaseFile => {
  const { levelReopened: _done, ...rest } = f;
  return rest;
};

/** Where a withdrawal leaves off: certified, or suspended with its deadline and reason. */
const withdrawnFrom = (state: CaseState): WithdrawnFrom =>
  state.status === 'suspended' ? { status: 'suspended', until: state.until, ...reasonOf(state) } : { status: 'certified', surveillanceDueBy: state.status === 'certified' ? state.surveillanceDueBy : null };

const certificateOf = (state: CaseState): Certificate => {
  if (!('certificate' in state)) throw new Error(`a certificate event arrived in state ${state.status}`);
  return state.certificate;
};

const withEvaluator = (f: CaseFile, personId: string): CaseFile =>
  f.evaluators.includes(personId) ? f : { ...f, evaluators: [...f.evaluators, personId] };

/** Moves an evaluation (first or recertification) to another phase, keeping its status. */
const inPhase = (state: CaseState, phase: 'on-site' | 'ready-for-scoring' | 'decision-pending', f = file(state)): CaseState => {
  if (state.status === 'recertifying') return { ...f, status: 'recertifying', certificate: state.certificate, phase };
  return phase === 'decision-pending' ? { ...f, status: 'decision-pending' } : { ...f, status: 'under-evaluation', phase };
};

/** Rebuilds a case by folding its events; total over every event, never fails on history. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'certification.application-drafted':
      return { ...event.data, status: 'draft', evidence: {}, conflicts: [], evaluators: [], nonconformities: {}, score: null };
    case 'certification.application-edited':
      return { ...state, ...file(state), scope: event.data.scope } as CaseState;
    case 'certification.evidence-attached': {
      const { documentId, ...evidence } = event.data;
      return { ...state, evidence: { ...file(state).evidence, [documentId]: evidence } } as CaseState;
    }
    case 'certification.evidence-detached': {
      const { [event.data.documentId]: _removed, ...evidence } = file(state).evidence;
      return { ...state, evidence } as CaseState;
    }
    case 'certification.application-submitted':
      return { ...file(state), status: 'submitted' };
    case 'certification.application-withdrawn':
      return { ...file(state), status: 'application-withdrawn', reason: event.data.reason };
    case 'certification.application-accepted':
      return { ...file(state), status: 'under-evaluation', phase: 'document-review' };
    case 'certification.application-refused':
      return { ...file(state), status: 'refused', reason: event.data.reason };
    case 'certification.application-reopened':
      return { ...file(state), status: 'submitted', barred: [event.data.setAsideBy] };
    case 'certification.conflict-of-interest-declared':
      return { ...state, conflicts: [...file(state).conflicts, event.data.personId] } as CaseState;
    case 'certification.evaluator-assigned':
      return { ...state, ...withEvaluator(file(state), event.data.personId) } as CaseState;
    case 'certification.document-review-completed':
      return inPhase(state, 'on-site', withEvaluator(file(state), event.data.completedBy));
    case 'certification.on-site-evaluation-completed':
      return inPhase(state, 'ready-for-scoring', withEvaluator(file(state), event.data.completedBy));
    case 'certification.nonconformity-recorded': {
      const { nonconformityId, ...nc } = event.data;
      const f = withEvaluator(file(state), nc.recordedBy);
      return { ...state, ...f, nonconformities: { ...f.nonconformities, [nonconformityId]: { ...nc, open: true } } } as CaseState;
    }
    case 'certification.nonconformity-closed': {
      const f = withEvaluator(file(state), event.data.verifiedBy);
      const nc = f.nonconformities[event.data.nonconformityId];
      if (!nc) return state;
      return { ...state, ...f, nonconformities: { ...f.nonconformities, [event.data.nonconformityId]: { ...nc, open: false } } } as CaseState;
    }
    case 'certification.case-scored': {
      const { scorecardId, catalogueVersion, score, level, specialDeductions, passed } = event.data;
      const f = { ...file(state), score: { scorecardId, catalogueVersion, score, level, specialDeductions } };
      if (passed) return inPhase(state, 'decision-pending', f);
      if (state.status === 'recertifying') return { ...f, status: 'certified', certificate: state.certificate, surveillanceDueBy: null };
      return { ...f, status: 'not-certified', ...worded('case.not-certified-score', { score: String(score), specialDeductions: String(specialDeductions) }, `score ${score} with ${specialDeductions} special deduction(s) does not pass`) };
    }
    case 'certification.certification-granted': {
      const { certificateNumber, level, validFrom, validUntil, cycle, nextSurveillanceBy } = event.data;
      return { ...settled(file(state)), status: 'certified', certificate: { number: certificateNumber, level, validFrom, validUntil, cycle, nextSurveillanceBy }, surveillanceDueBy: null };
    }
    case 'certification.certification-denied':
      return { ...file(state), status: 'not-certified', reason: event.data.reason };
    case 'certification.decision-reopened':
      return { ...file(state), status: 'decision-pending' };
    case 'certification.level-decision-reopened':
      return { ...state, levelReopened: { appealId: event.data.appealId, setAsideBy: event.data.setAsideBy, reopenedBy: event.data.reopenedBy } } as CaseState;
    case 'certification.level-redecided': {
      const { levelReopened: _done, ...rest } = state as CaseState & { levelReopened?: unknown };
      return { ...rest, certificate: { ...certificateOf(state), level: event.data.level } } as CaseState;
    }
    case 'certification.withdrawal-set-aside': {
      const { status, suspension, nextSurveillanceBy, surveillanceDueBy } = event.data;
      const certificate = { ...certificateOf(state), nextSurveillanceBy };
      if (status === 'suspended' && suspension) return { ...file(state), status, certificate, until: suspension.until, ...reasonOf(suspension) };
      return { ...file(state), status: 'certified', certificate, surveillanceDueBy: surveillanceDueBy ?? null };
    }
    case 'certification.recertification-denied':
      return { ...file(state), status: 'certified', certificate: certificateOf(state), surveillanceDueBy: null };
    case 'certification.surveillance-due':
      return { ...file(state), status: 'certified', certificate: certificateOf(state), surveillanceDueBy: event.data.dueBy };
    case 'certification.surveillance-passed':
      return {
        ...file(state),
        status: 'certified',
        certificate: { ...certificateOf(state), nextSurveillanceBy: event.data.nextSurveillanceBy },
        // A complaint's surveillance leaves the periodic one due.
        surveillanceDueBy: event.data.extraordinary && state.status === 'certified' ? state.surveillanceDueBy : null,
      };
    case 'certification.surveillance-failed':
      return state;
    case 'certification.certificate-suspended':
      return { ...file(state), status: 'suspended', certificate: certificateOf(state), ...reasonOf(event.data), until: event.data.until };
    case 'certification.certificate-reinstated': {
      const certificate = certificateOf(state);
      const nextSurveillanceBy = event.data.nextSurveillanceBy ?? certificate.nextSurveillanceBy;
      return { ...file(state), status: 'certified', certificate: { ...certificate, nextSurveillanceBy }, surveillanceDueBy: null };
    }
    case 'certification.certificate-withdrawn':
      return { ...file(state), status: 'withdrawn', certificate: certificateOf(state), ...reasonOf(event.data), before: withdrawnFrom(state) };
    // Final: a level still to be decided again has no certificate left to set it on. A withdrawal
    // keeps the mark: set aside on appeal, the level is still to be decided again (ADR 0038).
    case 'certification.certificate-cancelled':
      return { ...settled(file(state)), status: 'cancelled', certificate: certificateOf(state), reason: event.data.reason };
    case 'certification.certificate-expired':
      return { ...settled(file(state)), status: 'expired', certificate: certificateOf(state) };
    case 'certification.scope-changed':
      return { ...state, scope: event.data.scope } as CaseState;
    case 'certification.recertification-started':
      return {
        ...settled(file(state)),
        catalogueVersion: event.data.catalogueVersion,
        evaluators: [],
        nonconformities: {},
        score: null,
        status: 'recertifying',
        certificate: certificateOf(state),
        phase: 'document-review',
      };
    default: {
      const unknown: never = event;
      throw new Error(`unhandled case event ${(unknown as CaseEvent).type}`);
    }
  }
}
