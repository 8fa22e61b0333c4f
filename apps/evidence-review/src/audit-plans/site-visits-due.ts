import { Controller, Get, Inject } from '@nestjs/common';
import { CommandHandler, QueryBus, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Model } from 'mongoose';
import { AUDITOR_ROLES, type AuditPlan } from '@gbt/audit-programme';
import { CurrentUser, type Principal } from '@gbt/auth';
import type { SiteVisitDueView } from '@gbt/contracts/views';
import { DomainCommand, DomainQuery } from '@gbt/platform';
import { ReviewCaseStore } from '../review/review-case-store';
import { caseOfTask } from '../review/review-cycles';
import { AUDIT_PLANS, type AuditPlans } from './audit-plan.aggregate';
import { SITE_VISITS, type SiteVisits } from './site-visits';
import { changeList } from './versioned-list';

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

const auditorsOf = (plan: AuditPlan) => plan.team.filter((m) => AUDITOR_ROLES.includes(m.role)).map((m) => m.personId);

/**
 * A surveillance plan's facts (proposed, confirmed, cancelled, a visit) read back from Kafka: every
 * auditor any revision named gets the plan's entries replaced by what is open for them now: the
 * unvisited sampled outlets if the plan is confirmed and they audit in it, else none. Idempotent.
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
    const organisationId = (await this.cases.get(caseOfTask(planId)))?.organisationId ?? '';
    const open: SiteVisitDueView[] =
      state.status !== 'confirmed'
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
  providers: [SyncSiteVisitsDueHandler, MySiteVisitsDueHandler],
};
