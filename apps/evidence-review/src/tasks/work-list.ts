import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Job } from 'bullmq';
import type { EligibleReviewersView, WorkItem, WorkListView, WorkUrgency } from '@gbt/contracts/views';
import { CLOCK, DomainQuery, type Clock } from '@gbt/platform';
import { REVIEWS, type Reviews } from '../review/review.aggregate';
import type { ReviewCase } from '../review/review-case.model';
import { ReviewCaseStore } from '../review/review-case-store';
import { caseOfTask, queueOfTask, reviewKey, reviewOfTask } from '../review/review-cycles';
import { ReviewDeadlines } from '../review/review-deadlines';
import { own, type ReviewState } from '../review/review-state';
import { ReviewerEligibility } from './reviewer-eligibility';
import { QUEUE_NAMES, type QueueName } from './task-plan';
import { WorkQueues, type TaskData } from './work-queues';

/** How urgent a task is, as a code the console translates: the order of the work list. */
export type Urgency = WorkUrgency;
/** Due within this long: "due soon". */
export const DUE_SOON_MS = 24 * 3_600_000;
export type { WorkItem };

export interface WorkListFilter {
  readonly queue?: QueueName;
  readonly overdue?: boolean;
  readonly escalated?: boolean;
}

/** The open tasks of the queues a reviewer may work (today every queue: specialisms come later), most urgent first. */
export class WorkList extends DomainQuery<WorkListFilter & { reviewerId: string }, WorkListView> {}

/** The people a task may be reassigned to (the directory's reviewers qualified and impartial today, not conflicted, not its applicants), and the others with why not. */
export class EligibleReviewers extends DomainQuery<{ taskId: string }, EligibleReviewersView> {}

type JobState = 'active' | 'waiting' | 'delayed';
const STATES: readonly [JobState, ('active' | 'prioritized' | 'waiting' | 'delayed')[]][] = [
  ['active', ['active']],
  ['waiting', ['prioritized', 'waiting']],
  ['delayed', ['delayed']],
];

const byUrgency = (a: Omit<WorkItem, 'rank'>, b: Omit<WorkItem, 'rank'>) =>
  Number(a.waitingForApplicantSince !== null) - Number(b.waitingForApplicantSince !== null) ||
  Number(b.escalated) - Number(a.escalated) ||
  (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
  a.taskId.localeCompare(b.taskId);

/**
 * Served from the queues in Redis (open jobs only: completed ones are not read) and, per case on the
 * list, its review stream, its case record and its organisation's name, each read by `_id`: the cost
 * follows the open work, not the history.
 */
@QueryHandler(WorkList)
export class WorkListHandler implements IQueryHandler<WorkList> {
  constructor(
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(ReviewDeadlines) private readonly deadlines: ReviewDeadlines,
    @Inject(ReviewerEligibility) private readonly eligibility: ReviewerEligibility,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data }: WorkList): Promise<WorkListView> {
    const now = this.clock.now();
    const me = await this.eligibility.member(data.reviewerId);
    const reviews = new Map<string, Promise<ReviewState>>();
    const cases = new Map<string, Promise<{ known: ReviewCase | null; organisationName: string | null }>>();
    const reviewOf = (taskId: string) => memo(reviews, reviewKey(reviewOfTask(taskId)), async (key) => (await this.reviews.load(key)).state);
    const caseOf = (caseId: string) =>
      memo(cases, caseId, async () => {
        const known = await this.cases.get(caseId);
        return { known, organisationName: known ? await this.cases.organisationName(known.organisationId) : null };
      });

    const items: Omit<WorkItem, 'rank'>[] = [];
    for (const queue of data.queue ? [data.queue] : QUEUE_NAMES) {
      const candidates: { job: Job<TaskData>; item: Omit<WorkItem, 'rank'> }[] = [];
      for (const [state, types] of STATES) {
        for (const job of await this.queues.queue(queue).getJobs(types)) {
          if (!job?.data) continue;
          const { taskId } = job.data;
          const review = await reviewOf(taskId);
          const task = review.status === 'planned' ? own(review.tasks, taskId) : undefined;
          if (review.status !== 'planned' || !task || task.completed) continue;
          const { known, organisationName } = await caseOf(job.data.caseId);
          const due = this.deadlines.taskDue(review, taskId);
          const overdue = due !== null && due <= now;
          const urgency: Urgency = task.waitingSince ? 'waiting-for-applicant' : task.escalated ? 'escalated' : overdue ? 'overdue' : due && due.getTime() - now.getTime() <= DUE_SOON_MS ? 'due-soon' : 'on-time';
          const claim = state === 'active' ? await this.queues.holder(queue, taskId) : null;
          const refusal = this.eligibility.refusalOn(me, data.reviewerId, known, now);
          const notForYou = refusal && { code: refusal.code, params: refusal.params };
          const mayClaim = state === 'waiting' && !task.waitingSince && (job.data.assignedTo ?? data.reviewerId) === data.reviewerId && !notForYou;
          const item = {
            urgency,
            taskId,
            caseId: job.data.caseId,
            cycle: reviewOfTask(taskId).cycle,
            queue,
            organisationId: known?.organisationId ?? null,
            organisationName,
            requirementIds: task.requirementIds,
            dueAt: due?.toISOString() ?? null,
            overdue,
            escalated: task.escalated,
            waitingForApplicantSince: task.waitingSince,
            claimedBy: claim?.reviewerId ?? null,
            assignedTo: job.data.assignedTo ?? null,
            nextForYou: false,
            notForYou,
          };
          if (mayClaim) candidates.push({ job, item });
          items.push(item);
        }
      }
      // BullMQ hands out the lowest priority number first, then the earliest added.
      const next = candidates.sort((a, b) => (a.job.priority ?? 0) - (b.job.priority ?? 0) || a.job.timestamp - b.job.timestamp)[0];
      if (next) items[items.indexOf(next.item)] = { ...next.item, nextForYou: true };
    }
    const shown = items.filter((i) => (!data.overdue || i.overdue) && (!data.escalated || i.escalated)).sort(byUrgency);
    return { asOf: now.toISOString(), items: shown.map((item, i) => ({ rank: i + 1, ...item })) };
  }
}

@QueryHandler(EligibleReviewers)
export class EligibleReviewersHandler implements IQueryHandler<EligibleReviewers> {
  constructor(
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(ReviewerEligibility) private readonly eligibility: ReviewerEligibility,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data: { taskId } }: EligibleReviewers): Promise<EligibleReviewersView> {
    const job = await this.queues.job(queueOfTask(taskId), taskId);
    if (!job || (await job.isCompleted())) throw new NotFoundException(`no open task ${taskId}`);
    return { taskId, source: 'directory' as const, ...(await this.eligibility.candidates(caseOfTask(taskId), this.clock.now())) };
  }
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: (key: string) => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = load(key);
    cache.set(key, found);
  }
  return found;
}

export const workListQueryHandlers = [WorkListHandler, EligibleReviewersHandler];
