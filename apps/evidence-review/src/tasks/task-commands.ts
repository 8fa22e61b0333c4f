import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findRequirement, getCatalogue } from '@gbt/catalogue';
import type { Assessment } from '@gbt/contracts';
import { DomainCommand, DomainRefusal, type CommandContext } from '@gbt/platform';
import { Escalations } from '../review/escalations';
import { REVIEWS, type Reviews } from '../review/review.aggregate';
import type { ReviewCommand } from '../review/review.decider';
import { ReviewCaseStore } from '../review/review-case-store';
import { givenBy, type ReviewWritten } from '../review/review-commands';
import { caseOfTask, queueOfTask, reviewKey, reviewOfTask } from '../review/review-cycles';
import { ReviewDeadlines } from '../review/review-deadlines';
import { own } from '../review/review-state';
import type { QueueName } from './task-plan';
import { ReviewerEligibility, type ReviewRefusal } from './reviewer-eligibility';
import { PARKED_MS, RESERVED_PRIORITY, WorkQueues, type ClaimVerdict, type TaskData } from './work-queues';

/** The next task of a queue the giver may take (earliest SLA first), claimed for them; null when there is none. */
export class ClaimNextTask extends DomainCommand<{ queue: QueueName }, { taskId: string } | null> {}

/** A claimed task given back to its queue by the reviewer holding it. */
export class ReleaseTask extends DomainCommand<{ taskId: string }, void> {}

/** A lead takes a task from whoever holds it and reserves it for another reviewer. */
export class ReassignTask extends DomainCommand<{ taskId: string; reviewerId: string }, void> {}

/** The outcome for one requirement of a task the giver holds; a nonconformity is raised with its rectification deadline. */
export class AssessRequirement extends DomainCommand<{ taskId: string; requirementId: string; assessment: Assessment }, ReviewWritten> {}

/** A special deduction or bonus item found while working on a task the giver holds. */
export class RecordSpecialItem extends DomainCommand<{ taskId: string; kind: 'deduction' | 'bonus'; description: string }, ReviewWritten> {}

/** A question to the applicant: the task is parked and its SLA clock stops until they answer. */
export class RequestInformation extends DomainCommand<{ taskId: string; question: string }, ReviewWritten> {}

/** The applicant's answer: the task returns to its queue and its SLA clock runs again. */
export class ProvideInformation extends DomainCommand<{ taskId: string; answer: string; documentIds: string[] }, ReviewWritten> {}

/** A task whose every requirement is assessed, completed by the reviewer holding it. */
export class CompleteTask extends DomainCommand<{ taskId: string }, ReviewWritten> {}

/** What becomes of a task's queue job after a command on it. */
type Afterwards = 'keep-claim' | 'complete' | 'park';

/**
 * Evaluation work on a claimed task: only the reviewer holding the claim may give it, and not with a
 * declared conflict of interest. After the review stream has it, the queue job follows: the claim is
 * renewed, or the job completes, or it is parked while the applicant is asked.
 */
@Injectable()
export class ClaimedTasks {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(Escalations) private readonly escalations: Escalations,
  ) {}

  async work(taskId: string, context: CommandContext, command: ReviewCommand, afterwards: Afterwards, check?: () => Promise<void>): Promise<ReviewWritten> {
    const reviewerId = context.actor.id;
    const claim = await this.queues.holder(queueOfTask(taskId), taskId);
    if (claim?.reviewerId !== reviewerId) throw new ConflictException(`task ${taskId} is not claimed by ${reviewerId}; claim it first`);
    await this.cases.assertNotConflicted(caseOfTask(taskId), reviewerId);
    await check?.();
    const outcome = await this.reviews.execute(reviewKey(reviewOfTask(taskId)), command, context);
    const job = await this.queues.job(queueOfTask(taskId), taskId);
    if (job && afterwards === 'complete') {
      await job.moveToCompleted(null, claim.token, false);
      await this.escalations.cancel(taskId);
    } else if (job && afterwards === 'park') {
      // Parked until the applicant answers: no reviewer can claim it and its SLA clock stands still.
      await job.moveToDelayed(Date.now() + PARKED_MS, claim.token);
      await this.escalations.cancel(taskId);
    } else if (job) {
      await job.extendLock(claim.token, this.queues.claimTimeoutMs);
    }
    return { version: outcome.version };
  }
}

/** When no task was left, the reason that says most about the reviewer's own standing: a relation, then a lapsed qualification, then a missing one. */
const TELLING_FIRST = ['RelatedToOrganisation', 'QualificationExpired', 'NotQualified'];

/** A competence or impartiality refusal as the HTTP answer: 403 with its code and parameters. */
export const refused = (r: ReviewRefusal): DomainRefusal => new DomainRefusal(r.code, r.message, 403, r.params);

/**
 * Claims are judged on the claim's day (Asia/Shanghai): a reviewer unknown to the directory or
 * disabled is refused at once; tasks of cases they may not review are skipped, and when nothing
 * was left for them the most telling such reason is the answer (403), so they learn why rather than
 * "nothing to do". A qualification lapsing later does not touch a task already claimed.
 */
@CommandHandler(ClaimNextTask)
export class ClaimNextTaskHandler implements ICommandHandler<ClaimNextTask> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(ReviewerEligibility) private readonly eligibility: ReviewerEligibility,
  ) {}

  async execute({ data, context }: ClaimNextTask): Promise<{ taskId: string } | null> {
    const reviewerId = context.actor.id;
    const member = await this.eligibility.member(reviewerId);
    const barred = await this.eligibility.standing(member, reviewerId);
    if (barred) throw refused(barred);
    const refusals: ReviewRefusal[] = [];
    const job = await this.queues.claimNext(data.queue, reviewerId, async (task) => {
      const said = await this.verdict(task, reviewerId);
      if (said !== 'take') return said;
      const refusal = await this.eligibility.refusal(member, reviewerId, task.caseId, context.at);
      if (!refusal) return 'take';
      // A declared conflict was always a quiet skip; the directory's reasons are told when nothing else is left.
      if (refusal.code !== 'ConflictOfInterest') refusals.push(refusal);
      return 'skip';
    });
    const telling = refusals.sort((a, b) => TELLING_FIRST.indexOf(a.code) - TELLING_FIRST.indexOf(b.code))[0];
    if (!job && telling) throw refused(telling);
    return job ? { taskId: job.data.taskId } : null;
  }

  /** Whether a reviewer may take a task as far as the queue goes, and whether the review stream already moved past its job. */
  private async verdict(task: TaskData, reviewerId: string): Promise<ClaimVerdict> {
    const { state } = await this.reviews.load(reviewKey(reviewOfTask(task.taskId)));
    const inStream = state.status === 'none' ? undefined : own(state.tasks, task.taskId);
    if (inStream?.completed) return 'completed';
    if (inStream?.waitingSince) return 'parked';
    return task.assignedTo !== undefined && task.assignedTo !== reviewerId ? 'skip' : 'take';
  }
}

@CommandHandler(ReleaseTask)
export class ReleaseTaskHandler implements ICommandHandler<ReleaseTask> {
  constructor(@Inject(WorkQueues) private readonly queues: WorkQueues) {}

  async execute({ data, context }: ReleaseTask): Promise<void> {
    const { taskId } = data;
    const claim = await this.queues.holder(queueOfTask(taskId), taskId);
    if (claim?.reviewerId !== context.actor.id) throw new ConflictException(`task ${taskId} is not claimed by ${context.actor.id}`);
    await (await this.queues.job(queueOfTask(taskId), taskId))?.moveToDelayed(Date.now(), claim.token);
  }
}

@CommandHandler(ReassignTask)
export class ReassignTaskHandler implements ICommandHandler<ReassignTask> {
  constructor(
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(ReviewerEligibility) private readonly eligibility: ReviewerEligibility,
  ) {}

  async execute({ data, context }: ReassignTask): Promise<void> {
    const { taskId, reviewerId } = data;
    const job = await this.queues.job(queueOfTask(taskId), taskId);
    if (!job || (await job.isCompleted())) throw new NotFoundException(`no open task ${taskId}`);
    if (await this.cases.conflicted(caseOfTask(taskId), reviewerId)) throw new ConflictException(`${reviewerId} has a declared conflict of interest with this applicant`);
    const { reviewers, ineligible } = await this.eligibility.candidates(caseOfTask(taskId), context.at);
    const reason = ineligible.find((r) => r.id === reviewerId);
    if (reason) throw new DomainRefusal(reason.code, `${reviewerId} may not take this task (${reason.code})`, 403, reason.params);
    if (!reviewers.some((r) => r.id === reviewerId)) {
      throw new DomainRefusal('NotAnEligibleReviewer', `${reviewerId} is not a reviewer who may take this task; eligible: ${reviewers.map((r) => r.id).join(', ') || 'nobody'}`, 422, { eligible: reviewers.map((r) => r.id) });
    }
    await job.updateData({ ...job.data, assignedTo: reviewerId });
    const claim = await this.queues.holder(queueOfTask(taskId), taskId);
    if (claim) {
      await job.moveToDelayed(Date.now(), claim.token);
      await job.promote();
    }
    // First in line, so the reviewer it is reserved for gets it with their next claim (a parked task too, once answered).
    await job.changePriority({ priority: RESERVED_PRIORITY });
  }
}

@CommandHandler(AssessRequirement)
export class AssessRequirementHandler implements ICommandHandler<AssessRequirement> {
  constructor(
    @Inject(ClaimedTasks) private readonly tasks: ClaimedTasks,
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(ReviewDeadlines) private readonly deadlines: ReviewDeadlines,
  ) {}

  async execute({ data, context }: AssessRequirement): Promise<ReviewWritten> {
    const { taskId, requirementId, assessment } = data;
    const command: ReviewCommand = { type: 'assess', ...givenBy(context), taskId, requirementId, assessment, rectifyBy: this.deadlines.rectifyBy(context.at) };
    return this.tasks.work(taskId, context, command, 'keep-claim', () => this.sampledOnlyIfSampling(taskId, requirementId, assessment));
  }

  /** Sampled results only for requirements the catalogue samples, so scoring can always take the results. */
  private async sampledOnlyIfSampling(taskId: string, requirementId: string, assessment: Assessment): Promise<void> {
    if (assessment.outcome !== 'sampled') return;
    const { state } = await this.reviews.load(reviewKey(reviewOfTask(taskId)));
    const catalogue = state.status === 'none' ? undefined : getCatalogue(state.catalogueVersion);
    const requirement = catalogue && findRequirement(catalogue, requirementId);
    if (requirement && !requirement.sampled) {
      throw new DomainRefusal('NotSampled', `requirement ${requirementId} is not assessed by sampling; record it as conforming or as a nonconformity`, 422);
    }
  }
}

@CommandHandler(RecordSpecialItem)
export class RecordSpecialItemHandler implements ICommandHandler<RecordSpecialItem> {
  constructor(@Inject(ClaimedTasks) private readonly tasks: ClaimedTasks) {}

  async execute({ data, context }: RecordSpecialItem): Promise<ReviewWritten> {
    const { taskId, kind, description } = data;
    return this.tasks.work(taskId, context, { type: 'record-special-item', ...givenBy(context), taskId, kind, description, itemId: `${kind}-${randomUUID()}` }, 'keep-claim');
  }
}

@CommandHandler(RequestInformation)
export class RequestInformationHandler implements ICommandHandler<RequestInformation> {
  constructor(@Inject(ClaimedTasks) private readonly tasks: ClaimedTasks) {}

  async execute({ data, context }: RequestInformation): Promise<ReviewWritten> {
    return this.tasks.work(data.taskId, context, { type: 'request-information', ...givenBy(context), taskId: data.taskId, question: data.question }, 'park');
  }
}

@CommandHandler(CompleteTask)
export class CompleteTaskHandler implements ICommandHandler<CompleteTask> {
  constructor(@Inject(ClaimedTasks) private readonly tasks: ClaimedTasks) {}

  async execute({ data, context }: CompleteTask): Promise<ReviewWritten> {
    return this.tasks.work(data.taskId, context, { type: 'complete-task', ...givenBy(context), taskId: data.taskId }, 'complete');
  }
}

@CommandHandler(ProvideInformation)
export class ProvideInformationHandler implements ICommandHandler<ProvideInformation> {
  constructor(
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(Escalations) private readonly escalations: Escalations,
    @Inject(ReviewDeadlines) private readonly deadlines: ReviewDeadlines,
  ) {}

  async execute({ data, context }: ProvideInformation): Promise<ReviewWritten> {
    const { taskId, answer, documentIds } = data;
    const key = reviewKey(reviewOfTask(taskId));
    const outcome = await this.reviews.execute(key, { type: 'provide-information', ...givenBy(context), taskId, answer, documentIds }, context);
    await (await this.queues.job(queueOfTask(taskId), taskId))?.promote();
    const { state } = await this.reviews.load(key);
    const due = state.status === 'none' ? null : this.deadlines.taskDue(state, taskId);
    if (due) await this.escalations.schedule(taskId, due);
    return { version: outcome.version };
  }
}

export const taskCommandHandlers = [
  ClaimedTasks,
  ClaimNextTaskHandler,
  ReleaseTaskHandler,
  ReassignTaskHandler,
  AssessRequirementHandler,
  RecordSpecialItemHandler,
  RequestInformationHandler,
  CompleteTaskHandler,
  ProvideInformationHandler,
];
