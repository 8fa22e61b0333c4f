import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { auditPlanEvents, EventRegistry, Topics, type EventEnvelope, type SiteVisitOutcome } from '@gbt/contracts';
import { Consumers, DomainCommand } from '@gbt/platform';
import { Escalations } from '../review/escalations';
import { REVIEWS, type Reviews } from '../review/review.aggregate';
import { givenBy, REVIEW_SYSTEM } from '../review/review-commands';
import { reviewKey, reviewOfTask } from '../review/review-cycles';
import { planSiteTasks } from '../tasks/task-plan';
import { WorkQueues } from '../tasks/work-queues';
import { AUDIT_PLANS, type AuditPlans } from './audit-plan.aggregate';
import { FlagVisitedOutlet } from './site-visits';
import { SyncSiteVisitsDue } from './site-visits-due';

/**
 * A plan confirmed: the review of the cycle it opens (initial or recertification audit) gets a site
 * task per sampled outlet, on the on-site queue with the review's due date. Idempotent: outlets
 * with a task already get none, and the queue jobs and timers are keyed by task id.
 */
export class PlanSiteTasks extends DomainCommand<{ planId: string }, { added: number }> {}

@CommandHandler(PlanSiteTasks)
export class PlanSiteTasksHandler implements ICommandHandler<PlanSiteTasks> {
  constructor(
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(REVIEWS) private readonly reviews: Reviews,
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(Escalations) private readonly escalations: Escalations,
  ) {}

  async execute({ data, context }: PlanSiteTasks): Promise<{ added: number }> {
    const { state } = await this.plans.load(data.planId);
    const plan = state.status === 'confirmed' ? state.plan : null;
    // A surveillance is no review of this service: its site tasks are the plan's visits (site-visits.ts), recorded by its auditors.
    if (!plan?.outletSample || (plan.kind !== 'initial' && plan.kind !== 'recertification')) return { added: 0 };
    // The plan id is `<task prefix>.audit.<kind>`: its case and cycle read as a task id's.
    const { caseId, cycle } = reviewOfTask(data.planId);
    const outletIds = plan.outletSample.outlets.map((o) => o.id);
    const tasks = planSiteTasks(caseId, cycle, outletIds);
    const key = reviewKey({ caseId, cycle });
    const sites = tasks.map((t, i) => ({ taskId: t.taskId, outletId: outletIds[i] ?? '' }));
    const outcome = await this.reviews.execute(key, { type: 'plan-site-tasks', ...givenBy(context), planId: data.planId, tasks: sites }, context);
    const { state: review } = await this.reviews.load(key);
    if (review.status !== 'planned') return { added: 0 };
    // Also when the stream had them already: a run interrupted between the stream and the queues is completed.
    const planned = tasks.filter((t) => review.tasks[t.taskId]?.completed === false);
    const dueAt = new Date(review.dueAt);
    await this.queues.add(caseId, planned, dueAt);
    for (const t of planned) await this.escalations.schedule(t.taskId, dueAt);
    const written = outcome.events.find((e) => e.type === 'review.site-tasks-planned')?.data as { tasks: unknown[] } | undefined;
    return { added: written?.tasks.length ?? 0 };
  }
}

/** Evidence review reads its own audit-plan facts back from Kafka: what a confirmation or a visit sets in motion survives a crash. */
@Injectable()
export class AuditPlanEventsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('audit-plans', {
      topics: [Topics.auditPlan],
      registry: new EventRegistry(auditPlanEvents),
      handler: (event) => this.apply(event),
    });
  }

  private async apply(event: EventEnvelope): Promise<void> {
    const context = { actor: REVIEW_SYSTEM, at: new Date(event.occurredAt) };
    // A plan's own stream is `audit-plan-<planId>`, its visits' `audit-visits-<planId>`.
    const planId = event.streamId.replace(/^audit-(plan|visits)-/, '');
    if (event.type === 'audit-plan.site-visit-recorded') {
      const visit = event.data as { outletId: string; outcome: SiteVisitOutcome; finding: string | null };
      await this.commands.execute(new FlagVisitedOutlet({ planId, outletId: visit.outletId, outcome: visit.outcome, finding: visit.finding }, context));
    }
    if (event.type === 'audit-plan.confirmed') await this.commands.execute(new PlanSiteTasks({ planId }, context));
    // Any change to a surveillance plan or its visits: its auditors' lists of outlets to visit follow.
    await this.commands.execute(new SyncSiteVisitsDue({ planId }, context));
  }
}
