import { Inject, Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@gbt/business-calendar';
import { own, type PlannedReview } from './review-state';

export const REVIEW_POLICY = Symbol('REVIEW_POLICY');
export interface ReviewPolicy {
  /** Working days from acceptance to a completed review. */
  readonly slaWorkingDays: number;
  /** Working days the applicant has to rectify a nonconformity. */
  readonly rectificationWorkingDays: number;
}

/** The review's deadlines on the business calendar: the SLA of a review and its tasks, and the rectification period. */
@Injectable()
export class ReviewDeadlines {
  constructor(
    @Inject(BusinessCalendar) private readonly calendar: BusinessCalendar,
    @Inject(REVIEW_POLICY) private readonly policy: ReviewPolicy,
  ) {}

  /** When a review started then is due. */
  reviewDue(startedAt: Date): Date {
    return this.calendar.dueAfterWorkingDays(startedAt, this.policy.slaWorkingDays) ?? startedAt;
  }

  /** The task's SLA due instant with the applicant's waiting time left out; null while waiting. */
  taskDue(state: PlannedReview, taskId: string): Date | null {
    const task = own(state.tasks, taskId);
    if (!task) return null;
    const pauses = [...task.pauses.map((p) => ({ from: new Date(p.from), to: new Date(p.to) })), ...(task.waitingSince ? [{ from: new Date(task.waitingSince), to: null }] : [])];
    return this.calendar.dueAfterWorkingDays(new Date(state.plannedAt), this.policy.slaWorkingDays, pauses);
  }

  /** Until when the applicant may rectify a nonconformity raised at `from`. */
  rectifyBy(from: Date): Date {
    return this.calendar.dueAfterWorkingDays(from, this.policy.rectificationWorkingDays) ?? from;
  }
}
