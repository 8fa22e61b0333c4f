import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { AUDITOR_ROLES, type AuditKind } from '@gbt/audit-programme';
import { shanghaiDate } from '@gbt/certificate-core';
import type { SiteVisitOutcome } from '@gbt/contracts';
import type { Aggregate, AggregateType } from '@gbt/event-store';
import { aggregateProvider, DomainCommand, DomainRefusal } from '@gbt/platform';
import { ReviewCaseStore } from '../review/review-case-store';
import { caseOfTask, reviewOfTask } from '../review/review-cycles';
import { ReviewOrganisation } from '../review/review-organisation.model';
import { AUDIT_PLANS, type AuditPlans } from './audit-plan.aggregate';
import { auditPlanId } from './audit-programme-of-case';
import { siteVisitsDecider, type RecordSiteVisit as RecordVisit, type SiteVisitRecorded, type SiteVisitRefusal, type SiteVisitsState } from './site-visits.decider';

/** One stream per surveillance plan's visits, `audit-visits-<planId>`, beside the plan's own (the library's confirmation decider). */
export const siteVisitsAggregate: AggregateType<RecordVisit, SiteVisitRecorded, SiteVisitsState, SiteVisitRefusal> = {
  decider: siteVisitsDecider,
  eventTypes: ['audit-plan.site-visit-recorded'],
  streamId: (planId) => `audit-visits-${planId}`,
  refusalStatus: (refusal) => (refusal.error === 'VisitRecorded' ? 409 : 422),
};
export const SITE_VISITS = Symbol('SITE_VISITS');
export type SiteVisits = Aggregate<RecordVisit, SiteVisitRecorded, SiteVisitsState, SiteVisitRefusal>;

const SURVEILLANCES: readonly AuditKind[] = ['surveillance-1', 'surveillance-2'];

/** An auditor of the surveillance's confirmed plan records how the visit of a sampled outlet went. */
export class RecordSiteVisit extends DomainCommand<{ caseId: string; kind: AuditKind; outletId: string; outcome: SiteVisitOutcome; finding?: string }, { planId: string; version: number }> {}

@CommandHandler(RecordSiteVisit)
export class RecordSiteVisitHandler implements ICommandHandler<RecordSiteVisit> {
  constructor(
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(SITE_VISITS) private readonly visits: SiteVisits,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  async execute({ data, context }: RecordSiteVisit): Promise<{ planId: string; version: number }> {
    // The initial and recertification audits' site tasks are tasks of the cycle's review, worked through the queues.
    if (!SURVEILLANCES.includes(data.kind)) throw new DomainRefusal('NotASurveillance', `site visits are recorded here for surveillance audits; the ${data.kind} audit's site tasks are review tasks`, 422, { kind: data.kind });
    const { cycle } = await this.cases.currentCycle(data.caseId);
    const planId = auditPlanId(data.caseId, cycle, data.kind);
    const { state } = await this.plans.load(planId);
    if (state.status !== 'confirmed' || !state.plan) throw new DomainRefusal('PlanNotConfirmed', `the ${data.kind} plan of case ${data.caseId} is ${state.status}; outlets are visited under a confirmed plan`, 409, { kind: data.kind, status: state.status });
    const by = context.actor.id;
    if (!state.plan.team.some((m) => m.personId === by && AUDITOR_ROLES.includes(m.role))) {
      throw new DomainRefusal('NotInAuditTeam', `${by} is not an auditor of the ${data.kind} plan's team`, 403, { personId: by });
    }
    await this.cases.assertNotConflicted(data.caseId, by);
    // A visit is part of the audit: not before its first day (Shanghai), nor once the surveillance is over (ADR 0039).
    const today = shanghaiDate(context.at);
    if (today < state.plan.startDate) throw new DomainRefusal('VisitBeforeAudit', `the ${data.kind} audit begins on ${state.plan.startDate}; its visits are recorded from that day`, 422, { startDate: state.plan.startDate, today });
    if ((await this.cases.get(data.caseId))?.surveillancesClosed?.includes(planId)) {
      throw new DomainRefusal('SurveillanceClosed', `the ${data.kind} surveillance is over (its result is recorded, or the certificate or its cycle ended); no visit is recorded under its plan any more`, 409, { kind: data.kind });
    }
    const sampled = state.plan.outletSample?.outlets.map((o) => o.id) ?? [];
    const command: RecordVisit = { type: 'record-visit', planId, revision: state.revision, sampled, outletId: data.outletId, outcome: data.outcome, ...(data.finding === undefined ? {} : { finding: data.finding }), by };
    const outcome = await this.visits.execute(planId, command, context);
    return { planId, version: outcome.version };
  }
}

export interface OutletFlag {
  readonly outletId: string;
  readonly planId: string;
  readonly finding: string;
}

/**
 * Which surveillance a visit belongs to, in the order they are carried out: by the plan id's
 * review cycle, then surveillance 1 before 2 (`<caseId>[.c<n>].audit.surveillance-<k>`).
 */
export const visitOrder = (planId: string): number => {
  const { cycle, key } = reviewOfTask(planId);
  return cycle * 10 + (key.endsWith('-2') ? 2 : 1);
};

/**
 * Outlets flagged by a finding at a visit, on the organisation's record (by `_id`): the next
 * audit's sample includes each. A later conforming visit of the outlet clears its flag. Keyed by
 * the outlet id in hex: the applicant chooses ids, and a field name must not carry dots or `$`.
 * Visits of different plans arrive from different streams, in any order: each entry keeps the
 * order of the surveillance that set it (a cleared one stays, marked), and only a visit of the same
 * or a later surveillance replaces it.
 */
@Injectable()
export class OutletFlags {
  constructor(@InjectModel(ReviewOrganisation.name) private readonly organisations: Model<ReviewOrganisation>) {}

  async of(organisationId: string): Promise<OutletFlag[]> {
    const entries = Object.values((await this.organisations.findById(organisationId).lean())?.outletFlags ?? {});
    return entries.filter((f) => f.cleared !== true).map(({ outletId, planId, finding }) => ({ outletId, planId, finding }));
  }

  /** Idempotent: a redelivered visit sets or clears the same flag; an older surveillance's, arriving late, changes nothing. */
  async apply(organisationId: string, visit: { planId: string; outletId: string; outcome: SiteVisitOutcome; finding: string | null }): Promise<void> {
    const path = `outletFlags.${Buffer.from(visit.outletId).toString('hex')}`;
    const order = visitOrder(visit.planId);
    const entry = { outletId: visit.outletId, planId: visit.planId, finding: visit.finding ?? '', order, cleared: visit.outcome !== 'finding' };
    const notLater = { $or: [{ [`${path}.order`]: { $exists: false } }, { [`${path}.order`]: { $lte: order } }] };
    await this.organisations.updateOne({ _id: organisationId, ...notLater }, { $set: { [path]: entry } });
  }
}

/** A visit recorded (read back from Kafka): its outlet is flagged by a finding, or cleared by a conforming visit. */
export class FlagVisitedOutlet extends DomainCommand<{ planId: string; outletId: string; outcome: SiteVisitOutcome; finding: string | null }, void> {}

@CommandHandler(FlagVisitedOutlet)
export class FlagVisitedOutletHandler implements ICommandHandler<FlagVisitedOutlet> {
  constructor(
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(OutletFlags) private readonly flags: OutletFlags,
  ) {}

  async execute({ data }: FlagVisitedOutlet): Promise<void> {
    // The plan id is `<task prefix>.audit.<kind>`: its case reads as a task id's.
    const known = await this.cases.get(caseOfTask(data.planId));
    if (known) await this.flags.apply(known.organisationId, data);
  }
}

export const siteVisitsProviders = [aggregateProvider(SITE_VISITS, siteVisitsAggregate), RecordSiteVisitHandler, OutletFlags, FlagVisitedOutletHandler];
