import type { Decider } from '@gbt/decider';
import type { SiteVisitOutcome } from '@gbt/contracts';

/**
 * The site tasks of a confirmed surveillance plan: one per sampled outlet, done when its visit is
 * recorded, conforming or with a finding. A recorded visit is final (a finding is corrected through
 * the holder's corrective action, not by rewriting the visit), and only the sampled outlets of the
 * revision the applicant confirmed are visited.
 */
export interface SiteVisit {
  readonly outcome: SiteVisitOutcome;
  readonly finding: string | null;
  readonly recordedBy: string;
}

export interface SiteVisitsState {
  readonly visits: Readonly<Record<string, SiteVisit>>;
}

export interface RecordSiteVisit {
  readonly type: 'record-visit';
  readonly planId: string;
  /** The confirmed revision and its sampled outlets, as the handler read them from the plan. */
  readonly revision: number;
  readonly sampled: readonly string[];
  readonly outletId: string;
  readonly outcome: SiteVisitOutcome;
  readonly finding?: string;
  readonly by: string;
}

export interface SiteVisitRecorded {
  readonly type: 'audit-plan.site-visit-recorded';
  readonly data: { readonly planId: string; readonly revision: number; readonly outletId: string; readonly outcome: SiteVisitOutcome; readonly finding: string | null; readonly recordedBy: string };
}

export interface SiteVisitRefusal {
  readonly error: 'OutletNotSampled' | 'VisitRecorded' | 'FindingRequired';
  readonly message: string;
}

function decide(c: RecordSiteVisit, state: SiteVisitsState): SiteVisitRecorded[] | SiteVisitRefusal {
  if (!c.sampled.includes(c.outletId)) return { error: 'OutletNotSampled', message: `outlet ${c.outletId} is not in the sample of plan ${c.planId}; sampled: ${c.sampled.join(', ') || 'none'}` };
  if (Object.hasOwn(state.visits, c.outletId)) return { error: 'VisitRecorded', message: `the visit of outlet ${c.outletId} is already recorded` };
  const finding = c.finding?.trim() ?? '';
  if (c.outcome === 'finding' && finding === '') return { error: 'FindingRequired', message: 'say what was found at the outlet' };
  const data = { planId: c.planId, revision: c.revision, outletId: c.outletId, outcome: c.outcome, finding: c.outcome === 'finding' ? finding : null, recordedBy: c.by };
  return [{ type: 'audit-plan.site-visit-recorded', data }];
}

export const siteVisitsDecider: Decider<RecordSiteVisit, SiteVisitRecorded, SiteVisitsState, SiteVisitRefusal> = {
  initialState: { visits: {} },
  decide,
  evolve: (state, { data }) => ({ visits: { ...state.visits, [data.outletId]: { outcome: data.outcome, finding: data.finding, recordedBy: data.recordedBy } } }),
};

/** A surveillance plan's site tasks in the sample's order: each open until its visit is recorded. */
export const siteTasksOf = (sampled: readonly string[], state: SiteVisitsState) =>
  sampled.map((outletId) => {
    const visit = Object.hasOwn(state.visits, outletId) ? state.visits[outletId] : undefined;
    return { outletId, status: visit?.outcome ?? ('open' as const), finding: visit?.finding ?? null, recordedBy: visit?.recordedBy ?? null };
  });
