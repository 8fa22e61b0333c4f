import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainQuery } from '@gbt/platform';
import { REVIEWS, type Reviews } from '../review/review.aggregate';
import { ReviewCaseStore } from '../review/review-case-store';
import { queueOfTask, reviewKey, reviewOfTask } from '../review/review-cycles';
import { ReviewDeadlines } from '../review/review-deadlines';
import { own, type PlannedReview } from '../review/review-state';
import { QUEUE_NAMES, type QueueName } from './task-plan';
import { WorkQueues } from './work-queues';

type Assessed = PlannedReview['assessments'][string];

/** A task as a reviewer sees it: its requirements and their assessments, its claim, reservation and SLA. */
export type TaskView = {
  readonly taskId: string;
  readonly caseId: string;
  readonly cycle: number;
  readonly queue: QueueName;
  readonly requirementIds: readonly string[];
  readonly assessments: Readonly<Record<string, Assessed | null>>;
  readonly completed: boolean;
  readonly waitingForApplicantSince: string | null;
  readonly escalated: boolean;
  readonly claimedBy: string | null;
  readonly assignedTo: string | null;
  readonly slaDueAt: string | null;
  /** A site task's outlet (issue 19): where the visit is; null for every other task. */
  readonly site: { readonly outletId: string; readonly name: string; readonly address: string } | null;
};

export type QueueCount = { readonly queue: QueueName; readonly waiting: number; readonly claimed: number; readonly parked: number; readonly completed: number };

/** One task of a review; not found when the stream or the queue does not have it. */
export class TaskOfReview extends DomainQuery<{ taskId: string }, TaskView> {}

/** The review queues with their counts: waiting, claimed, parked (waiting for an applicant), completed. */
export class QueueCounts extends DomainQuery<void, QueueCount[]> {}

@QueryHandler(TaskOfReview)
export class TaskOfReviewHandler implements IQueryHandler<TaskOfReview> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(ReviewDeadlines) private readonly deadlines: ReviewDeadlines,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  async execute({ data: { taskId } }: TaskOfReview): Promise<TaskView> {
    const review = reviewOfTask(taskId);
    const { state } = await this.reviews.load(reviewKey(review));
    const task = state.status === 'none' ? undefined : own(state.tasks, taskId);
    const job = await this.queues.job(queueOfTask(taskId), taskId);
    if (state.status === 'none' || !task || !job) throw new NotFoundException(`no task ${taskId}`);
    const claim = await this.queues.holder(queueOfTask(taskId), taskId);
    const assessments = Object.fromEntries(task.requirementIds.map((r) => [r, state.assessments[r] ?? null]));
    const outlet = task.outletId ? (await this.cases.organisation(state.organisationId))?.outlets?.find((o) => o.id === task.outletId) : undefined;
    return {
      taskId,
      caseId: state.caseId,
      cycle: review.cycle,
      queue: queueOfTask(taskId),
      requirementIds: task.requirementIds,
      assessments,
      completed: task.completed,
      waitingForApplicantSince: task.waitingSince,
      escalated: task.escalated,
      claimedBy: claim?.reviewerId ?? null,
      assignedTo: job.data.assignedTo ?? null,
      slaDueAt: this.deadlines.taskDue(state, taskId)?.toISOString() ?? null,
      site: task.outletId ? { outletId: task.outletId, name: outlet?.name ?? task.outletId, address: outlet?.address ?? '' } : null,
    };
  }
}

@QueryHandler(QueueCounts)
export class QueueCountsHandler implements IQueryHandler<QueueCounts> {
  constructor(@Inject(WorkQueues) private readonly queues: WorkQueues) {}

  async execute(): Promise<QueueCount[]> {
    return Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const counts = await this.queues.queue(name).getJobCounts('prioritized', 'waiting', 'active', 'delayed', 'completed');
        return { queue: name, waiting: (counts.prioritized ?? 0) + (counts.waiting ?? 0), claimed: counts.active ?? 0, parked: counts.delayed ?? 0, completed: counts.completed ?? 0 };
      }),
    );
  }
}

export const taskQueryHandlers = [TaskOfReviewHandler, QueueCountsHandler];
