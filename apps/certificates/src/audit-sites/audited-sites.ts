import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { auditPlanEvents, EventRegistry, Topics, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import type { MirroredPlan } from './surveillance-plan';

/**
 * The outlets an audit plan visits, by plan id (evidence review's `review.audit-plan.v1`): the
 * latest revision's sites, and whether the applicant confirmed it. Read and written by `_id` only.
 */
@Schema({ collection: 'audited_sites', versionKey: false, strict: 'throw' })
export class AuditedSites {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  revision!: number;

  @Prop({ type: [{ _id: false, id: String, name: String, address: String }], required: true })
  sites!: { id: string; name: string; address: string }[];

  @Prop({ type: Boolean, required: true })
  confirmed!: boolean;

  /** A surveillance plan's site visits (issue 19); absent on records from before them. */
  @Prop({ type: [{ _id: false, outletId: String, outcome: String }], default: undefined })
  visits?: { outletId: string; outcome: 'conforming' | 'finding' }[];
}
export const AuditedSitesSchema = SchemaFactory.createForClass(AuditedSites);

const proposed = z.object({ revision: z.number(), plan: z.object({ planId: z.string(), sites: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })).optional() }) });
const answered = z.object({ planId: z.string(), revision: z.number() });
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
  }

  /** The confirmed opening audit's sites as the scope lists them; none when it is not confirmed (yet). */
  async ofCycle(caseId: string, cycle: number): Promise<string[]> {
    const plan = await this.plans.findById(openingAuditPlanId(caseId, cycle)).lean();
    return plan?.confirmed ? plan.sites.map(siteLabel) : [];
  }

  /** A plan as mirrored here, for a surveillance result naming it; null when none arrived. */
  async plan(planId: string): Promise<MirroredPlan | null> {
    const plan = await this.plans.findById(planId).lean();
    return plan ? { revision: plan.revision, confirmed: plan.confirmed, sites: plan.sites, visits: plan.visits ?? [] } : null;
  }

  private async apply(event: EventEnvelope): Promise<void> {
    if (event.type === 'audit-plan.proposed') {
      const { revision, plan } = proposed.parse(event.data);
      // One plan's events arrive in order; a redelivered older revision never overwrites a newer one.
      const known = await this.plans.findById(plan.planId).lean();
      if (known && known.revision >= revision) return;
      // A revision keeps the sample: visits recorded under an earlier one stay.
      await this.plans.replaceOne({ _id: plan.planId }, { revision, sites: plan.sites ?? [], confirmed: false, ...(known?.visits ? { visits: known.visits } : {}) }, { upsert: true });
    } else if (event.type === 'audit-plan.confirmed') {
      const { planId, revision } = answered.parse(event.data);
      await this.plans.updateOne({ _id: planId, revision }, { $set: { confirmed: true } });
    } else if (event.type === 'audit-plan.site-visit-recorded') {
      // One plan's visits come from one stream, in order; a redelivered visit replaces itself.
      const { planId, outletId, outcome } = visited.parse(event.data);
      const known = await this.plans.findById(planId).lean();
      if (!known) return;
      const visits = [...(known.visits ?? []).filter((v) => v.outletId !== outletId), { outletId, outcome }];
      await this.plans.updateOne({ _id: planId }, { $set: { visits } });
    }
  }
}

export const auditSitesFeature = {
  models: [{ name: AuditedSites.name, schema: AuditedSitesSchema }],
  providers: [AuditedSitesStore],
};
