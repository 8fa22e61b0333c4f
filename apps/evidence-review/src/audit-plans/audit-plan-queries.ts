import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AuditKind, ConfirmationState } from '@gbt/audit-programme';
import type { AuditOfProgrammeView, AuditProgrammeView, SiteTaskView } from '@gbt/contracts/views';
import { DomainQuery } from '@gbt/platform';
import { ReviewCaseStore } from '../review/review-case-store';
import { AUDIT_PLANS, type AuditPlans } from './audit-plan.aggregate';
import { auditPlanId, auditsOfCycle } from './audit-programme-of-case';
import { OutletFlags, SITE_VISITS, type SiteVisits } from './site-visits';
import { siteTasksOf } from './site-visits.decider';

/** The audits of the case's current cycle with their plans, each read by its stream id. Null for a case unknown here. */
export class AuditProgrammeOfCase extends DomainQuery<{ caseId: string }, AuditProgrammeView | null> {}

@QueryHandler(AuditProgrammeOfCase)
export class AuditProgrammeOfCaseHandler implements IQueryHandler<AuditProgrammeOfCase> {
  constructor(
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(SITE_VISITS) private readonly visits: SiteVisits,
    @Inject(OutletFlags) private readonly flags: OutletFlags,
  ) {}

  async execute({ data: { caseId } }: AuditProgrammeOfCase): Promise<AuditProgrammeView | null> {
    const known = await this.cases.get(caseId);
    if (!known) return null;
    const { cycle } = await this.cases.currentCycle(caseId);
    const cycleStart = Math.max(0, ...(known.recertifications ?? []));
    const organisation = await this.cases.organisation(known.organisationId);
    const audits: AuditOfProgrammeView[] = [];
    for (const kind of auditsOfCycle(cycle)) {
      const planId = auditPlanId(caseId, cycle, kind);
      const { state, version, events } = await this.plans.load(planId);
      const lastRequest = state.status === 'change-requested' ? events.at(-1) : undefined;
      const request = lastRequest?.data as { revision: number; reason: string; requestedBy: string } | undefined;
      audits.push({
        kind,
        planId,
        status: state.status,
        revision: state.revision,
        version,
        plan: state.plan,
        changeRequest: request ? { revision: request.revision, reason: request.reason, by: request.requestedBy } : null,
        siteTasks: await this.siteTasks(kind, planId, state),
      });
    }
    return {
      caseId,
      cycle,
      surveillancesDue: (known.surveillancesDue ?? []).filter((v) => v > cycleStart).length,
      outlets: organisation?.outlets ?? [],
      employees: organisation?.employees ?? null,
      audits,
      flaggedOutlets: await this.flags.of(known.organisationId),
    };
  }

  /** A confirmed surveillance plan's site tasks, one per sampled outlet; other audits' site tasks are review tasks. */
  private async siteTasks(kind: AuditKind, planId: string, plan: ConfirmationState): Promise<SiteTaskView[]> {
    if (!kind.startsWith('surveillance') || plan.status !== 'confirmed' || !plan.plan?.outletSample) return [];
    const { state } = await this.visits.load(planId);
    return siteTasksOf(plan.plan.outletSample.outlets.map((o) => o.id), state);
  }
}

export const auditPlanQueryHandlers = [AuditProgrammeOfCaseHandler];
