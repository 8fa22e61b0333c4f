import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { auditPlanEvents, certificationCaseEvents, EventRegistry, Topics, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import type { MirroredPlan } from './surveillance-plan';

/**
 * The outlets an audit plan visits, by plan id (evidence review's `review.audit-plan.v1`): the
 * latest revision's sites, and whether the applicant confirmed it. Read and written by `_id` only.
 * The plan's own facts and its visits come from two streams (maybe two partitions), so each
 * writes only its own fields: a visit may arrive before its plan and is kept (the record then
 * has no revision yet: the plan is not known here).
 */
@Schema({ collection: 'audited_sites', versionKey: false, strict: 'throw' })
export class AuditedSites {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number })
  revision?: number;

  @Prop({ type: [{ _id: false, id: String, name: String, address: String }], default: undefined })
  sites?: { id: string; name: string; address: string }[];

  /** The sampled outlets' ids, as evidence review checks visits against them; absent on records from before they were kept. */
  @Prop({ type: [String], default: undefined })
  sampled?: string[];

  @Prop({ type: Boolean })
  confirmed?: boolean;

  /** The audit's first day as planned (Shanghai calendar date); absent on records from before it was kept. */
  @Prop({ type: String })
  startDate?: string;

  /** The body cancelled the plan (issue 19 review): no surveillance result stands on it. */
  @Prop({ type: Boolean })
  cancelled?: boolean;

  /** The lifecycle recorded a surveillance result naming the plan: it is not named again. */
  @Prop({ type: Boolean })
  recorded?: boolean;

  /** A surveillance plan's site visits (issue 19); absent on records from before them. */
  @Prop({ type: [{ _id: false, outletId: String, outcome: String }], default: undefined })
  visits?: { outletId: string; outcome: 'conforming' | 'finding' }[];
}
export const AuditedSitesSchema = SchemaFactory.createForClass(AuditedSites);

const proposed = z.object({
  revision: z.number(),
  plan: z.object({
    planId: z.string(),
    startDate: z.string(),
    sites: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })).optional(),
    outletSample: z.object({ outlets: z.array(z.object({ id: z.string() })) }).nullable(),
  }),
});
const answered = z.object({ planId: z.string(), revision: z.number() });
const cancelled = z.object({ planId: z.string() });
const surveyed = z.object({ auditPlanId: z.string().optional() });
const visited = z.object({ planId: z.string(), outletId: z.string(), outcome: z.enum(['conforming', 'finding']) });

/**
 * The plan id of the audit that opens a certificate's cycle: evidence review derives it from the
 * case, its review cycle and the kind (ADR 0037). A review cycle is a certificate cycle unless a
 * recertification was denied and started again; then the certificate lists no audited sites.
 */
export const openingAuditPlanId = (caseId: string, cycle: number) => (cycle === 1 ? `${caseId}.audit.initial` : `${caseId}.c${cycle}.audit.recertification`);

/** A site as the certificate's scope lists it: the outlet's name and address. */
export const siteLabel = (site: { name: string; address: string }) => `${site.name}（${site.address}）`;

/**
 * The sites a certificate's scope lists: the applicant's own, then the outlets the confirmed
 * initial or recertification audit visited (issue 19), each once.
 */
export const withAuditedSites = <S extends { sites: readonly string[] }>(scope: S, audited: readonly string[]): S => ({ ...scope, sites: [...new Set([...scope.sites, ...audited])] });

@Injectable()
export class AuditedSitesStore implements OnApplicationBootstrap {
  constructor(
    @InjectModel(AuditedSites.name) private readonly plans: Model<AuditedSites>,
    @Inject(Consumers) private readonly consumers: Consumers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('audit-sites', {
      topics: [Topics.auditPlan],
      registry: new EventRegistry(auditPlanEvents),
      unknownTypes: 'ignore',
      handler: (event) => this.apply(event),
    });
    // The lifecycle's surveillance results: a plan a result named is carried out.
    await this.consumers.start('audit-sites-results', {
      topics: [Topics.certificationCase],
      registry: new EventRegistry(certificationCaseEvents),
      unknownTypes: 'ignore',
      handler: (event) => this.recordResult(event),
    });
  }

  /** The confirmed opening audit's sites as the scope lists them; none when it is not confirmed (yet). */
  async ofCycle(caseId: string, cycle: number): Promise<string[]> {
    const plan = await this.plans.findById(openingAuditPlanId(caseId, cycle)).lean();
    return plan?.confirmed && !plan.cancelled ? (plan.sites ?? []).map(siteLabel) : [];
  }

  /** A plan as mirrored here, for a surveillance result naming it; null when none arrived. */
  async plan(planId: string): Promise<MirroredPlan | null> {
    return mirrored(await this.plans.findById(planId).lean());
  }

  /** Several plans by id (one `_id` lookup), those known here. */
  async plansOf(planIds: readonly string[]): Promise<(MirroredPlan & { planId: string })[]> {
    const found = await this.plans.find({ _id: { $in: planIds } }).lean();
    const byId = new Map(found.map((p) => [p._id, p]));
    return planIds.flatMap((planId) => {
      const plan = mirrored(byId.get(planId) ?? null);
      return plan ? [{ planId, ...plan }] : [];
    });
  }

  private async recordResult(event: EventEnvelope): Promise<void> {
    if (event.type !== 'certification.surveillance-passed' && event.type !== 'certification.surveillance-failed') return;
    const { auditPlanId } = surveyed.parse(event.data);
    if (auditPlanId) await this.plans.updateOne({ _id: auditPlanId }, { $set: { recorded: true } }, { upsert: true });
  }

  private async apply(event: EventEnvelope): Promise<void> {
    if (event.type === 'audit-plan.proposed') {
      const { revision, plan } = proposed.parse(event.data);
      // One plan's events arrive in order; a redelivered older revision never overwrites a newer one.
      const known = await this.plans.findById(plan.planId).lean();
      if (known?.revision !== undefined && known.revision >= revision) return;
      // Only the plan's own fields: visits (another stream's) stay, and a revision keeps the sample.
      const plan$ = { revision, sites: plan.sites ?? [], sampled: plan.outletSample?.outlets.map((o) => o.id) ?? [], confirmed: false, startDate: plan.startDate };
      await this.plans.updateOne({ _id: plan.planId }, { $set: plan$ }, { upsert: true });
    } else if (event.type === 'audit-plan.confirmed') {
      const { planId, revision } = answered.parse(event.data);
      await this.plans.updateOne({ _id: planId, revision }, { $set: { confirmed: true } });
    } else if (event.type === 'audit-plan.cancelled') {
      await this.plans.updateOne({ _id: cancelled.parse(event.data).planId }, { $set: { cancelled: true } });
    } else if (event.type === 'audit-plan.site-visit-recorded') {
      // A recorded visit is final (one per outlet), so the same element is added again on redelivery
      // and nothing is read first: no other writer's fields are overwritten, even before the plan arrives.
      const { planId, outletId, outcome } = visited.parse(event.data);
      await this.plans.updateOne({ _id: planId }, { $addToSet: { visits: { outletId, outcome } } }, { upsert: true });
    }
  }
}

/** A stored record as a plan; null while only its visits or result arrived. */
const mirrored = (plan: AuditedSites | null): MirroredPlan | null =>
  plan && plan.revision !== undefined
    ? { revision: plan.revision, confirmed: plan.confirmed === true, cancelled: plan.cancelled === true, recorded: plan.recorded === true, startDate: plan.startDate ?? null, sites: plan.sites ?? [], sampled: plan.sampled ?? (plan.sites ?? []).map((s) => s.id), visits: plan.visits ?? [] }
    : null;

export const auditSitesFeature = {
  models: [{ name: AuditedSites.name, schema: AuditedSitesSchema }],
  providers: [AuditedSitesStore],
};
