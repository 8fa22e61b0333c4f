import type { Assessment } from '@gbt/contracts';
import type { ReviewEvent } from './review.decider';
import type { PlannedReview, ReviewState, TaskState } from './review-state';

type D = Record<string, unknown>;
const str = (d: D, k: string) => d[k] as string;

const withTask = (s: PlannedReview, taskId: string, change: (t: TaskState) => TaskState): PlannedReview => {
  const task = s.tasks[taskId];
  return task ? { ...s, tasks: { ...s.tasks, [taskId]: change(task) } } : s;
};

export function evolveReview(state: ReviewState, { type, data: d }: ReviewEvent): ReviewState {
  if (type === 'review.tasks-planned') {
    const tasks = d.tasks as { taskId: string; requirementIds: string[]; onSite: boolean }[];
    return {
      status: 'planned',
      caseId: str(d, 'caseId'),
      organisationId: str(d, 'organisationId'),
      catalogueVersion: str(d, 'catalogueVersion'),
      plannedAt: str(d, 'plannedAt'),
      dueAt: str(d, 'dueAt'),
      tasks: Object.fromEntries(tasks.map((t) => [t.taskId, { requirementIds: t.requirementIds, onSite: t.onSite, completed: false, waitingSince: null, pauses: [], escalated: false }])),
      assessments: {},
      specialItems: [],
      nonconformities: {},
      evaluators: [],
    };
  }
  if (state.status === 'none') return state;
  switch (type) {
    case 'review.evaluator-assigned':
      return state.evaluators.includes(str(d, 'personId')) ? state : { ...state, evaluators: [...state.evaluators, str(d, 'personId')] };
    case 'review.requirement-assessed':
      return { ...state, assessments: { ...state.assessments, [str(d, 'requirementId')]: { taskId: str(d, 'taskId'), assessment: d.assessment as Assessment, by: str(d, 'assessedBy') } } };
    case 'review.nonconformity-raised': {
      const raisedBy = state.assessments[str(d, 'requirementId')]?.by ?? '';
      const nc = { requirementId: str(d, 'requirementId'), raisedBy, rectifyBy: str(d, 'rectifyBy'), correctionSubmitted: false, closed: false };
      return { ...state, nonconformities: { ...state.nonconformities, [str(d, 'nonconformityId')]: nc } };
    }
    case 'review.special-item-recorded':
      return { ...state, specialItems: [...state.specialItems, { kind: d.kind as 'deduction' | 'bonus', itemId: str(d, 'itemId'), description: str(d, 'description'), by: str(d, 'recordedBy') }] };
    case 'review.information-requested':
      return withTask(state, str(d, 'taskId'), (t) => ({ ...t, waitingSince: str(d, 'requestedAt') }));
    case 'review.information-provided':
      return withTask(state, str(d, 'taskId'), (t) => ({ ...t, waitingSince: null, pauses: [...t.pauses, { from: t.waitingSince ?? str(d, 'providedAt'), to: str(d, 'providedAt') }] }));
    case 'review.task-completed':
      return withTask(state, str(d, 'taskId'), (t) => ({ ...t, completed: true }));
    case 'review.task-escalated':
      return withTask(state, str(d, 'taskId'), (t) => ({ ...t, escalated: true }));
    case 'review.corrective-action-submitted':
    case 'review.corrective-action-rejected':
    case 'review.corrective-action-verified': {
      const id = str(d, 'nonconformityId');
      const nc = state.nonconformities[id];
      if (!nc) return state;
      const next = { ...nc, correctionSubmitted: type === 'review.corrective-action-submitted', closed: type === 'review.corrective-action-verified' };
      return { ...state, nonconformities: { ...state.nonconformities, [id]: next } };
    }
    case 'review.results-published':
      return { ...state, status: 'results-published' };
    case 'review.review-cancelled':
      return { ...state, status: 'cancelled' };
    default:
      return state;
  }
}
