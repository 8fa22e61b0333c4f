import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReviewThread } from '@gbt/contracts/views';
import { DomainQuery } from '@gbt/platform';
import { REVIEWS, type Reviews } from './review.aggregate';
import type { ReviewCase } from './review-case.model';
import { ReviewCaseStore } from './review-case-store';
import { reviewKey, type ReviewCycle } from './review-cycles';
import type { ReviewState } from './review-state';
import { threadsOf } from './threads';

/** The case's cycle under way (or last finished): the one case-level requests act on. */
export class CurrentReviewCycle extends DomainQuery<{ caseId: string }, ReviewCycle> {}

/** One cycle's review of a case as it stands, with its stream version. */
export class ReviewOfCycle extends DomainQuery<ReviewCycle, { state: ReviewState; version: number }> {}

/** One cycle's conversation between applicant and reviewers: requests for information and corrective actions, oldest first. */
export class ThreadsOfCycle extends DomainQuery<ReviewCycle, ReviewThread[]> {}

/** What the review knows of a case from the lifecycle; null before its draft arrived. */
export class KnownCase extends DomainQuery<{ caseId: string }, ReviewCase | null> {}

@QueryHandler(CurrentReviewCycle)
export class CurrentReviewCycleHandler implements IQueryHandler<CurrentReviewCycle> {
  constructor(@Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore) {}

  async execute({ data }: CurrentReviewCycle): Promise<ReviewCycle> {
    return this.cases.currentCycle(data.caseId);
  }
}

@QueryHandler(ReviewOfCycle)
export class ReviewOfCycleHandler implements IQueryHandler<ReviewOfCycle> {
  constructor(@Inject(REVIEWS) private readonly reviews: Reviews) {}

  async execute({ data }: ReviewOfCycle): Promise<{ state: ReviewState; version: number }> {
    const { state, version } = await this.reviews.load(reviewKey(data));
    return { state, version };
  }
}

@QueryHandler(ThreadsOfCycle)
export class ThreadsOfCycleHandler implements IQueryHandler<ThreadsOfCycle> {
  constructor(@Inject(REVIEWS) private readonly reviews: Reviews) {}

  async execute({ data }: ThreadsOfCycle): Promise<ReviewThread[]> {
    return threadsOf((await this.reviews.load(reviewKey(data))).events);
  }
}

@QueryHandler(KnownCase)
export class KnownCaseHandler implements IQueryHandler<KnownCase> {
  constructor(@Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore) {}

  async execute({ data }: KnownCase): Promise<ReviewCase | null> {
    return this.cases.get(data.caseId);
  }
}

export const reviewQueryHandlers = [CurrentReviewCycleHandler, ReviewOfCycleHandler, ThreadsOfCycleHandler, KnownCaseHandler];
