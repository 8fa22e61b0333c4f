import { QUEUES, type QueueName } from '../tasks/task-plan';

/**
 * A case is reviewed once per evaluation cycle: cycle 1 is the first evaluation (planned on
 * acceptance), and every recertification started is the next cycle. Each cycle has a review
 * stream and task ids of its own; cycle 1 keeps the names it had before recertifications were
 * reviewed, so existing streams and queue jobs stay valid.
 */
export interface ReviewCycle {
  readonly caseId: string;
  readonly cycle: number;
}

export const FIRST_CYCLE = 1;

/** A cycle's review as the aggregate's key: `<caseId>` for the first evaluation, `<caseId>-c<n>` for a recertification. */
export const reviewKey = ({ caseId, cycle }: ReviewCycle): string => (cycle === FIRST_CYCLE ? caseId : `${caseId}-c${cycle}`);

/** `review-<caseId>` for the first evaluation, `review-<caseId>-c<n>` for a recertification. */
export const reviewStream = (caseId: string, cycle = FIRST_CYCLE) => `review-${reviewKey({ caseId, cycle })}`;

const CYCLE_SEGMENT = /^c([1-9]\d{0,5})$/;

/**
 * Which review a task id belongs to, and its key within it: task ids are `<caseId>.<key>` (cycle 1)
 * or `<caseId>.c<cycle>.<key>`, the key being an indicator id, `on-site` or `site.<outletId>` (a
 * sampled outlet's visit, from the audit plan); case ids have no dot.
 */
export function reviewOfTask(taskId: string): ReviewCycle & { readonly key: string } {
  const [caseId = '', ...rest] = taskId.split('.');
  const cycle = CYCLE_SEGMENT.exec(rest[0] ?? '');
  return cycle ? { caseId, cycle: Number(cycle[1]), key: rest.slice(1).join('.') } : { caseId, cycle: FIRST_CYCLE, key: rest.join('.') };
}

export const caseOfTask = (taskId: string) => reviewOfTask(taskId).caseId;

export const queueOfTask = (taskId: string): QueueName => {
  const { key } = reviewOfTask(taskId);
  return key === 'on-site' || key.startsWith('site.') ? QUEUES['on-site'] : (QUEUES[key.split('.').slice(0, 2).join('.') as '5.1'] ?? QUEUES['5.1']);
};

/**
 * The cycle a recertification starts, from the lifecycle stream versions of every
 * `recertification-started` of the case seen so far (redeliveries included only once): the first
 * one starts cycle 2. A denied recertification started again is a new cycle with a new review,
 * so these count evaluations; they equal the certificate cycles unless a recertification was denied.
 */
export function cycleStartedAt(recertificationVersions: readonly number[], streamVersion: number): number {
  return FIRST_CYCLE + 1 + new Set(recertificationVersions.filter((v) => v < streamVersion)).size;
}

/** The cycle under way (or last finished): the first evaluation plus one per recertification started. */
export const latestCycle = (recertificationVersions: readonly number[]) => FIRST_CYCLE + new Set(recertificationVersions).size;
