import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@gbt/business-calendar';
import type { Db } from 'mongodb';
import { findRequirement, getCatalogue } from '@gbt/catalogue';
import { handleCommand, loadStream, MongoEventStore } from '@gbt/event-store';
import { CLOCK, DomainRefusal, metadataFor, MONGO_DB, type Clock } from '@gbt/platform';
import { planTasks } from '../tasks/task-plan';
import { PARKED_MS, WorkQueues, type ClaimVerdict, type TaskData } from '../tasks/work-queues';
import { Escalations } from './escalations';
import { EVALUATION_WORK, reviewDecider, type ReviewCommand } from './review.decider';
import { FIRST_CYCLE, latestCycle, queueOfTask, reviewOfTask, reviewStream, type ReviewCycle } from './review-cycles';
import { own, type PlannedReview, type ReviewState } from './review-state';

export const REVIEW_POLICY = Symbol('REVIEW_POLICY');
export interface ReviewPolicy {
  /** Working days from acceptance to a completed review. */
  readonly slaWorkingDays: number;
  /** Working days the applicant has to rectify a nonconformity. */
  readonly rectificationWorkingDays: number;
}

const STATUS: Record<string, number> = { UnknownTask: 404, UnknownNonconformity: 404, SelfVerification: 403, NoReview: 404, RequirementNotInTask: 422, Incomplete: 422 };

type Actor = { id: string; role?: string };
type Input = ReviewCommand extends infer C ? (C extends ReviewCommand ? Omit<C, 'by' | 'at'> : never) : never;

@Injectable()
export class ReviewService {
  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(Escalations) private readonly escalations: Escalations,
    @Inject(BusinessCalendar) private readonly calendar: BusinessCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REVIEW_POLICY) private readonly policy: ReviewPolicy,
    @Inject(MONGO_DB) private readonly db: Db,
  ) {
    escalations.onDue((taskId) => this.run({ id: 'sla-timer', role: 'system' }, reviewOfTask(taskId), { type: 'escalate', taskId }).then(() => undefined));
  }

  /** One cycle's review of a case. */
  async load(caseId: string, cycle = FIRST_CYCLE): Promise<{ state: ReviewState; version: number }> {
    const { state, version } = await loadStream(this.store, reviewStream(caseId, cycle), reviewDecider);
    return { state, version };
  }

  /** The case's cycle under way (or last finished): 1 until a recertification starts; the one case-level requests act on. */
  async currentCycle(caseId: string): Promise<ReviewCycle> {
    const known = await this.db.collection('review_cases').findOne<{ recertifications?: number[] }>({ _id: caseId as never }, { projection: { recertifications: 1 } });
    return { caseId, cycle: latestCycle(known?.recertifications ?? []) };
  }

  /**
   * Plans a cycle's review, on acceptance (cycle 1) or when a recertification starts: the stream
   * first, then the queue jobs and timers, all idempotent. Each cycle has its own stream and task ids.
   */
  async plan(caseId: string, organisationId: string, catalogueVersion: string, startedAt: Date, cycle = FIRST_CYCLE): Promise<void> {
    const catalogue = getCatalogue(catalogueVersion);
    if (!catalogue) throw new DomainRefusal('UnknownCatalogueVersion', `catalogue version ${catalogueVersion} is not known here`, 422);
    const tasks = planTasks(caseId, catalogue, cycle);
    const dueAt = this.calendar.dueAfterWorkingDays(startedAt, this.policy.slaWorkingDays) ?? startedAt;
    await this.run({ id: 'evidence-review', role: 'system' }, { caseId, cycle }, { type: 'plan', caseId, organisationId, catalogueVersion, tasks, dueAt }, startedAt);
    await this.queues.add(caseId, tasks, dueAt);
    for (const t of tasks) await this.escalations.schedule(t.taskId, dueAt);
  }

  /** The cycle's evaluation ended unfinished (application withdrawn, certificate expired): its open tasks leave the queues and their timers stop. */
  async cancel(review: ReviewCycle, reason: string, at: Date): Promise<void> {
    const { state } = await this.load(review.caseId, review.cycle);
    if (state.status === 'none') return;
    await this.run({ id: 'evidence-review', role: 'system' }, review, { type: 'cancel', reason }, at);
    for (const [taskId, task] of Object.entries(state.tasks)) {
      if (task.completed) continue;
      await this.escalations.cancel(taskId);
      await (await this.queues.job(queueOfTask(taskId), taskId))?.remove().catch(() => undefined);
    }
  }

  /** The task's SLA due instant with the applicant's waiting time left out; null while waiting. */
  dueAt(state: PlannedReview, taskId: string): Date | null {
    const task = own(state.tasks, taskId);
    if (!task) return null;
    const pauses = [...task.pauses.map((p) => ({ from: new Date(p.from), to: new Date(p.to) })), ...(task.waitingSince ? [{ from: new Date(task.waitingSince), to: null }] : [])];
    return this.calendar.dueAfterWorkingDays(new Date(state.plannedAt), this.policy.slaWorkingDays, pauses);
  }

  /** Sampled results only for requirements the catalogue samples, so scoring can always take the results. */
  private async checkAgainstCatalogue(review: ReviewCycle, requirementId: string, outcome: string): Promise<void> {
    const { state } = await this.load(review.caseId, review.cycle);
    const catalogue = state.status === 'none' ? undefined : getCatalogue(state.catalogueVersion);
    const requirement = catalogue && findRequirement(catalogue, requirementId);
    if (requirement && outcome === 'sampled' && !requirement.sampled) {
      throw new DomainRefusal('NotSampled', `requirement ${requirementId} is not assessed by sampling; record it as conforming or as a nonconformity`, 422);
    }
  }

  rectificationDeadline(from = this.clock.now()): Date {
    return this.calendar.dueAfterWorkingDays(from, this.policy.rectificationWorkingDays) ?? from;
  }

  /** Commands on a claimed task: only the reviewer holding the claim may give them. */
  async onClaimedTask(reviewer: Actor, taskId: string, input: Input): Promise<{ version: number }> {
    const claim = await this.queues.holder(queueOfTask(taskId), taskId);
    if (claim?.reviewerId !== reviewer.id) throw new ConflictException(`task ${taskId} is not claimed by ${reviewer.id}; claim it first`);
    const result = await this.run(reviewer, reviewOfTask(taskId), input);
    const job = await this.queues.job(queueOfTask(taskId), taskId);
    if (job && input.type === 'complete-task') {
      await job.moveToCompleted(null, claim.token, false);
      await this.escalations.cancel(taskId);
    } else if (job && input.type === 'request-information') {
      // Parked until the applicant answers: no reviewer can claim it and its SLA clock stands still.
      await job.moveToDelayed(Date.now() + PARKED_MS, claim.token);
      await this.escalations.cancel(taskId);
    } else if (job) {
      await job.extendLock(claim.token, this.queues.claimTimeoutMs);
    }
    return result;
  }

  async provideInformation(applicant: Actor, taskId: string, answer: string): Promise<{ version: number }> {
    const review = reviewOfTask(taskId);
    const result = await this.run(applicant, review, { type: 'provide-information', taskId, answer });
    await (await this.queues.job(queueOfTask(taskId), taskId))?.promote();
    const { state } = await this.load(review.caseId, review.cycle);
    const due = state.status === 'none' ? null : this.dueAt(state, taskId);
    if (due) await this.escalations.schedule(taskId, due);
    return result;
  }

  /** Whether a reviewer may take a task, and whether the review stream already moved past its job. */
  async claimVerdict(task: TaskData, reviewerId: string): Promise<ClaimVerdict> {
    const { caseId, cycle } = reviewOfTask(task.taskId);
    const { state } = await this.load(caseId, cycle);
    const inStream = state.status === 'none' ? undefined : own(state.tasks, task.taskId);
    if (inStream?.completed) return 'completed';
    if (inStream?.waitingSince) return 'parked';
    if (task.assignedTo !== undefined && task.assignedTo !== reviewerId) return 'skip';
    return (await this.conflicted(task.caseId, reviewerId)) ? 'skip' : 'take';
  }

  /** Whether a person has a declared conflict of interest with this case's applicant. */
  async conflicted(caseId: string, personId: string): Promise<boolean> {
    return (await this.db.collection('review_cases').countDocuments({ _id: caseId as never, conflicts: personId }, { limit: 1 })) > 0;
  }

  async run(actor: Actor, review: ReviewCycle, input: Input, at = this.clock.now()): Promise<{ version: number }> {
    if (EVALUATION_WORK.has(input.type) && (await this.conflicted(review.caseId, actor.id))) {
      throw new DomainRefusal('ConflictOfInterest', `${actor.id} has a declared conflict of interest with this applicant and cannot take part`, 403);
    }
    if (input.type === 'assess') await this.checkAgainstCatalogue(review, input.requirementId, input.assessment.outcome);
    const command = { ...input, by: actor.id, at } as ReviewCommand;
    const outcome = await handleCommand(this.store, reviewStream(review.caseId, review.cycle), reviewDecider, command, metadataFor(actor, at));
    if (!outcome.ok) throw new DomainRefusal(outcome.failure.error, outcome.failure.message, STATUS[outcome.failure.error] ?? 409);
    return { version: outcome.version };
  }
}
