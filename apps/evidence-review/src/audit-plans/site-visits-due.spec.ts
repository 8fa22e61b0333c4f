import type { CommandBus } from '@nestjs/cqrs';
import type { Model } from 'mongoose';
import type { Actor } from '@gbt/platform';
import type { ReviewCaseStore } from '../review/review-case-store';
import type { AuditPlans } from './audit-plan.aggregate';
import type { SiteVisits } from './site-visits';
import { CloseSurveillances, CloseSurveillancesHandler, SyncSiteVisitsDue, SyncSiteVisitsDueHandler, type SiteVisitsDue } from './site-visits-due';

const context = { actor: { id: 'evidence-review', role: 'system' } as Actor, at: new Date('2028-02-20T02:00:00.000Z') };
const s1 = 'case-1.audit.surveillance-1';
const s2 = 'case-1.audit.surveillance-2';
const team = [
  { personId: 'lena', role: 'lead-auditor' },
  { personId: 'rui', role: 'auditor' },
];
const planOf = (planId: string) => ({
  planId,
  caseId: 'case-1',
  kind: planId.endsWith('-2') ? 'surveillance-2' : 'surveillance-1',
  startDate: '2028-02-14',
  endDate: '2028-02-16',
  team,
  sites: [
    { id: 'outlet-3', name: '三号店', address: '3 Wusi Road' },
    { id: 'outlet-9', name: '九号店', address: '9 Binhai Road' },
  ],
});

/** Each auditor's list in memory, under the same version guard as on FerretDB; two confirmed surveillance plans of cycle 1, outlet-9 of the first visited. */
function world() {
  const lists = new Map<string, { _id: string; entries: { planId: string; outletId: string }[]; version: number }>();
  const model = {
    findById: (id: string) => ({ lean: async () => structuredClone(lists.get(id) ?? null) }),
    create: async (doc: { _id: string; entries: never[]; version: number }) => void lists.set(doc._id, doc),
    updateOne: async (filter: { _id: string; version: number }, update: { $set: { entries: never[]; version: number } }) => {
      const known = lists.get(filter._id);
      if (known?.version !== filter.version) return { matchedCount: 0 };
      lists.set(filter._id, { _id: filter._id, ...update.$set });
      return { matchedCount: 1 };
    },
  } as unknown as Model<SiteVisitsDue>;
  const known = { caseId: 'case-1', organisationId: 'org-1', recertifications: [] as number[], surveillancesClosed: [] as string[] };
  const cases = {
    get: async () => structuredClone(known),
    currentCycle: async () => ({ caseId: 'case-1', cycle: 1 }),
    closeSurveillances: async (_c: string, planIds: string[]) => void known.surveillancesClosed.push(...planIds),
  } as unknown as ReviewCaseStore;
  const planIds = [s1, s2];
  const plans = {
    load: async (planId: string) => {
      if (!planIds.includes(planId)) return { state: { status: 'none', plan: null }, events: [] };
      const plan = planOf(planId);
      return { state: { status: 'confirmed', revision: 1, plan }, events: [{ type: 'audit-plan.proposed', data: { revision: 1, plan } }] };
    },
  } as unknown as AuditPlans;
  const visits = { load: async (planId: string) => ({ state: { visits: planId === s1 ? { 'outlet-9': { outcome: 'conforming' } } : {} } }) } as unknown as SiteVisits;
  const sync = new SyncSiteVisitsDueHandler(model, plans, visits, cases);
  const commands = { execute: (c: SyncSiteVisitsDue) => sync.execute(c) } as unknown as CommandBus;
  const close = new CloseSurveillancesHandler(plans, cases, commands);
  const queue = (personId: string) => (lists.get(personId)?.entries ?? []).map((e) => `${e.planId}:${e.outletId}`);
  return { sync, close, queue, known };
}

describe("each auditor's list of surveillance visits due", () => {
  it("lists a confirmed plan's unvisited outlets for each of its auditors", async () => {
    const { sync, queue } = world();
    await sync.execute(new SyncSiteVisitsDue({ planId: s1 }, context));
    await sync.execute(new SyncSiteVisitsDue({ planId: s2 }, context));
    expect(queue('rui')).toEqual([`${s1}:outlet-3`, `${s2}:outlet-3`, `${s2}:outlet-9`]);
    expect(queue('lena')).toEqual(queue('rui'));
  });

  it("drops the plan's entries when its surveillance result is recorded (the plan named, else the cycle's first open one), and a replayed visit brings none back", async () => {
    const { sync, close, queue, known } = world();
    for (const planId of [s1, s2]) await sync.execute(new SyncSiteVisitsDue({ planId }, context));
    await close.execute(new CloseSurveillances({ caseId: 'case-1', recorded: { planId: null } }, context));
    expect(known.surveillancesClosed).toEqual([s1]);
    expect(queue('rui')).toEqual([`${s2}:outlet-3`, `${s2}:outlet-9`]);
    await sync.execute(new SyncSiteVisitsDue({ planId: s1 }, context));
    expect(queue('rui')).toEqual([`${s2}:outlet-3`, `${s2}:outlet-9`]);
    await close.execute(new CloseSurveillances({ caseId: 'case-1', recorded: { planId: s2 } }, context));
    expect(queue('lena')).toEqual([]);
  });

  it('drops every surveillance plan of the cycles that ended (the certificate ended, or a new cycle began)', async () => {
    const { sync, close, queue, known } = world();
    for (const planId of [s1, s2]) await sync.execute(new SyncSiteVisitsDue({ planId }, context));
    await close.execute(new CloseSurveillances({ caseId: 'case-1', upToCycle: 'current' }, context));
    expect(known.surveillancesClosed).toEqual([s1, s2]);
    expect([queue('rui'), queue('lena')]).toEqual([[], []]);
  });
});
