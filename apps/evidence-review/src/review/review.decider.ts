import type { Decider } from '@gbt/decider';
import type { Assessment } from '@gbt/contracts';
import { evolveReview } from './review-evolve';
import { resultsFor, type ReviewResults } from './review-results';
import { own, type PlannedReview, type ReviewState } from './review-state';

/** The data of each review event as the decider writes it; the store checks it against the contract's schema on append. */
type OfCase = { readonly caseId: string };
type OfTask = OfCase & { readonly taskId: string };
type OfNonconformity = OfCase & { readonly nonconformityId: string };
export type PlannedTaskData = { readonly taskId: string; readonly requirementIds: readonly string[]; readonly onSite: boolean };
export type TasksPlanned = OfCase & {
  readonly organisationId: string;
  readonly catalogueVersion: string;
  readonly plannedAt: string;
  readonly dueAt: string;
  readonly tasks: readonly PlannedTaskData[];
};
export type EvaluatorAssigned = OfCase & { readonly personId: string };
export type RequirementAssessed = OfTask & { readonly requirementId: string; readonly assessment: Assessment; readonly assessedBy: string };
export type NonconformityRaised = OfNonconformity & { readonly requirementId: string; readonly finding: string; readonly rectifyBy: string };
export type SpecialItemRecorded = OfTask & { readonly kind: 'deduction' | 'bonus'; readonly itemId: string; readonly description: string; readonly recordedBy: string };
export type InformationRequested = OfTask & { readonly question: string; readonly requestedAt: string };
/** `documentIds` is optional in the contract: answers from before it was recorded lack it. */
export type InformationProvided = OfTask & { readonly answer: string; readonly providedAt: string; readonly documentIds?: readonly string[] };
export type CorrectiveActionSubmitted = OfNonconformity & { readonly documentIds: readonly string[]; readonly note: string };
export type CorrectiveActionRejected = OfNonconformity & { readonly reason: string; readonly rejectedBy: string };
/** `verifiedBy` is optional in the contract: events from before it was recorded lack it. */
export type CorrectiveActionVerified = OfNonconformity & { readonly verifiedBy?: string };
export type ResultsWaitingForCorrections = OfCase & { readonly openNonconformityIds: readonly string[] };
export type ReviewCancelled = OfCase & { readonly reason: string };
export type TaskEscalated = OfTask & { readonly dueAt: string; readonly escalatedTo: 'lead-reviewer' };
export type SiteTasksPlanned = OfCase & { readonly planId: string; readonly tasks: readonly { readonly taskId: string; readonly outletId: string }[] };
export type TaskReleased = OfTask & { readonly reviewerId: string; readonly reasonCode: 'RelatedToOrganisation'; readonly organisationId: string; readonly relationId: string };

/** Every event of a review stream, by its stored name. */
export type ReviewEvent =
  | { readonly type: 'review.tasks-planned'; readonly data: TasksPlanned }
  | { readonly type: 'review.evaluator-assigned'; readonly data: EvaluatorAssigned }
  | { readonly type: 'review.requirement-assessed'; readonly data: RequirementAssessed }
  | { readonly type: 'review.nonconformity-raised'; readonly data: NonconformityRaised }
  | { readonly type: 'review.special-item-recorded'; readonly data: SpecialItemRecorded }
  | { readonly type: 'review.information-requested'; readonly data: InformationRequested }
  | { readonly type: 'review.information-provided'; readonly data: InformationProvided }
  | { readonly type: 'review.task-completed'; readonly data: OfTask }
  | { readonly type: 'review.document-review-completed'; readonly data: OfCase }
  | { readonly type: 'review.on-site-evaluation-completed'; readonly data: OfCase }
  | { readonly type: 'review.corrective-action-submitted'; readonly data: CorrectiveActionSubmitted }
  | { readonly type: 'review.corrective-action-rejected'; readonly data: CorrectiveActionRejected }
  | { readonly type: 'review.corrective-action-verified'; readonly data: CorrectiveActionVerified }
  | { readonly type: 'review.results-waiting-for-corrections'; readonly data: ResultsWaitingForCorrections }
  | { readonly type: 'review.results-published'; readonly data: ReviewResults }
  | { readonly type: 'review.review-cancelled'; readonly data: ReviewCancelled }
  | { readonly type: 'review.task-escalated'; readonly data: TaskEscalated }
  | { readonly type: 'review.task-released'; readonly data: TaskReleased }
  | { readonly type: 'review.site-tasks-planned'; readonly data: SiteTasksPlanned };

/** The stored names `evolve` understands, every one of them (checked below). */
export const REVIEW_EVENT_TYPES = [
  'review.tasks-planned',
  'review.evaluator-assigned',
  'review.requirement-assessed',
  'review.nonconformity-raised',
  'review.special-item-recorded',
  'review.information-requested',
  'review.information-provided',
  'review.task-completed',
  'review.document-review-completed',
  'review.on-site-evaluation-completed',
  'review.corrective-action-submitted',
  'review.corrective-action-rejected',
  'review.corrective-action-verified',
  'review.results-waiting-for-corrections',
  'review.results-published',
  'review.review-cancelled',
  'review.task-escalated',
  'review.task-released',
  'review.site-tasks-planned',
] as const satisfies readonly ReviewEvent['type'][];
type Unlisted = Exclude<ReviewEvent['type'], (typeof REVIEW_EVENT_TYPES)[number]>;
// Fails to compile when an event type is added to ReviewEvent but not listed above.
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

type By = { readonly by: string; readonly at: Date };
export type ReviewCommand =
  | (By & { type: 'plan'; caseId: string; organisationId: string; catalogueVersion: string; tasks: readonly PlannedTaskData[]; dueAt: Date })
  | (By & { type: 'assess'; taskId: string; requirementId: string; assessment: Assessment; rectifyBy: Date })
  | (By & { type: 'record-special-item'; taskId: string; kind: 'deduction' | 'bonus'; itemId: string; description: string })
  | (By & { type: 'request-information'; taskId: string; question: string })
  | (By & { type: 'provide-information'; taskId: string; answer: string; documentIds: readonly string[] })
  | (By & { type: 'complete-task'; taskId: string })
  | (By & { type: 'submit-correction'; nonconformityId: string; documentIds: string[]; note: string })
  | (By & { type: 'verify-correction'; nonconformityId: string; accepted: boolean; reason?: string })
  | (By & { type: 'waive-open-nonconformities' })
  | (By & { type: 'escalate'; taskId: string })
  | (By & { type: 'release-tasks'; taskIds: readonly string[]; reviewerId: string; organisationId: string; relationId: string })
  | (By & { type: 'cancel'; reason: string })
  | (By & { type: 'plan-site-tasks'; planId: string; tasks: readonly { readonly taskId: string; readonly outletId: string }[] });

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
  if (open.length && !waivedBy) return [{ type: 'review.results-waiting-for-corrections', data: { caseId: state.caseId, openNonconformityIds: open } }];
  return [{ type: 'review.results-published', data: resultsFor(state, open.length > 0) }];
}

/** Commands that make their giver part of the evaluation: the lifecycle must know them all, so none of them can decide the case. */
export const EVALUATION_WORK = new Set<ReviewCommand['type']>(['assess', 'record-special-item', 'request-information', 'complete-task', 'verify-correction', 'waive-open-nonconformities']);

function decide(c: ReviewCommand, state: ReviewState): ReviewEvent[] | ReviewRefusal {
  const outcome = decideWork(c, state);
  if (!Array.isArray(outcome) || outcome.length === 0 || state.status === 'none' || !EVALUATION_WORK.has(c.type) || state.evaluators.includes(c.by)) return outcome;
  return [{ type: 'review.evaluator-assigned', data: { caseId: state.caseId, personId: c.by } }, ...outcome];
}

function decideWork(c: ReviewCommand, state: ReviewState): ReviewEvent[] | ReviewRefusal {
  if (c.type === 'plan') {
    if (state.status !== 'none') return [];
    const { caseId, organisationId, catalogueVersion, tasks } = c;
    return [{ type: 'review.tasks-planned', data: { caseId, organisationId, catalogueVersion, plannedAt: c.at.toISOString(), dueAt: c.dueAt.toISOString(), tasks } }];
  }
  if (state.status === 'none') return refuse('NoReview', 'this case has no review (it has not been accepted)');
  const { caseId } = state;
  if (c.type === 'cancel') return state.status === 'planned' ? [{ type: 'review.review-cancelled', data: { caseId, reason: c.reason } }] : [];
  if (state.status === 'cancelled') return c.type === 'escalate' || c.type === 'release-tasks' ? [] : refuse('ReviewCancelled', `the review of ${caseId} was cancelled`);
  switch (c.type) {
    case 'assess': {
      const refused = openTask(state, c.taskId);
      if (refused) return refused;
      if (!own(state.tasks, c.taskId)?.requirementIds.includes(c.requirementId)) return refuse('RequirementNotInTask', `requirement ${c.requirementId} is not part of task ${c.taskId}`);
      if (own(state.assessments, c.requirementId)) return refuse('AlreadyAssessed', `requirement ${c.requirementId} is already assessed`);
      const assessed: ReviewEvent = { type: 'review.requirement-assessed', data: { caseId, taskId: c.taskId, requirementId: c.requirementId, assessment: c.assessment, assessedBy: c.by } };
      if (c.assessment.outcome !== 'nonconformity') return [assessed];
      const raised = { caseId, nonconformityId: `nc-${c.requirementId}`, requirementId: c.requirementId, finding: c.assessment.finding, rectifyBy: c.rectifyBy.toISOString() };
      return [assessed, { type: 'review.nonconformity-raised', data: raised }];
    }
    case 'record-special-item':
      if (c.kind === 'bonus' && state.specialItems.some((i) => i.kind === 'bonus')) return refuse('BonusAlreadyRecorded', 'at most one special bonus item counts, and one is recorded');
      return openTask(state, c.taskId) ?? [{ type: 'review.special-item-recorded', data: { caseId, taskId: c.taskId, kind: c.kind, itemId: c.itemId, description: c.description, recordedBy: c.by } }];
    case 'request-information': {
      const refused = openTask(state, c.taskId);
      if (refused) return refused;
      if (own(state.tasks, c.taskId)?.waitingSince) return refuse('WaitingForApplicant', `task ${c.taskId} is already waiting for the applicant`);
      return [{ type: 'review.information-requested', data: { caseId, taskId: c.taskId, question: c.question, requestedAt: c.at.toISOString() } }];
    }
    case 'provide-information':
      if (!own(state.tasks, c.taskId)?.waitingSince) return refuse('NotWaiting', `task ${c.taskId} is not waiting for information`);
      return [{ type: 'review.information-provided', data: { caseId, taskId: c.taskId, answer: c.answer, providedAt: c.at.toISOString(), documentIds: c.documentIds } }];
    case 'complete-task': {
      const task = own(state.tasks, c.taskId);
      const refused = openTask(state, c.taskId);
      if (refused || !task) return refused ?? refuse('UnknownTask', `task ${c.taskId} is unknown`);
      if (task.waitingSince) return refuse('WaitingForApplicant', `task ${c.taskId} is waiting for the applicant's answer`);
      const missing = task.requirementIds.filter((r) => !state.assessments[r]);
      if (missing.length) return refuse('Incomplete', `requirements ${missing.join(', ')} are not assessed yet`);
      const documentTasks = Object.entries(state.tasks).filter(([, t]) => !t.onSite);
      if (task.onSite && documentTasks.some(([, t]) => !t.completed)) return refuse('DocumentReviewFirst', 'the on-site evaluation completes after the document review');
      const completed: ReviewEvent = { type: 'review.task-completed', data: { caseId, taskId: c.taskId } };
      const documentsDone = !task.onSite && documentTasks.every(([id, t]) => t.completed || id === c.taskId);
      // With site tasks per sampled outlet there are several on-site tasks: the evaluation on site is done with the last.
      const onSiteDone = task.onSite && Object.entries(state.tasks).every(([id, t]) => !t.onSite || t.completed || id === c.taskId);
      const phase: ReviewEvent[] = onSiteDone ? [{ type: 'review.on-site-evaluation-completed', data: { caseId } }] : documentsDone ? [{ type: 'review.document-review-completed', data: { caseId } }] : [];
      return [completed, ...phase, ...afterLastTask(state, c.taskId, null)];
    }
    case 'submit-correction': {
      const nc = own(state.nonconformities, c.nonconformityId);
      if (!nc) return refuse('UnknownNonconformity', `nonconformity ${c.nonconformityId} is not open on this case`);
      if (nc.closed) return refuse('NonconformityClosed', `nonconformity ${c.nonconformityId} is already closed`);
      return [{ type: 'review.corrective-action-submitted', data: { caseId, nonconformityId: c.nonconformityId, documentIds: c.documentIds, note: c.note } }];
    }
    case 'verify-correction': {
      const nc = own(state.nonconformities, c.nonconformityId);
      if (!nc || nc.closed) return refuse(nc ? 'NonconformityClosed' : 'UnknownNonconformity', `nonconformity ${c.nonconformityId} is not open on this case`);
      if (!nc.correctionSubmitted) return refuse('NoCorrectionSubmitted', 'the applicant has not submitted a corrective action yet');
      if (nc.raisedBy === c.by) return refuse('SelfVerification', 'the reviewer who raised the nonconformity cannot verify its correction');
      if (!c.accepted) return [{ type: 'review.corrective-action-rejected', data: { caseId, nonconformityId: c.nonconformityId, reason: c.reason ?? 'not sufficient', rejectedBy: c.by } }];
      const verified: ReviewEvent = { type: 'review.corrective-action-verified', data: { caseId, nonconformityId: c.nonconformityId, verifiedBy: c.by } };
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
    case 'release-tasks': {
      // Only tasks with work left to give back; a finished task stays as it was done.
      const { reviewerId, organisationId, relationId } = c;
      return c.taskIds
        .filter((taskId) => own(state.tasks, taskId)?.completed === false)
        .map((taskId) => ({ type: 'review.task-released' as const, data: { caseId, taskId, reviewerId, reasonCode: 'RelatedToOrganisation' as const, organisationId, relationId } }));
    }
    case 'plan-site-tasks': {
      // Too late once the on-site evaluation is over: the visits were done under the on-site task.
      const onSite = Object.values(state.tasks).filter((t) => t.onSite);
      if (state.status !== 'planned' || (onSite.length > 0 && onSite.every((t) => t.completed))) return [];
      const tasks = c.tasks.filter((t) => !own(state.tasks, t.taskId));
      return tasks.length ? [{ type: 'review.site-tasks-planned', data: { caseId, planId: c.planId, tasks } }] : [];
    }
    case 'escalate': {
      const task = own(state.tasks, c.taskId);
      if (!task || task.completed || task.escalated || task.waitingSince) return [];
      return [{ type: 'review.task-escalated', data: { caseId, taskId: c.taskId, dueAt: state.dueAt, escalatedTo: 'lead-reviewer' } }];
    }
  }
}

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ReviewState, ReviewRefusal> = {
  initialState: { status: 'none' },
  decide,
  evolve: (state, event) => evolveReview(state, event),
};
