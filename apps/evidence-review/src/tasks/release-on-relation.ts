import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { shanghaiDate } from '@gbt/certificate-core';
import { relationTo, StaffCompetence, type Relation } from '@gbt/competence';
import type { EventEnvelope } from '@gbt/contracts';
import { REVIEWS, type Reviews } from '../review/review.aggregate';
import { givenBy, REVIEW_SYSTEM } from '../review/review-commands';
import { ReviewCaseStore } from '../review/review-case-store';
import { reviewKey, reviewOfTask } from '../review/review-cycles';
import { QUEUE_NAMES } from './task-plan';
import { priorityFor, WorkQueues, type TaskData } from './work-queues';

/**
 * A relation declared after work was given out (ISO/IEC 17065 4.2): the person's open tasks on the
 * organisation's cases go back to their queues, the review stream records why
 * (`review.task-released`), and a lead's reservation for them is lifted. Runs on the directory
 * event, not on a request, so reading the open jobs from Redis here costs nothing a reviewer waits for.
 */
@Injectable()
export class ReleaseOnRelation implements OnModuleInit {
  constructor(
    @Inject(StaffCompetence) private readonly staff: StaffCompetence,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(REVIEWS) private readonly reviews: Reviews,
  ) {}

  onModuleInit(): void {
    this.staff.onRelationDeclared((personId, relation, event) => this.release(personId, relation, event));
  }

  private async release(personId: string, relation: Relation, event: EventEnvelope): Promise<void> {
    const at = new Date(event.occurredAt);
    // A relation that ended before the window counts for nothing, now or later.
    if (!relationTo({ personId, status: 'active', qualifications: [], relations: [relation] }, relation.organisationId, shanghaiDate(at), this.staff.policy)) return;
    const found = await this.openWorkOf(personId, relation.organisationId);
    // One command per review stream: the store keeps one commit per stream for the directory event that caused it.
    for (const key of new Set(found.map((f) => reviewKey(reviewOfTask(f.job.data.taskId))))) {
      const taskIds = found.filter((f) => reviewKey(reviewOfTask(f.job.data.taskId)) === key).map((f) => f.job.data.taskId);
      const command = { type: 'release-tasks' as const, ...givenBy({ actor: REVIEW_SYSTEM, at }), taskIds, reviewerId: personId, organisationId: relation.organisationId, relationId: relation.relationId };
      await this.reviews.execute(key, command, { actor: REVIEW_SYSTEM, at });
    }
    for (const { job, token } of found) {
      if (job.data.assignedTo === personId) {
        const { assignedTo: _reserved, ...unreserved } = job.data;
        await job.updateData(unreserved as TaskData);
        await job.changePriority({ priority: priorityFor(new Date(job.data.dueAt)) });
      }
      if (token) await job.moveToDelayed(Date.now(), token);
    }
  }

  /** The person's claimed or reserved tasks on the organisation's cases, with the claim's lock token where they hold it. */
  private async openWorkOf(personId: string, organisationId: string): Promise<{ job: Job<TaskData>; token: string | null }[]> {
    const found: { job: Job<TaskData>; token: string | null }[] = [];
    for (const queue of QUEUE_NAMES) {
      for (const job of await this.queues.queue(queue).getJobs(['active', 'prioritized', 'waiting', 'delayed'])) {
        if (!job?.data) continue;
        const claim = await this.queues.holder(queue, job.data.taskId);
        const holds = claim?.reviewerId === personId;
        if (!holds && job.data.assignedTo !== personId) continue;
        if ((await this.cases.get(job.data.caseId))?.organisationId === organisationId) found.push({ job, token: holds && claim ? claim.token : null });
      }
    }
    return found;
  }
}
