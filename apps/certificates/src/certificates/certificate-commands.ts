import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { shanghaiDate } from '@gbt/certificate-core';
import { REQUESTED_COMMANDS } from '@gbt/contracts';
import type { CertificateRequested } from '@gbt/contracts/views';
import { DomainCommand, DomainRefusal, type CommandContext } from '@gbt/platform';
import { AuditedSitesStore } from '../audit-sites/audited-sites';
import { openSurveillancePlan, surveillancePlanIds, surveillancePlanRefusal, visitedSites } from '../audit-sites/surveillance-plan';
import { CaseMirror, type CaseView } from '../lifecycle/case-mirror';
import { Registry } from '../registry/registry';
import { CERTIFICATES, type Certificates } from './certificates.aggregate';
import type { CertificateRequest } from './certificates.decider';
import { justRequested } from './decision-commands';

type OfCertificate<D> = { number: string } & D;
type Scope = CaseView['scope'];

/**
 * A surveillance result: passed, or failed with what failed (the lifecycle suspends the certificate);
 * naming the audit plan it was carried out under, whose site visits it must agree with (required
 * for a periodic result while the cycle's plan is open). `extraordinary`: a complaint's, which
 * supplements the periodic surveillance and is carried out under no plan.
 */
export class RecordSurveillance extends DomainCommand<
  OfCertificate<{ passed: boolean; reason?: string; auditPlan?: { planId: string; revision: number }; extraordinary?: boolean }>,
  CertificateRequested
> {}
/** Suspend, for the lifecycle's default months when none are given. */
export class SuspendCertificate extends DomainCommand<OfCertificate<{ reason: string; months?: number }>, CertificateRequested> {}
/** Reinstate a suspended certificate once the fix is verified. */
export class ReinstateCertificate extends DomainCommand<OfCertificate<Record<never, never>>, CertificateRequested> {}
/** Withdraw (撤销) for a serious breach or an unresolved suspension. */
export class WithdrawCertificate extends DomainCommand<OfCertificate<{ reason: string }>, CertificateRequested> {}
/** Cancel (注销) at the holder's request. */
export class CancelCertificate extends DomainCommand<OfCertificate<{ reason: string }>, CertificateRequested> {}
/** Extend or reduce the scope; the lifecycle's owner changes it and a new version of the certificate is issued. */
export class ChangeScope extends DomainCommand<OfCertificate<{ change: 'extension' | 'reduction'; scope: Scope }>, CertificateRequested> {}

const categories = (s: Scope) => new Set([...s.productCategories, ...s.serviceCategories, ...s.sites, ...s.outlets]);

/**
 * Whether a scope change changes the scope the way it says, against the scope in the latest status
 * snapshot: fast feedback only (the lifecycle's owner decides, and answers `rejected` otherwise).
 */
function scopeChangeProblem(change: 'extension' | 'reduction', before: Scope, after: Scope): string | null {
  const had = categories(before);
  const has = categories(after);
  const added = [...has].some((x) => !had.has(x));
  const removed = [...had].some((x) => !has.has(x));
  if (change === 'extension') return added && !removed ? null : 'an extension must add to the scope and remove nothing';
  const leavesCategory = after.productCategories.length + after.serviceCategories.length > 0;
  return removed && !added && leavesCategory ? null : 'a reduction must remove from the scope, add nothing and leave a category';
}

/**
 * A lifecycle change asked of the applications service about a current certificate. The
 * lifecycle's owner decides it and answers `accepted` or `rejected` with the code (ADR 0013); here
 * it is only checked against the latest status snapshot, whose `availableCommands` say what the
 * status allows, so a request that cannot succeed in this status is refused at once and nothing is sent.
 */
@Injectable()
export class LifecycleRequests {
  constructor(
    @Inject(CERTIFICATES) private readonly certificates: Certificates,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
  ) {}

  async send(
    number: string,
    context: CommandContext,
    request: (caseId: string, requestId: string) => CertificateRequest,
    precheck?: (state: CaseView) => string | null,
  ): Promise<CertificateRequested> {
    const entry = await this.registry.require(number);
    const { caseId } = entry;
    const { state } = await this.mirror.get(caseId);
    if (!state?.certificate || state.certificate.number !== entry._id) {
      throw new DomainRefusal('NotCurrentCertificate', `${entry._id} is not the current certificate of its holder; act on the current one`, 409);
    }
    const requestId = randomUUID();
    const event = request(caseId, requestId);
    const command = REQUESTED_COMMANDS[event.type];
    if (!command || !state.availableCommands.includes(command)) {
      throw new DomainRefusal('NotAllowedInState', `certificate ${entry._id}: ${command ?? event.type} is not allowed when the case is ${state.status}`, 409);
    }
    const problem = precheck?.(state);
    if (problem) throw new DomainRefusal('InvalidScopeChange', `certificate ${entry._id}: ${problem}`, 422);
    await this.certificates.execute(caseId, { type: 'request', event }, context);
    return { certificateNumber: entry._id, ...justRequested(caseId, requestId, event.type) };
  }
}

@CommandHandler(RecordSurveillance)
export class RecordSurveillanceHandler implements ICommandHandler<RecordSurveillance> {
  constructor(
    @Inject(LifecycleRequests) private readonly requests: LifecycleRequests,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(AuditedSitesStore) private readonly plans: AuditedSitesStore,
  ) {}

  async execute({ data: { number, auditPlan, extraordinary, ...data }, context }: RecordSurveillance): Promise<CertificateRequested> {
    const audit = auditPlan ? await this.againstPlan(number, auditPlan, data.passed) : {};
    if (!auditPlan && !extraordinary) await this.noPlanOpen(number);
    return this.requests.send(number, context, (caseId, requestId) => ({ type: 'certificates.record-surveillance', data: { caseId, requestId, ...data, ...audit, ...(extraordinary ? { extraordinary: true as const } : {}) } }));
  }

  /** The plan named must be the case's confirmed surveillance plan of this cycle, not yet carried out, and its site visits must allow the result (issue 19). */
  private async againstPlan(number: string, named: { planId: string; revision: number }, passed: boolean) {
    const { caseId, validFrom } = await this.current(number);
    const plan = await this.plans.plan(named.planId);
    const refusal = surveillancePlanRefusal(caseId, named, plan, passed, validFrom);
    if (refusal) throw new DomainRefusal(refusal.code, `certificate ${number}: ${refusal.message}`, refusal.status, refusal.params);
    return { auditPlanId: named.planId, auditPlanRevision: named.revision, sites: plan ? visitedSites(plan) : [] };
  }

  /**
   * A periodic result naming no plan is refused while the cycle's surveillance plan is open (ADR
   * 0039): a pass would skip the site visits, and a failure would leave the plan open for good.
   */
  private async noPlanOpen(number: string): Promise<void> {
    const { caseId, cycle, validFrom } = await this.current(number);
    const open = openSurveillancePlan(await this.plans.plansOf(surveillancePlanIds(caseId, cycle)), validFrom);
    if (open) throw new DomainRefusal('AuditPlanRequired', `certificate ${number}: surveillance plan ${open} is confirmed; record the result under it, naming it`, 422, { planId: open });
  }

  /** The certificate's case, cycle and first valid day (Shanghai) as the registry has them. */
  private async current(number: string) {
    const entry = await this.registry.require(number);
    return { caseId: entry.caseId, cycle: entry.cycle, validFrom: shanghaiDate(entry.validFrom) };
  }
}

@CommandHandler(SuspendCertificate)
export class SuspendCertificateHandler implements ICommandHandler<SuspendCertificate> {
  constructor(@Inject(LifecycleRequests) private readonly requests: LifecycleRequests) {}

  execute({ data: { number, ...data }, context }: SuspendCertificate): Promise<CertificateRequested> {
    return this.requests.send(number, context, (caseId, requestId) => ({ type: 'certificates.suspend-certificate', data: { caseId, requestId, ...data } }));
  }
}

@CommandHandler(ReinstateCertificate)
export class ReinstateCertificateHandler implements ICommandHandler<ReinstateCertificate> {
  constructor(@Inject(LifecycleRequests) private readonly requests: LifecycleRequests) {}

  execute({ data: { number }, context }: ReinstateCertificate): Promise<CertificateRequested> {
    return this.requests.send(number, context, (caseId, requestId) => ({ type: 'certificates.reinstate-certificate', data: { caseId, requestId } }));
  }
}

@CommandHandler(WithdrawCertificate)
export class WithdrawCertificateHandler implements ICommandHandler<WithdrawCertificate> {
  constructor(@Inject(LifecycleRequests) private readonly requests: LifecycleRequests) {}

  execute({ data: { number, reason }, context }: WithdrawCertificate): Promise<CertificateRequested> {
    return this.requests.send(number, context, (caseId, requestId) => ({ type: 'certificates.withdraw-certificate', data: { caseId, requestId, reason } }));
  }
}

@CommandHandler(CancelCertificate)
export class CancelCertificateHandler implements ICommandHandler<CancelCertificate> {
  constructor(@Inject(LifecycleRequests) private readonly requests: LifecycleRequests) {}

  execute({ data: { number, reason }, context }: CancelCertificate): Promise<CertificateRequested> {
    return this.requests.send(number, context, (caseId, requestId) => ({ type: 'certificates.cancel-certificate', data: { caseId, requestId, reason } }));
  }
}

@CommandHandler(ChangeScope)
export class ChangeScopeHandler implements ICommandHandler<ChangeScope> {
  constructor(@Inject(LifecycleRequests) private readonly requests: LifecycleRequests) {}

  execute({ data: { number, change, scope }, context }: ChangeScope): Promise<CertificateRequested> {
    return this.requests.send(
      number,
      context,
      (caseId, requestId) => ({ type: 'certificates.change-scope', data: { caseId, requestId, change, scope } }),
      (state) => scopeChangeProblem(change, state.scope, scope),
    );
  }
}

export const certificateCommandHandlers = [
  LifecycleRequests,
  RecordSurveillanceHandler,
  SuspendCertificateHandler,
  ReinstateCertificateHandler,
  WithdrawCertificateHandler,
  CancelCertificateHandler,
  ChangeScopeHandler,
];
