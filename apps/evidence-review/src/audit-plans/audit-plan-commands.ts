import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  AUDITOR_ROLES,
  computeManDays,
  defaultManDayTables,
  InputProblems,
  sampleOutlets,
  validateAuditPlan,
  type AdjustmentInput,
  type AuditKind,
  type AuditMode,
  type AuditPlan,
  type ManDays,
  type OutletSample,
  type PlannedSite,
  type TeamMember,
} from '@gbt/audit-programme';
import { getCatalogue } from '@gbt/catalogue';
import { shanghaiDate } from '@gbt/certificate-core';
import { DomainCommand, DomainRefusal, type CommandContext } from '@gbt/platform';
import type { ReviewCase } from '../review/review-case.model';
import { ReviewCaseStore } from '../review/review-case-store';
import { ReviewerEligibility } from '../tasks/reviewer-eligibility';
import { AUDIT_PLANS, type AuditPlans } from './audit-plan.aggregate';
import { auditPlanId, auditsOfCycle, earlierAudits } from './audit-programme-of-case';
import { PlansDue } from './plans-due';
import { OutletFlags } from './site-visits';

/** What a command on a plan answers: its id, the stream's version and the revision proposed now. */
export interface AuditPlanWritten {
  readonly planId: string;
  readonly version: number;
  readonly revision: number;
}

export interface PlanProposal {
  readonly caseId: string;
  readonly kind: AuditKind;
  readonly mode: AuditMode;
  readonly startDate: string;
  readonly endDate: string;
  readonly team: readonly TeamMember[];
  /** Default: every scored requirement of the case's catalogue version. */
  readonly requirementIds?: readonly string[];
  readonly adjustments?: readonly AdjustmentInput[];
  /** A larger outlet sample than the rule's (e.g. for risk); only when the sample is first drawn. */
  readonly requestedSize?: number;
}

/** The lead proposes an audit's plan, or a new revision of it. */
export class ProposeAuditPlan extends DomainCommand<PlanProposal, AuditPlanWritten> {}
/** The applicant confirms the revision they were shown. */
export class ConfirmAuditPlan extends DomainCommand<{ caseId: string; kind: AuditKind; revision: number }, AuditPlanWritten> {}
/** The applicant asks for a change to the revision they were shown, saying what. */
export class RequestAuditPlanChange extends DomainCommand<{ caseId: string; kind: AuditKind; revision: number; reason: string }, AuditPlanWritten> {}
/** The lead cancels a proposed plan, saying why (the audit will not take place as planned); final. */
export class CancelAuditPlan extends DomainCommand<{ caseId: string; kind: AuditKind; reason: string }, AuditPlanWritten> {}

const invalid = (problems: InputProblems['problems']) =>
  new DomainRefusal('InvalidPlan', `the plan has ${problems.length} problem(s): ${problems.map((p) => p.message).join('; ')}`, 422, { problems: problems.map(({ code, params }) => ({ code, params })) });

/** Library input problems (man-days, sampling) answer as the plan's problems, 422. */
function computed<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof InputProblems) throw invalid(err.problems);
    throw err;
  }
}

@CommandHandler(ProposeAuditPlan)
export class ProposeAuditPlanHandler implements ICommandHandler<ProposeAuditPlan> {
  constructor(
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
    @Inject(ReviewerEligibility) private readonly eligibility: ReviewerEligibility,
    @Inject(PlansDue) private readonly due: PlansDue,
    @Inject(OutletFlags) private readonly flags: OutletFlags,
  ) {}

  async execute({ data, context }: ProposeAuditPlan): Promise<AuditPlanWritten> {
    const known = await this.cases.get(data.caseId);
    if (!known) throw new DomainRefusal('UnknownCase', `case ${data.caseId} is not known to the review (yet)`, 404);
    const { cycle } = await this.cases.currentCycle(data.caseId);
    if (!auditsOfCycle(cycle).includes(data.kind)) {
      throw new DomainRefusal('AuditNotInCycle', `cycle ${cycle} of the case has no ${data.kind} audit; its audits are ${auditsOfCycle(cycle).join(', ')}`, 422, { kind: data.kind, cycle });
    }
    const catalogue = getCatalogue(known.catalogueVersion);
    if (!catalogue) throw new DomainRefusal('UnknownCatalogueVersion', `catalogue version ${known.catalogueVersion} is not known here`, 422);
    const scored = catalogue.categories.flatMap((c) => c.indicators.flatMap((i) => i.requirements.filter((r) => r.scored).map((r) => r.id)));
    await this.checkTeam(data.team, known, context);

    const planId = auditPlanId(data.caseId, cycle, data.kind);
    const { state } = await this.plans.load(planId);
    // A revision keeps the sample first drawn: redrawing until a convenient sample comes up is not allowed.
    const outletSample = state.plan ? state.plan.outletSample : await this.draw(data, known, cycle);
    const sites = state.plan ? state.plan.sites : await this.sitesOf(known, outletSample);
    const manDays = await this.manDays(data, known, outletSample, context);
    const plan: AuditPlan = {
      planId,
      caseId: data.caseId,
      kind: data.kind,
      mode: data.mode,
      startDate: data.startDate,
      endDate: data.endDate,
      team: data.team,
      outletSample,
      ...(sites ? { sites } : {}),
      requirementIds: data.requirementIds ?? scored,
      manDays,
    };
    const inCatalogue = new Set(scored);
    const problems = validateAuditPlan(plan, { isKnownRequirement: (id) => inCatalogue.has(id) });
    if (problems.length > 0) throw invalid(problems);
    const outcome = await this.plans.execute(planId, { type: 'propose', plan, by: context.actor.id }, context);
    await this.due.remove(planId);
    return { planId, version: outcome.version, revision: state.revision + 1 };
  }

  /** Every member qualified and impartial (ADR 0032); auditors are the directory's reviewers. */
  private async checkTeam(team: readonly TeamMember[], known: ReviewCase, context: CommandContext): Promise<void> {
    for (const { personId, role } of team) {
      const member = await this.eligibility.member(personId);
      const refusal = await this.eligibility.refusal(member, personId, known._id, context.at);
      if (refusal) throw new DomainRefusal(refusal.code, `${personId} cannot be in the audit team: ${refusal.message}`, 422, { ...refusal.params, personId });
      if (AUDITOR_ROLES.includes(role) && !member?.roles.some((r) => r === 'reviewer' || r === 'lead-reviewer')) {
        throw new DomainRefusal('NotAnAuditor', `${personId} is not a reviewer in the directory and cannot audit`, 422, { personId });
      }
    }
  }

  /** A fresh random seed per audit, recorded in the plan: anyone can redraw the sample from it. */
  private async draw(data: PlanProposal, known: ReviewCase, cycle: number): Promise<OutletSample | null> {
    const organisation = await this.cases.organisation(known.organisationId);
    const outlets = organisation?.outlets ?? [];
    if (outlets.length === 0) return null;
    const previousSamples: string[][] = [];
    for (const earlier of earlierAudits(known._id, cycle, data.kind)) {
      // Only a confirmed plan's outlets count as visited: a cancelled or unanswered plan visited none.
      const { state } = await this.plans.load(earlier);
      if (state.status === 'confirmed' && state.plan?.outletSample) previousSamples.push(state.plan.outletSample.outlets.map((o) => o.id));
    }
    // An outlet with a finding at an earlier visit is flagged: the sample includes it (the library's rule).
    const flagged = new Set((await this.flags.of(known.organisationId)).map((f) => f.outletId));
    const seed = randomBytes(16).toString('hex');
    const sampling = outlets.map(({ id }) => (flagged.has(id) ? { id, risks: ['previous-nonconformity' as const] } : { id }));
    return computed(() => sampleOutlets({ kind: data.kind, outlets: sampling, previousSamples, seed, requestedSize: data.requestedSize }));
  }

  /** The sampled outlets' names and addresses as the applicant lists them now, in the sample's order. */
  private async sitesOf(known: ReviewCase, sample: OutletSample | null): Promise<PlannedSite[] | undefined> {
    if (!sample) return undefined;
    const outlets = new Map(((await this.cases.organisation(known.organisationId))?.outlets ?? []).map((o) => [o.id, o]));
    return sample.outlets.flatMap(({ id }) => {
      const outlet = outlets.get(id);
      return outlet ? [{ id, name: outlet.name, address: outlet.address }] : [];
    });
  }

  /** From the table in effect on the day the plan is made (Shanghai), by the headcount the applicant gave. */
  private async manDays(data: PlanProposal, known: ReviewCase, sample: OutletSample | null, context: CommandContext): Promise<ManDays> {
    const employees = (await this.cases.organisation(known.organisationId))?.employees;
    if (employees === undefined) {
      throw new DomainRefusal('HeadcountUnknown', `the applicant ${known.organisationId} has not given its number of employees, which the audit effort is computed from`, 422, { organisationId: known.organisationId });
    }
    const on = shanghaiDate(context.at);
    const table = defaultManDayTables.inEffectOn(on);
    if (!table) throw new DomainRefusal('NoManDayTable', `no man-day table is in effect on ${on}`, 422, { on });
    return computed(() => computeManDays(table, { kind: data.kind, employees, outletsVisited: sample?.outlets.length ?? 0, adjustments: data.adjustments }));
  }
}

async function answer(plans: AuditPlans, caseStore: ReviewCaseStore, caseId: string, kind: AuditKind, decide: (planId: string) => Parameters<AuditPlans['execute']>[1], context: CommandContext): Promise<AuditPlanWritten> {
  const { cycle } = await caseStore.currentCycle(caseId);
  const planId = auditPlanId(caseId, cycle, kind);
  const { state } = await plans.load(planId);
  if (state.status === 'none') throw new DomainRefusal('NoAuditPlan', `no ${kind} audit plan has been proposed for case ${caseId}`, 404, { kind });
  const outcome = await plans.execute(planId, decide(planId), context);
  return { planId, version: outcome.version, revision: state.revision };
}

@CommandHandler(ConfirmAuditPlan)
export class ConfirmAuditPlanHandler implements ICommandHandler<ConfirmAuditPlan> {
  constructor(
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  execute({ data, context }: ConfirmAuditPlan): Promise<AuditPlanWritten> {
    return answer(this.plans, this.cases, data.caseId, data.kind, () => ({ type: 'confirm', revision: data.revision, by: context.actor.id }), context);
  }
}

@CommandHandler(RequestAuditPlanChange)
export class RequestAuditPlanChangeHandler implements ICommandHandler<RequestAuditPlanChange> {
  constructor(
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  execute({ data, context }: RequestAuditPlanChange): Promise<AuditPlanWritten> {
    return answer(this.plans, this.cases, data.caseId, data.kind, () => ({ type: 'request-change', revision: data.revision, reason: data.reason, by: context.actor.id }), context);
  }
}

@CommandHandler(CancelAuditPlan)
export class CancelAuditPlanHandler implements ICommandHandler<CancelAuditPlan> {
  constructor(
    @Inject(AUDIT_PLANS) private readonly plans: AuditPlans,
    @Inject(ReviewCaseStore) private readonly cases: ReviewCaseStore,
  ) {}

  execute({ data, context }: CancelAuditPlan): Promise<AuditPlanWritten> {
    return answer(this.plans, this.cases, data.caseId, data.kind, () => ({ type: 'cancel', reason: data.reason, by: context.actor.id }), context);
  }
}

export const auditPlanCommandHandlers = [ProposeAuditPlanHandler, ConfirmAuditPlanHandler, RequestAuditPlanChangeHandler, CancelAuditPlanHandler];
