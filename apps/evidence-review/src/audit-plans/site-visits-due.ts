import { Controller, Get, Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, QueryBus, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Model } from 'mongoose';
import { AUDITOR_ROLES, type AuditKind, type AuditPlan } from '@gbt/audit-programme';
import { CurrentUser, type Principal } from '@gbt/auth';
import type { SiteVisitDueView } from '@gbt/contracts/views';
import { changeList, DomainCommand, DomainQuery } from '@gbt/platform';
import { ReviewCaseStore } from '../review/review-case-store';
import { caseOfTask } from '../review/review-cycles';
import { AUDIT_PLANS, type AuditPlans } from './audit-plan.aggregate';
import { auditPlanId } from './audit-programme-of-case';
import { SITE_VISITS, type SiteVisits } from './site-visits';

/**
 * Each auditor's open surveillance site tasks (their queue of outlets to visit): one document per
 * person, `_id: <personId>`, read and written by `_id` only (ADR 0022) under a version guard.
 */
@Schema({ collection: 'site_visits_due', versionKey: false, strict: 'throw' })
export class SiteVisitsDue {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({
    type: [{ _id: false, planId: String, caseId: String, organisationId: String, kind: String, outletId: String, outletName: String, outletAddress: String, startDate: String, endDate: String }],
    required: true,
    default: [],
  })
  entries!: SiteVisitDueView[];

  @Prop({ type: Number, required: true, default: 0 })
  version!: number;
}
export const SiteVisitsDueSchema = SchemaFactory.createForClass(SiteVisitsDue);

const SURVEILLANCE_KINDS: readonly AuditKind[] = ['surveillance-1', 'surveillance-2'];

const auditorsOf = (plan: AuditPlan) => plan.team.filter((m) => AUDITOR_ROLES.includes(m.role)).map((m) => m.personId);

/**
 * A surveillance plan's facts (proposed, confirmed, cancelled, a visit) read back from Kafka: every
 * auditor any revision named gets the plan's entries replaced by what is open for them now: the
 * unvisited sampled outlets if the plan is confirmed, not closed, and they audit in it, else none. Idempotent.
 */
export class SyncSiteVisitsDue extends DomainCommand<{ planId: string }, void> {}

@CommandHandler(SyncSiteVisitsDue)
export class SyncSiteVisitsDueHandler implements ICommandHandler<SyncSiteVisitsDue> {
  constructor(
    @InjectModel(SiteVisitsDue.name) private readonly lists: Model<SiteVisitsDue>,
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(SITE_VISITS) private readonly visits: SiteVisits,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  async execute({ data: { planId } }: SyncSiteVisitsDue): Promise<void> {
    const { state, events } = await this.plans.load(planId);
    const plan = state.plan;
    if (!plan || !plan.kind.startsWith('surveillance')) return;
    const everyone = new Set(events.flatMap((e) => (e.type === 'audit-plan.proposed' ? auditorsOf((e.data as { plan: AuditPlan }).plan) : [])));
    const visited = (await this.visits.load(planId)).state.visits;
    const known = await this.cases.get(caseOfTask(planId));
    const organisationId = known?.organisationId ?? '';
    const open: SiteVisitDueView[] =
      state.status !== 'confirmed' || known?.surveillancesClosed?.includes(planId)
        ? []
        : (plan.sites ?? [])
            .filter((s) => !Object.hasOwn(visited, s.id))
            .map((s) => ({ planId, caseId: plan.caseId, organisationId, kind: plan.kind, outletId: s.id, outletName: s.name, outletAddress: s.address, startDate: plan.startDate, endDate: plan.endDate }));
    const auditing = new Set(auditorsOf(plan));
    for (const personId of everyone) {
      const mine = auditing.has(personId) ? open : [];
      await changeList<SiteVisitDueView>(this.lists, personId, (entries) => {
        const kept = entries.filter((e) => e.planId !== planId);
        const next = [...kept, ...mine];
        return JSON.stringify(next) === JSON.stringify(entries) ? null : next;
      });
    }
  }
}

/**
 * A surveillance's audit is over (ADR 0039): its result was recorded (`recorded`: the plan it
 * named, else the cycle's first confirmed plan still open), or every surveillance plan up to a
 * cycle ends (`upToCycle`: the certificate ended, or a new cycle began). The plans are closed on
 * the case's record, so a visit redelivered or replayed later does not bring their entries back,
 * and their auditors' lists drop them.
 */
export class CloseSurveillances extends DomainCommand<{ caseId: string } & ({ recorded: { planId: string | null } } | { upToCycle: number | 'current' }), void> {}

@CommandHandler(CloseSurveillances)
export class CloseSurveillancesHandler implements ICommandHandler<CloseSurveillances> {
  constructor(
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async execute({ data, context }: CloseSurveillances): Promise<void> {
    const known = await this.cases.get(data.caseId);
    if (!known) return;
    const closed = new Set(known.surveillancesClosed ?? []);
    const planIds =
      'upToCycle' in data
        ? this.upTo(data.caseId, data.upToCycle === 'current' ? (await this.cases.currentCycle(data.caseId)).cycle : data.upToCycle)
        : await this.recordedPlan(data.caseId, data.recorded.planId, closed);
    const closing = planIds.filter((p) => !closed.has(p));
    await this.cases.closeSurveillances(data.caseId, closing);
    for (const planId of closing) await this.commands.execute(new SyncSiteVisitsDue({ planId }, context));
  }

  private upTo(caseId: string, cycle: number): string[] {
    return Array.from({ length: Math.max(0, cycle) }, (_, i) => SURVEILLANCE_KINDS.map((kind) => auditPlanId(caseId, i + 1, kind))).flat();
  }

  private async recordedPlan(caseId: string, named: string | null, closed: ReadonlySet<string>): Promise<string[]> {
    if (named) return [named];
    const { cycle } = await this.cases.currentCycle(caseId);
    for (const kind of SURVEILLANCE_KINDS) {
      const planId = auditPlanId(caseId, cycle, kind);
      if (!closed.has(planId) && (await this.plans.load(planId)).state.status === 'confirmed') return [planId];
    }
    return [];
  }
}

/** The giver's open surveillance site tasks, the earliest audit first. */
export class MySiteVisitsDue extends DomainQuery<{ personId: string }, SiteVisitDueView[]> {}

@QueryHandler(MySiteVisitsDue)
export class MySiteVisitsDueHandler implements IQueryHandler<MySiteVisitsDue> {
  constructor(@InjectModel(SiteVisitsDue.name) private readonly lists: Model<SiteVisitsDue>) {}

  async execute({ data }: MySiteVisitsDue): Promise<SiteVisitDueView[]> {
    const entries = (await this.lists.findById(data.personId).lean())?.entries ?? [];
    return entries.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.planId.localeCompare(b.planId));
  }
}

@ApiTags('audit-plans')
@ApiBearerAuth()
@Controller('site-visits')
export class SiteVisitsDueController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "The giver's open surveillance site tasks: the sampled outlets of confirmed surveillance plans they audit in, not visited yet" })
  async mine(@CurrentUser() me: Principal): Promise<SiteVisitDueView[]> {
    return this.queries.execute(new MySiteVisitsDue({ personId: me.id }));
  }
}

export const siteVisitsDueFeature = {
  models: [{ name: SiteVisitsDue.name, schema: SiteVisitsDueSchema }],
  controllers: [SiteVisitsDueController],
  providers: [SyncSiteVisitsDueHandler, CloseSurveillancesHandler, MySiteVisitsDueHandler],
};
