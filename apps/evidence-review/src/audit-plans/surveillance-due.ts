import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainCommand } from '@gbt/platform';
import { ReviewCaseStore } from '../review/review-case-store';
import { AUDIT_PLANS, type AuditPlans } from './audit-plan.aggregate';
import { auditPlanId } from './audit-programme-of-case';
import { PlansDue } from './plans-due';

/**
 * The certificate's surveillance fell due (the certificates service's timer, as the lifecycle's
 * fact), or is due again because the withdrawal that ended it was set aside (`again`): the cycle's
 * next surveillance audit, or the one due again, is to be planned. The first timer of a cycle asks for
 * surveillance 1, the second for surveillance 2; a later one (the third year's, before the
 * recertification) asks for no surveillance plan.
 */
export class RecordSurveillanceDue extends DomainCommand<{ caseId: string; lifecycleVersion: number; dueBy: string; again?: boolean }, void> {}

@CommandHandler(RecordSurveillanceDue)
export class RecordSurveillanceDueHandler implements ICommandHandler<RecordSurveillanceDue> {
  constructor(
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(PlansDue) private readonly due: PlansDue,
  ) {}

  async execute({ data }: RecordSurveillanceDue): Promise<void> {
    const known = await this.cases.get(data.caseId);
    if (!known) return;
    const { cycle } = await this.cases.currentCycle(data.caseId);
    const cycleStart = Math.max(0, ...(known.recertifications ?? []));
    const earlier = (known.surveillancesDue ?? []).filter((v) => v > cycleStart && v <= data.lifecycleVersion);
    // Due again (a withdrawal set aside, ADR 0038): the surveillance whose due was recorded last, not the next one.
    const same = data.again === true && earlier.length > 0;
    if (!same) await this.cases.addSurveillanceDue(data.caseId, data.lifecycleVersion);
    // Which surveillance of the cycle this timer is: by the timers up to and including this one.
    const nth = new Set(same ? earlier : [...earlier, data.lifecycleVersion]).size;
    if (nth < 1 || nth > 2) return;
    const kind = nth === 1 ? 'surveillance-1' : 'surveillance-2';
    const planId = auditPlanId(data.caseId, cycle, kind);
    // Already proposed (a body may plan ahead): nothing left to do.
    if ((await this.plans.load(planId)).state.status !== 'none') return;
    await this.due.add({ planId, caseId: data.caseId, organisationId: known.organisationId, kind, dueBy: data.dueBy });
  }
}

/**
 * A surveillance result was recorded (at the certificates service, with or without a plan here) or
 * the certificate ended: the case has no surveillance plan left to make.
 */
export class ForgetPlansDue extends DomainCommand<{ caseId: string }, void> {}

@CommandHandler(ForgetPlansDue)
export class ForgetPlansDueHandler implements ICommandHandler<ForgetPlansDue> {
  constructor(@Inject(PlansDue) private readonly due: PlansDue) {}

  async execute({ data }: ForgetPlansDue): Promise<void> {
    await this.due.removeCase(data.caseId);
  }
}
