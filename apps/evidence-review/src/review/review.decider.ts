import type { Decider } from '@gbt/decider';
import type { Assessment } from '@gbt/contracts';
import { evolveReview } from './review-evolve';
import { resultsFor } from './review-results';
import { own, type PlannedReview, type ReviewState } from './review-state';

export type ReviewEvent = { readonly type: string; readonly data: Record<string, unknown> };

type By = { readonly by: string; readonly at: Date };
export type ReviewCommand =
  | (By & { type: 'plan'; caseId: string; organisationId: string; catalogueVersion: string; tasks: { taskId: string; requirementIds: string[]; onSite: boolean }[]; dueAt: Date })
  | (By & { type: 'assess'; taskId: string; requirementId: string; assessment: Assessment; rectifyBy: Date })
  | (By & { type: 'record-special-item'; taskId: string; kind: 'deduction' | 'bonus'; itemId: string; description: string })
  | (By & { type: 'request-information'; taskId: string; question: string })
  | (By & { type: 'provide-information'; taskId: string; answer: string })
  | (By & { type: 'complete-task'; taskId: string })
  | (By & { type: 'submit-correction'; nonconformityId: string; documentIds: string[]; note: string })
  | (By & { type: 'verify-correction'; nonconformityId: string; accepted: boolean; reason?: string })
  | (By & { type: 'waive-open-nonconformities' })
  | (By & { type: 'escalate'; taskId: string })
  | (By & { type: 'cancel'; reason: string });

export interface ReviewRefusal {
  readonly error:
    | 'NoReview'
    | 'UnknownTask'
    | 'TaskCompleted'
    | 'RequirementNotInTask'
    | 'AlreadyAssessed'
    | 'WaitingForApplicant'
    | 'NotWaiting'
    | 'Incomplete'
    | 'DocumentReviewFirst'
    | 'UnknownNonconformity'
    | 'NonconformityClosed'
    | 'NoCorrectionSubmitted'
    | 'SelfVerification'
    | 'NothingToWaive'
    | 'BonusAlreadyRecorded'
    | 'ReviewCancelled';
  readonly message: string;
}

const refuse = (error: ReviewRefusal['error'], message: string): ReviewRefusal => ({ error, message });
const e = (type: string, data: Record<string, unknown>): ReviewEvent => ({ type: `review.${type}`, data });

function openTask(state: PlannedReview, taskId: string): ReviewRefusal | null {
  const task = own(state.tasks, taskId);
  if (!task) return refuse('UnknownTask', `task ${taskId} is not part of the review of ${state.caseId}`);
  if (task.completed) return refuse('TaskCompleted', `task ${taskId} is already completed`);
  return null;
}

/** When the last task is done: the results go to scoring, unless nonconformities are still open. */
function afterLastTask(state: PlannedReview, completing: string | null, waivedBy: string | null): ReviewEvent[] {
  const done = Object.entries(state.tasks).every(([id, t]) => t.completed || id === completing);
  if (!done) return [];
  const open = Object.entries(state.nonconformities).filter(([, nc]) => !nc.closed).map(([id]) => id);
  if (open.length && !waivedBy) return [e('results-waiting-for-corrections', { caseId: state.caseId, openNonconformityIds: open })];
  return [e('results-published', resultsFor(state, open.length > 0))];
}

/** Commands that make their giver part of the evaluation: the lifecycle must know them all, so none of them can decide the case. */
export const EVALUATION_WORK = new Set<ReviewCommand['type']>(['assess', 'record-special-item', 'request-information', 'complete-task', 'verify-correction', 'waive-open-nonconformities']);

function decide(c: ReviewCommand, state: ReviewState): ReviewEvent[] | ReviewRefusal {
  const outcome = decideWork(c, state);
  if (!Array.isArray(outcome) || outcome.length === 0 || state.status === 'none' || !EVALUATION_WORK.has(c.type) || state.evaluators.includes(c.by)) return outcome;
  return [e('evaluator-assigned', { caseId: state.caseId, personId: c.by }), ...outcome];
}

function decideWork(c: ReviewCommand, state: ReviewState): ReviewEvent[] | ReviewRefusal {
  if (c.type === 'plan') {
    if (state.status !== 'none') return [];
    const { caseId, organisationId, catalogueVersion, tasks } = c;
    return [e('tasks-planned', { caseId, organisationId, catalogueVersion, plannedAt: c.at.toISOString(), dueAt: c.dueAt.toISOString(), tasks })];
  }
  if (state.status === 'none') return refuse('NoReview', 'this case has no review (it has not been accepted)');
  const { caseId } = state;
  if (c.type === 'cancel') return state.status === 'planned' ? [e('review-cancelled', { caseId, reason: c.reason })] : [];
  if (state.status === 'cancelled') return c.type === 'escalate' ? [] : refuse('ReviewCancelled', `the review of ${caseId} was cancelled`);
  switch (c.type) {
    case 'assess': {
      const refused = openTask(state, c.taskId);
      if (refused) return refused;
      if (!own(state.tasks, c.taskId)?.requirementIds.includes(c.requirementId)) return refuse('RequirementNotInTask', `requirement ${c.requirementId} is not part of task ${c.taskId}`);
      if (own(state.assessments, c.requirementId)) return refuse('AlreadyAssessed', `requirement ${c.requirementId} is already assessed`);
      const assessed = e('requirement-assessed', { caseId, taskId: c.taskId, requirementId: c.requirementId, assessment: c.assessment, assessedBy: c.by });
      if (c.assessment.outcome !== 'nonconformity') return [assessed];
      const raised = { caseId, nonconformityId: `nc-${c.requirementId}`, requirementId: c.requirementId, finding: c.assessment.finding, rectifyBy: c.rectifyBy.toISOString() };
      return [assessed, e('nonconformity-raised', raised)];
    }
    case 'record-special-item':
      if (c.kind === 'bonus' && state.specialItems.some((i) => i.kind === 'bonus')) return refuse('BonusAlreadyRecorded', 'at most one special bonus item counts, and one is recorded');
      return openTask(state, c.taskId) ?? [e('special-item-recorded', { caseId, taskId: c.taskId, kind: c.kind, itemId: c.itemId, description: c.description, recordedBy: c.by })];
    case 'request-information': {
      const refused = openTask(state, c.taskId);
      if (refused) return refused;
      if (own(state.tasks, c.taskId)?.waitingSince) return refuse('WaitingForApplicant', `task ${c.taskId} is already waiting for the applicant`);
      return [e('information-requested', { caseId, taskId: c.taskId, question: c.question, requestedAt: c.at.toISOString() })];
    }
    case 'provide-information':
      if (!own(state.tasks, c.taskId)?.waitingSince) return refuse('NotWaiting', `task ${c.taskId} is not waiting for information`);
      return [e('information-provided', { caseId, taskId: c.taskId, answer: c.answer, providedAt: c.at.toISOString() })];
    case 'complete-task': {
      const task = own(state.tasks, c.taskId);
      const refused = openTask(state, c.taskId);
      if (refused || !task) return refused ?? refuse('UnknownTask', `task ${c.taskId} is unknown`);
      if (task.waitingSince) return refuse('WaitingForApplicant', `task ${c.taskId} is waiting for the applicant's answer`);
      const missing = task.requirementIds.filter((r) => !state.assessments[r]);
      if (missing.length) return refuse('Incomplete', `requirements ${missing.join(', ')} are not assessed yet`);
      const documentTasks = Object.entries(state.tasks).filter(([, t]) => !t.onSite);
      if (task.onSite && documentTasks.some(([, t]) => !t.completed)) return refuse('DocumentReviewFirst', 'the on-site evaluation completes after the document review');
      const completed = e('task-completed', { caseId, taskId: c.taskId });
      const documentsDone = !task.onSite && documentTasks.every(([id, t]) => t.completed || id === c.taskId);
      const phase = task.onSite ? [e('on-site-evaluation-completed', { caseId })] : documentsDone ? [e('document-review-completed', { caseId })] : [];
      return [completed, ...phase, ...afterLastTask(state, c.taskId, null)];
    }
    case 'submit-correction': {
      const nc = own(state.nonconformities, c.nonconformityId);
      if (!nc) return refuse('UnknownNonconformity', `nonconformity ${c.nonconformityId} is not open on this case`);
      if (nc.closed) return refuse('NonconformityClosed', `nonconformity ${c.nonconformityId} is already closed`);
      return [e('corrective-action-submitted', { caseId, nonconformityId: c.nonconformityId, documentIds: c.documentIds, note: c.note })];
    }
    case 'verify-correction': {
      const nc = own(state.nonconformities, c.nonconformityId);
      if (!nc || nc.closed) return refuse(nc ? 'NonconformityClosed' : 'UnknownNonconformity', `nonconformity ${c.nonconformityId} is not open on this case`);
      if (!nc.correctionSubmitted) return refuse('NoCorrectionSubmitted', 'the applicant has not submitted a corrective action yet');
      if (nc.raisedBy === c.by) return refuse('SelfVerification', 'the reviewer who raised the nonconformity cannot verify its correction');
      if (!c.accepted) return [e('corrective-action-rejected', { caseId, nonconformityId: c.nonconformityId, reason: c.reason ?? 'not sufficient', rejectedBy: c.by })];
      const verified = e('corrective-action-verified', { caseId, nonconformityId: c.nonconformityId, verifiedBy: c.by });
      const stillOpen = Object.entries(state.nonconformities).some(([id, other]) => id !== c.nonconformityId && !other.closed);
      const allTasksDone = Object.values(state.tasks).every((t) => t.completed);
      const closedState = { ...state, nonconformities: { ...state.nonconformities, [c.nonconformityId]: { ...nc, closed: true } } };
      return [verified, ...(!stillOpen && allTasksDone && state.status === 'planned' ? afterLastTask(closedState, null, null) : [])];
    }
    case 'waive-open-nonconformities': {
      const open = Object.values(state.nonconformities).some((nc) => !nc.closed);
      if (!open || state.status !== 'planned' || !Object.values(state.tasks).every((t) => t.completed)) {
        return refuse('NothingToWaive', 'a waiver needs a completed review with open nonconformities');
      }
      return afterLastTask(state, null, c.by);
    }
    case 'escalate': {
      const task = own(state.tasks, c.taskId);
      if (!task || task.completed || task.escalated || task.waitingSince) return [];
      return [e('task-escalated', { caseId, taskId: c.taskId, dueAt: state.dueAt, escalatedTo: 'lead-reviewer' })];
    }
  }
}

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ReviewState, ReviewRefusal> = {
  initialState: { status: 'none' },
  decide,
  evolve: (state, event) => evolveReview(state, event),
};
