import type { ReviewEvent } from './review.decider';
import type { NonconformityState, PlannedReview, ReviewState, TaskState } from './review-state';

const withTask = (s: PlannedReview, taskId: string, change: (t: TaskState) => TaskState): PlannedReview => {
  const task = s.tasks[taskId];
  return task ? { ...s, tasks: { ...s.tasks, [taskId]: change(task) } } : s;
};

const withNonconformity = (s: PlannedReview, id: string, change: (nc: NonconformityState) => NonconformityState): PlannedReview => {
  const nc = s.nonconformities[id];
  return nc ? { ...s, nonconformities: { ...s.nonconformities, [id]: change(nc) } } : s;
};

export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  if (event.type === 'review.tasks-planned') {
    const d = event.data;
    return {
      status: 'planned',
      caseId: d.caseId,
      organisationId: d.organisationId,
      catalogueVersion: d.catalogueVersion,
      plannedAt: d.plannedAt,
      dueAt: d.dueAt,
      tasks: Object.fromEntries(d.tasks.map((t) => [t.taskId, { requirementIds: t.requirementIds, onSite: t.onSite, completed: false, waitingSince: null, pauses: [], escalated: false }])),
      assessments: {},
      specialItems: [],
      nonconformities: {},
      evaluators: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'review.evaluator-assigned': {
      const { personId } = event.data;
      return state.evaluators.includes(personId) ? state : { ...state, evaluators: [...state.evaluators, personId] };
    }
    case 'review.requirement-assessed': {
      const d = event.data;
      return { ...state, assessments: { ...state.assessments, [d.requirementId]: { taskId: d.taskId, assessment: d.assessment, by: d.assessedBy } } };
    }
    case 'review.nonconformity-raised': {
      const d = event.data;
      const raisedBy = state.assessments[d.requirementId]?.by ?? '';
      const nc = { requirementId: d.requirementId, raisedBy, rectifyBy: d.rectifyBy, correctionSubmitted: false, closed: false };
      return { ...state, nonconformities: { ...state.nonconformities, [d.nonconformityId]: nc } };
    }
    case 'review.special-item-recorded': {
      const d = event.data;
      return { ...state, specialItems: [...state.specialItems, { kind: d.kind, itemId: d.itemId, description: d.description, by: d.recordedBy }] };
    }
    case 'review.information-requested': {
      const { taskId, requestedAt } = event.data;
      return withTask(state, taskId, (t) => ({ ...t, waitingSince: requestedAt }));
    }
    case 'review.information-provided': {
      const { taskId, providedAt } = event.data;
      return withTask(state, taskId, (t) => ({ ...t, waitingSince: null, pauses: [...t.pauses, { from: t.waitingSince ?? providedAt, to: providedAt }] }));
    }
    case 'review.task-completed':
      return withTask(state, event.data.taskId, (t) => ({ ...t, completed: true }));
    case 'review.site-tasks-planned': {
      const added = event.data.tasks.map((t) => [t.taskId, { requirementIds: [], onSite: true, outletId: t.outletId, completed: false, waitingSince: null, pauses: [], escalated: false }] as const);
      return { ...state, tasks: { ...state.tasks, ...Object.fromEntries(added) } };
    }
    case 'review.task-escalated':
      return withTask(state, event.data.taskId, (t) => ({ ...t, escalated: true }));
    case 'review.corrective-action-submitted':
      return withNonconformity(state, event.data.nonconformityId, (nc) => ({ ...nc, correctionSubmitted: true, closed: false }));
    case 'review.corrective-action-rejected':
      return withNonconformity(state, event.data.nonconformityId, (nc) => ({ ...nc, correctionSubmitted: false, closed: false }));
    case 'review.corrective-action-verified':
      return withNonconformity(state, event.data.nonconformityId, (nc) => ({ ...nc, correctionSubmitted: false, closed: true }));
    case 'review.results-published':
      return { ...state, status: 'results-published' };
    case 'review.review-cancelled':
      return { ...state, status: 'cancelled' };
    case 'review.document-review-completed':
    case 'review.on-site-evaluation-completed':
    case 'review.results-waiting-for-corrections':
    case 'review.task-released':
      return state;
  }
}
