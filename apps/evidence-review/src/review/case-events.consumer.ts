import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { certificationCaseEvents, EventRegistry, organisationDetailsSchema, organisationEvents, Topics, withOutletIds, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import { FIRST_CYCLE } from './review-cycles';
import { CloseSurveillances } from '../audit-plans/site-visits-due';
import { ForgetPlansDue, RecordSurveillanceDue } from '../audit-plans/surveillance-due';
import { CancelReview, PlanReview, RecordCaseScope, RecordConflictOfInterest, RecordOrganisation, RecordRecertification, REVIEW_SYSTEM, RegisterReviewCase } from './review-commands';
import { KnownCase } from './review-queries';

// The fields of the lifecycle's events the review acts on. The consumer has validated each event
// against its contract already; reading these once more is what makes them typed here.
const drafted = z.object({ organisationId: z.string(), catalogueVersion: z.string(), scope: z.object({ productCategories: z.array(z.string()) }) });
const scoped = z.object({ scope: z.object({ productCategories: z.array(z.string()) }) });
const conflictDeclared = z.object({ personId: z.string() });
const recertificationStarted = z.object({ catalogueVersion: z.string() });
const withdrawn = z.object({ reason: z.string() });
const surveillanceDue = z.object({ dueBy: z.string() });
const surveyed = z.object({ auditPlanId: z.string().optional() });
const withdrawalSetAside = z.object({ surveillanceDueBy: z.string().nullable().optional() });

/**
 * What the review needs to know about cases, from `certification.case.v1` (and organisations' names
 * from `applications.organisation.v1`, for the work list): the organisation, the
 * catalogue version, the scope's product categories (what reviewers must be qualified for) and the
 * people with a declared conflict of interest; and the moments that plan
 * review work: acceptance (cycle 1) and each recertification started (the next cycle). Each event
 * becomes commands given by the service itself at the event's time.
 */
@Injectable()
export class CaseEventsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('cases', {
      topics: [Topics.certificationCase, Topics.organisation],
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]),
      handler: (event) => this.apply(event),
    });
  }

  private async apply(event: EventEnvelope): Promise<void> {
    const caseId = event.streamId;
    const context = { actor: REVIEW_SYSTEM, at: new Date(event.occurredAt) };
    switch (event.type) {
      case 'applications.organisation-registered':
      case 'applications.organisation-updated':
      {
        // The name for the reviewers' work list; outlets (with ids, derived for old events) and headcount for audit plans.
        const { name, outlets, employees } = organisationDetailsSchema.parse(event.data);
        await this.commands.execute(new RecordOrganisation({ organisationId: event.streamId, name, outlets: withOutletIds(outlets), employees }, context));
        return;
      }
      case 'certification.application-drafted': {
        const { organisationId, catalogueVersion, scope } = drafted.parse(event.data);
        await this.commands.execute(new RegisterReviewCase({ caseId, organisationId, catalogueVersion, productCategories: scope.productCategories }, context));
        return;
      }
      case 'certification.application-edited':
      case 'certification.scope-changed':
        // What reviewers must be qualified for: the next claims are judged against the scope as it is now.
        await this.commands.execute(new RecordCaseScope({ caseId, productCategories: scoped.parse(event.data).scope.productCategories }, context));
        return;
      case 'certification.conflict-of-interest-declared':
        await this.commands.execute(new RecordConflictOfInterest({ caseId, personId: conflictDeclared.parse(event.data).personId }, context));
        return;
      case 'certification.application-accepted': {
        const known = await this.queries.execute(new KnownCase({ caseId }));
        if (!known) throw new Error(`case ${caseId} was accepted before its draft arrived`);
        const { organisationId, catalogueVersion } = known;
        await this.commands.execute(new PlanReview({ caseId, organisationId, catalogueVersion, cycle: FIRST_CYCLE }, context));
        return;
      }
      case 'certification.recertification-started': {
        const { catalogueVersion } = recertificationStarted.parse(event.data);
        const { cycle, organisationId } = await this.commands.execute(new RecordRecertification({ caseId, lifecycleVersion: event.streamVersion }, context));
        await this.commands.execute(new PlanReview({ caseId, organisationId, catalogueVersion, cycle }, context));
        // The cycles before are over: their surveillance plans' visits are due no more.
        await this.commands.execute(new CloseSurveillances({ caseId, upToCycle: cycle - 1 }, context));
        return;
      }
      case 'certification.surveillance-due':
        // The surveillance timer fired: the programme's next surveillance audit is to be planned.
        await this.commands.execute(new RecordSurveillanceDue({ caseId, lifecycleVersion: event.streamVersion, dueBy: surveillanceDue.parse(event.data).dueBy }, context));
        return;
      case 'certification.withdrawal-set-aside': {
        // Certified again with the surveillance that was due at the withdrawal still due: back on the plans-due list (ADR 0038).
        // One due anew comes as its own surveillance-due fact.
        const dueBy = withdrawalSetAside.parse(event.data).surveillanceDueBy;
        if (dueBy) await this.commands.execute(new RecordSurveillanceDue({ caseId, lifecycleVersion: event.streamVersion, dueBy, again: true }, context));
        return;
      }
      case 'certification.application-withdrawn':
        await this.commands.execute(new CancelReview({ caseId, reason: `application withdrawn: ${withdrawn.parse(event.data).reason}` }, context));
        return;
      case 'certification.certificate-expired':
        // A recertification not finished in time: its review has nothing left to decide.
        await this.commands.execute(new CancelReview({ caseId, reason: 'the certificate expired before the recertification was completed' }, context));
        await this.commands.execute(new ForgetPlansDue({ caseId }, context));
        await this.commands.execute(new CloseSurveillances({ caseId, upToCycle: 'current' }, context));
        return;
      case 'certification.surveillance-passed':
      case 'certification.surveillance-failed':
      case 'certification.certificate-withdrawn':
      case 'certification.certificate-cancelled':
        // A complaint's surveillance does not stand in for the periodic one: its plan is still to make.
        if ((event.data as { extraordinary?: boolean }).extraordinary === true) return;
        // The surveillance was recorded, or the certificate ended: no surveillance plan is left to make.
        await this.commands.execute(new ForgetPlansDue({ caseId }, context));
        // ...and the recorded surveillance's (or, the certificate cancelled, every) plan takes no more visits.
        // A withdrawal may be set aside on appeal (ADR 0038), its surveillance then still to do: its plans stay open.
        if (event.type === 'certification.certificate-withdrawn') return;
        await this.commands.execute(
          new CloseSurveillances(event.type.startsWith('certification.surveillance-') ? { caseId, recorded: { planId: surveyed.parse(event.data).auditPlanId ?? null } } : { caseId, upToCycle: 'current' }, context),
        );
        return;
      default:
        return;
    }
  }
}
