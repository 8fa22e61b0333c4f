import { siteLabel } from './audited-sites';

/** A plan as this service mirrors it from `review.audit-plan.v1`: its sampled sites and their visits. */
export interface MirroredPlan {
  readonly revision: number;
  readonly confirmed: boolean;
  /** Cancelled by the body (say, an auditor's conflict): no result may stand on it. */
  readonly cancelled: boolean;
  /** A surveillance result naming it was recorded by the lifecycle: a plan is carried out once. */
  readonly recorded: boolean;
  /** The audit's first day (Shanghai calendar date); null on records from before it was kept. */
  readonly startDate: string | null;
  readonly sites: readonly { readonly id: string; readonly name: string; readonly address: string }[];
  /** The sampled outlets' ids: each is to be visited (evidence review's own check; `sites` names them). */
  readonly sampled: readonly string[];
  readonly visits: readonly { readonly outletId: string; readonly outcome: 'conforming' | 'finding' }[];
}

export interface PlanRefusal {
  readonly code: 'UnknownAuditPlan' | 'NotASurveillancePlan' | 'AuditPlanNotConfirmed' | 'AuditPlanCancelled' | 'AuditPlanUsed' | 'NotCurrentCyclePlan' | 'SiteVisitsOpen' | 'SiteVisitFindings';
  readonly message: string;
  readonly status: 409 | 422;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A surveillance plan of the case, in any review cycle: `<caseId>[.c<n>].audit.surveillance-<1|2>` (evidence review's ids, ADR 0037). */
const isSurveillancePlanOf = (caseId: string, planId: string) =>
  planId.startsWith(`${caseId}.`) && /^(c[1-9]\d{0,5}\.)?audit\.surveillance-[12]$/.test(planId.slice(caseId.length + 1));

/**
 * The ids a surveillance plan of the certificate's cycle may have: evidence review numbers its
 * review cycles, which run ahead of the certificate's when a recertification was denied and
 * started again, so the certificate's cycle and the two after it (all `_id` reads).
 */
export const surveillancePlanIds = (caseId: string, certificateCycle: number): string[] =>
  [0, 1, 2].flatMap((ahead) => {
    const cycle = certificateCycle + ahead;
    const prefix = cycle === 1 ? caseId : `${caseId}.c${cycle}`;
    return [`${prefix}.audit.surveillance-1`, `${prefix}.audit.surveillance-2`];
  });

/** A plan of this certificate's cycle: it starts on or after the day the certificate became valid. */
const ofCycle = (plan: MirroredPlan, validFrom: string) => plan.startDate === null || plan.startDate >= validFrom;

/**
 * The cycle's surveillance plan a periodic result must name (ADR 0039): confirmed, with sampled
 * sites, neither cancelled nor carried out yet, of the current certificate's cycle; null when none.
 */
export function openSurveillancePlan(plans: readonly (MirroredPlan & { planId: string })[], validFrom: string): string | null {
  return plans.find((p) => p.confirmed && !p.cancelled && !p.recorded && p.sampled.length > 0 && ofCycle(p, validFrom))?.planId ?? null;
}

/**
 * Whether a surveillance result may name this plan (issue 19): a surveillance plan of the
 * certificate's case and current cycle (`validFrom`, the certificate's first Shanghai day),
 * confirmed at the revision named, not cancelled, and not named by an earlier result. A passed
 * result needs every sampled outlet's site task done and none with a finding; a failed one may be
 * recorded at any time (a finding, or a visit that could not take place, is a reason to fail it).
 * Visits recorded under an earlier revision count: a revision keeps the sample.
 */
export function surveillancePlanRefusal(caseId: string, named: { planId: string; revision: number }, plan: MirroredPlan | null, passed: boolean, validFrom: string): PlanRefusal | null {
  const { planId, revision } = named;
  if (!isSurveillancePlanOf(caseId, planId)) return { code: 'NotASurveillancePlan', status: 422, params: { planId }, message: `${planId} is not a surveillance plan of this certificate's case` };
  if (!plan) return { code: 'UnknownAuditPlan', status: 422, params: { planId }, message: `audit plan ${planId} is not known here (yet)` };
  if (plan.cancelled) return { code: 'AuditPlanCancelled', status: 409, params: { planId }, message: `audit plan ${planId} was cancelled; a result cannot stand on it` };
  if (!plan.confirmed || plan.revision !== revision) {
    return { code: 'AuditPlanNotConfirmed', status: 409, params: { planId, revision, current: plan.revision, confirmed: plan.confirmed }, message: `revision ${revision} of ${planId} is not the confirmed plan (revision ${plan.revision} is ${plan.confirmed ? 'confirmed' : 'not confirmed'})` };
  }
  if (!ofCycle(plan, validFrom)) return { code: 'NotCurrentCyclePlan', status: 422, params: { planId, startDate: plan.startDate, validFrom }, message: `audit plan ${planId} began ${plan.startDate}, before the current certificate (valid from ${validFrom}); name this cycle's plan` };
  if (plan.recorded) return { code: 'AuditPlanUsed', status: 409, params: { planId }, message: `a surveillance result was recorded under ${planId} already; each surveillance is carried out under its own plan` };
  if (!passed) return null;
  const outcome = new Map(plan.visits.map((v) => [v.outletId, v.outcome]));
  // Every sampled outlet, as evidence review samples them (a plan without named sites still has its sample).
  // Readers see the outlets' names and addresses (`outlets`; the id when unnamed), programs their ids.
  const labelOf = new Map(plan.sites.map((s) => [s.id, siteLabel(s)]));
  const labels = (ids: string[]) => ids.map((id) => labelOf.get(id) ?? id);
  const open = plan.sampled.filter((id) => !outcome.has(id));
  if (open.length) return { code: 'SiteVisitsOpen', status: 422, params: { planId, outletIds: open, outlets: labels(open) }, message: `the site tasks of ${open.join(', ')} are still open; a surveillance passes once every sampled outlet is visited` };
  const found = plan.sampled.filter((id) => outcome.get(id) === 'finding');
  if (found.length) return { code: 'SiteVisitFindings', status: 422, params: { planId, outletIds: found, outlets: labels(found) }, message: `findings were made at ${found.join(', ')}; record the surveillance as failed, saying what failed` };
  return null;
}

/** The sites a surveillance visited, as the scope lists sites. */
export const visitedSites = (plan: MirroredPlan): string[] => {
  const visited = new Set(plan.visits.map((v) => v.outletId));
  return plan.sites.filter((s) => visited.has(s.id)).map(siteLabel);
};
