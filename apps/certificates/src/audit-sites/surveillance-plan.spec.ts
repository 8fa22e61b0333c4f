import { surveillancePlanRefusal, visitedSites, type MirroredPlan } from './surveillance-plan';

const sites = [
  { id: 'outlet-3', name: '三号店', address: '3 Wusi Road' },
  { id: 'outlet-9', name: '九号店', address: '9 Binhai Road' },
];
const plan = (over: Partial<MirroredPlan> = {}): MirroredPlan => ({ revision: 2, confirmed: true, sites, visits: [], ...over });
const named = { planId: 'case-1.audit.surveillance-1', revision: 2 };
const codeOf = (...args: Parameters<typeof surveillancePlanRefusal>) => surveillancePlanRefusal(...args)?.code ?? null;

describe('a surveillance result against its audit plan', () => {
  it("names a surveillance plan of the certificate's case, in any cycle", () => {
    expect(codeOf('case-1', { planId: 'case-1.audit.initial', revision: 2 }, plan(), false)).toBe('NotASurveillancePlan');
    expect(codeOf('case-1', { planId: 'case-12.audit.surveillance-1', revision: 2 }, plan(), false)).toBe('NotASurveillancePlan');
    expect(codeOf('case-1', { planId: 'case-1.c2.audit.surveillance-2', revision: 2 }, plan(), false)).toBeNull();
    expect(codeOf('case-1', named, null, false)).toBe('UnknownAuditPlan');
  });

  it('needs the revision the applicant confirmed', () => {
    expect(surveillancePlanRefusal('case-1', named, plan({ confirmed: false }), false)).toMatchObject({ code: 'AuditPlanNotConfirmed', status: 409 });
    expect(codeOf('case-1', { ...named, revision: 1 }, plan(), false)).toBe('AuditPlanNotConfirmed');
  });

  it('passes only once every sampled outlet was visited without a finding; fails at any time', () => {
    expect(surveillancePlanRefusal('case-1', named, plan({ visits: [{ outletId: 'outlet-9', outcome: 'conforming' }] }), true)).toMatchObject({ code: 'SiteVisitsOpen', params: { outletIds: ['outlet-3'] } });
    const withFinding = plan({ visits: [{ outletId: 'outlet-3', outcome: 'finding' }, { outletId: 'outlet-9', outcome: 'conforming' }] });
    expect(surveillancePlanRefusal('case-1', named, withFinding, true)).toMatchObject({ code: 'SiteVisitFindings', params: { outletIds: ['outlet-3'] } });
    expect(codeOf('case-1', named, withFinding, false)).toBeNull();
    expect(codeOf('case-1', named, plan(), false)).toBeNull();
    expect(codeOf('case-1', named, plan({ visits: sites.map((s) => ({ outletId: s.id, outcome: 'conforming' as const })) }), true)).toBeNull();
  });

  it('lists the visited outlets as the scope lists sites, in the sample order', () => {
    expect(visitedSites(plan({ visits: [{ outletId: 'outlet-9', outcome: 'finding' }] }))).toEqual(['九号店（9 Binhai Road）']);
  });
});
