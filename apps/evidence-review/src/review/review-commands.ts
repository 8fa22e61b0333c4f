import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { getCatalogue } from '@gbt/catalogue';
import { CLOCK, DomainCommand, DomainRefusal, type Actor, type Clock, type CommandContext } from '@gbt/platform';
import { planTasks } from '../tasks/task-plan';
import { ESCALATED_PRIORITY, WorkQueues } from '../tasks/work-queues';
import { Escalations } from './escalations';
import { REVIEWS, type Reviews } from './review.aggregate';
import { ReviewCaseStore } from './review-case-store';
import { cycleStartedAt, queueOfTask, reviewKey, reviewOfTask } from './review-cycles';
import { ReviewDeadlines } from './review-deadlines';

/** What a command on a review answers: the stream's version after it. */
export interface ReviewWritten {
  readonly version: number;
}

/** Who gives the commands the service gives itself (planning and cancelling on lifecycle events). */
export const REVIEW_SYSTEM: Actor = { id: 'evidence-review', role: 'system' };
/** Who escalates a task whose SLA ran out. */
export const SLA_TIMER: Actor = { id: 'sla-timer', role: 'system' };

/** The giver and time every review command records. */
export const givenBy = (context: CommandContext) => ({ by: context.actor.id, at: context.at });

/** A case drafted on the lifecycle: what its review will need (organisation, catalogue version). */
export class RegisterReviewCase extends DomainCommand<{ caseId: string; organisationId: string; catalogueVersion: string; productCategories: readonly string[] }, void> {}

/** The case's scope was edited or changed: the product categories its reviewers must be qualified for. */
export class RecordCaseScope extends DomainCommand<{ caseId: string; productCategories: readonly string[] }, void> {}

/** Someone declared a conflict of interest with the case's applicant: they may do no evaluation work on it. */
export class RecordConflictOfInterest extends DomainCommand<{ caseId: string; personId: string }, void> {}

/** An organisation registered or changed: the name the work list shows, the outlets and headcount audit plans use. */
export class RecordOrganisation extends DomainCommand<{ organisationId: string; name: string; outlets: { id: string; name: string; address: string }[]; employees?: number }, void> {}

/** A recertification started at that lifecycle version: the case's next review cycle. Answers the cycle and the case's organisation. */
export class RecordRecertification extends DomainCommand<{ caseId: string; lifecycleVersion: number }, { cycle: number; organisationId: string }> {}

/**
 * Plans a cycle's review, on acceptance (cycle 1) or when a recertification starts: the stream
 * first, then the queue jobs and timers, all idempotent. Each cycle has its own stream and task ids;
 * the context's time is when the review started, which its SLA counts from.
 */
export class PlanReview extends DomainCommand<{ caseId: string; organisationId: string; catalogueVersion: string; cycle: number }, ReviewWritten> {}

/** The case's evaluation ended unfinished (application withdrawn, certificate expired): its open tasks leave the queues and their timers stop. Null when the cycle had no review. */
export class CancelReview extends DomainCommand<{ caseId: string; reason: string }, ReviewWritten | null> {}

/** A task's SLA ran out: the lead reviewer is told. */
export class EscalateTask extends DomainCommand<{ taskId: string }, ReviewWritten> {}

/** The applicant's corrective action for a nonconformity of the current cycle, with its evidence documents. */
export class SubmitCorrection extends DomainCommand<{ caseId: string; nonconformityId: string; documentIds: string[]; note: string }, ReviewWritten> {}

/** A corrective action accepted (closing the nonconformity) or rejected, not by the reviewer who raised it. */
export class VerifyCorrection extends DomainCommand<{ caseId: string; nonconformityId: string; accepted: boolean; reason?: string }, ReviewWritten> {}

/** The lead's explicit decision: the results go to scoring although nonconformities are still open. */
export class WaiveOpenNonconformities extends DomainCommand<{ caseId: string }, ReviewWritten> {}

@CommandHandler(RegisterReviewCase)
export class RegisterReviewCaseHandler implements ICommandHandler<RegisterReviewCase> {
  constructor(@Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore) {}

  async execute({ data }: RegisterReviewCase): Promise<void> {
    await this.cases.register(data.caseId, data.organisationId, data.catalogueVersion, data.productCategories);
  }
}

@CommandHandler(RecordCaseScope)
export class RecordCaseScopeHandler implements ICommandHandler<RecordCaseScope> {
  constructor(@Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore) {}

  async execute({ data }: RecordCaseScope): Promise<void> {
    await this.cases.setProductCategories(data.caseId, data.productCategories);
  }
}

@CommandHandler(RecordConflictOfInterest)
export class RecordConflictOfInterestHandler implements ICommandHandler<RecordConflictOfInterest> {
  constructor(@Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore) {}

  async execute({ data }: RecordConflictOfInterest): Promise<void> {
    await this.cases.addConflict(data.caseId, data.personId);
  }
}

@CommandHandler(RecordOrganisation)
export class RecordOrganisationHandler implements ICommandHandler<RecordOrganisation> {
  constructor(@Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore) {}

  async execute({ data: { organisationId, ...details } }: RecordOrganisation): Promise<void> {
    await this.cases.recordOrganisation(organisationId, details);
  }
}

@CommandHandler(RecordRecertification)
export class RecordRecertificationHandler implements ICommandHandler<RecordRecertification> {
  constructor(@Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore) {}

  async execute({ data }: RecordRecertification): Promise<{ cycle: number; organisationId: string }> {
    const known = await this.cases.addRecertification(data.caseId, data.lifecycleVersion);
    if (!known) throw new Error(`case ${data.caseId} started recertification before its draft arrived`);
    return { cycle: cycleStartedAt(known.recertifications ?? [], data.lifecycleVersion), organisationId: known.organisationId };
  }
}

@CommandHandler(PlanReview)
export class PlanReviewHandler implements ICommandHandler<PlanReview> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(Escalations) private readonly escalations: Escalations,
    @Inject(ReviewDeadlines) private readonly deadlines: ReviewDeadlines,
  ) {}

  async execute({ data, context }: PlanReview): Promise<ReviewWritten> {
    const { caseId, organisationId, catalogueVersion, cycle } = data;
    const catalogue = getCatalogue(catalogueVersion);
    if (!catalogue) throw new DomainRefusal('UnknownCatalogueVersion', `catalogue version ${catalogueVersion} is not known here`, 422);
    const tasks = planTasks(caseId, catalogue, cycle);
    const dueAt = this.deadlines.reviewDue(context.at);
    const outcome = await this.reviews.execute(reviewKey({ caseId, cycle }), { type: 'plan', ...givenBy(context), caseId, organisationId, catalogueVersion, tasks, dueAt }, context);
    // Also when the stream had it already: a plan interrupted between the stream and the queues is completed.
    await this.queues.add(caseId, tasks, dueAt);
    for (const t of tasks) await this.escalations.schedule(t.taskId, dueAt);
    return { version: outcome.version };
  }
}

@CommandHandler(CancelReview)
export class CancelReviewHandler implements ICommandHandler<CancelReview> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(Escalations) private readonly escalations: Escalations,
  ) {}

  async execute({ data, context }: CancelReview): Promise<ReviewWritten | null> {
    const key = reviewKey(await this.cases.currentCycle(data.caseId));
    const { state } = await this.reviews.load(key);
    if (state.status === 'none') return null;
    const outcome = await this.reviews.execute(key, { type: 'cancel', ...givenBy(context), reason: data.reason }, context);
    for (const [taskId, task] of Object.entries(state.tasks)) {
      if (task.completed) continue;
      await this.escalations.cancel(taskId);
      await (await this.queues.job(queueOfTask(taskId), taskId))?.remove().catch(() => undefined);
    }
    return { version: outcome.version };
  }
}

@CommandHandler(EscalateTask)
export class EscalateTaskHandler implements ICommandHandler<EscalateTask> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
  ) {}

  async execute({ data, context }: EscalateTask): Promise<ReviewWritten> {
    const outcome = await this.reviews.execute(reviewKey(reviewOfTask(data.taskId)), { type: 'escalate', ...givenBy(context), taskId: data.taskId }, context);
    // Escalated tasks come first in their queue (after tasks a lead reserved), as on the work list.
    const job = outcome.events.length ? await this.queues.job(queueOfTask(data.taskId), data.taskId) : undefined;
    if (job && !job.data.assignedTo && !(await job.isCompleted())) await job.changePriority({ priority: ESCALATED_PRIORITY });
    return { version: outcome.version };
  }
}

@CommandHandler(SubmitCorrection)
export class SubmitCorrectionHandler implements ICommandHandler<SubmitCorrection> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  async execute({ data, context }: SubmitCorrection): Promise<ReviewWritten> {
    const { caseId, nonconformityId, documentIds, note } = data;
    const key = reviewKey(await this.cases.currentCycle(caseId));
    const outcome = await this.reviews.execute(key, { type: 'submit-correction', ...givenBy(context), nonconformityId, documentIds, note }, context);
    return { version: outcome.version };
  }
}

@CommandHandler(VerifyCorrection)
export class VerifyCorrectionHandler implements ICommandHandler<VerifyCorrection> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  async execute({ data, context }: VerifyCorrection): Promise<ReviewWritten> {
    const { caseId, nonconformityId, accepted, reason } = data;
    const key = reviewKey(await this.cases.currentCycle(caseId));
    await this.cases.assertNotConflicted(caseId, context.actor.id);
    const outcome = await this.reviews.execute(key, { type: 'verify-correction', ...givenBy(context), nonconformityId, accepted, ...(reason ? { reason } : {}) }, context);
    return { version: outcome.version };
  }
}

@CommandHandler(WaiveOpenNonconformities)
export class WaiveOpenNonconformitiesHandler implements ICommandHandler<WaiveOpenNonconformities> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  async execute({ data, context }: WaiveOpenNonconformities): Promise<ReviewWritten> {
    const key = reviewKey(await this.cases.currentCycle(data.caseId));
    await this.cases.assertNotConflicted(data.caseId, context.actor.id);
    const outcome = await this.reviews.execute(key, { type: 'waive-open-nonconformities', ...givenBy(context) }, context);
    return { version: outcome.version };
  }
}

/** Turns each due SLA timer into an EscalateTask command, on the service clock. */
@Injectable()
export class SlaTimer {
  constructor(@Inject(Escalations) escalations: Escalations, @Inject(CommandBus) commands: CommandBus, @Inject(CLOCK) clock: Clock) {
    escalations.onDue(async (taskId) => {
      await commands.execute(new EscalateTask({ taskId }, { actor: SLA_TIMER, at: clock.now() }));
    });
  }
}

export const reviewCommandHandlers = [
  RegisterReviewCaseHandler,
  RecordCaseScopeHandler,
  RecordConflictOfInterestHandler,
  RecordOrganisationHandler,
  RecordRecertificationHandler,
  PlanReviewHandler,
  CancelReviewHandler,
  EscalateTaskHandler,
  SubmitCorrectionHandler,
  VerifyCorrectionHandler,
  WaiveOpenNonconformitiesHandler,
  SlaTimer,
];
