import { openSurveillancePlan, surveillancePlanIds, surveillancePlanRefusal, visitedSites, type MirroredPlan } from './surveillance-plan';

const sites = [
  { id: 'outlet-3', name: '三号店', address: '3 Wusi Road' },
  { id: 'outlet-9', name: '九号店', address: '9 Binhai Road' },
];
const plan = (over: Partial<MirroredPlan> = {}): MirroredPlan => ({ revision: 2, confirmed: true, cancelled: false, recorded: false, startDate: '2028-02-14', sites, sampled: sites.map((s) => s.id), visits: [], ...over });
const named = { planId: 'case-1.audit.surveillance-1', revision: 2 };
const validFrom = '2027-03-01';
const codeOf = (caseId: string, n: typeof named, p: MirroredPlan | null, passed: boolean) => surveillancePlanRefusal(caseId, n, p, passed, validFrom)?.code ?? null;
const allConforming = () => plan({ visits: sites.map((s) => ({ outletId: s.id, outcome: 'conforming' as const })) });

describe('a surveillance result against its audit plan', () => {
  it("names a surveillance plan of the certificate's case", () => {
    expect(codeOf('case-1', { planId: 'case-1.audit.initial', revision: 2 }, plan(), false)).toBe('NotASurveillancePlan');
    expect(codeOf('case-1', { planId: 'case-12.audit.surveillance-1', revision: 2 }, plan(), false)).toBe('NotASurveillancePlan');
    expect(codeOf('case-1', { planId: 'case-1.c2.audit.surveillance-2', revision: 2 }, plan(), false)).toBeNull();
    expect(codeOf('case-1', named, null, false)).toBe('UnknownAuditPlan');
  });

  it('needs the revision the applicant confirmed', () => {
    expect(surveillancePlanRefusal('case-1', named, plan({ confirmed: false }), false, validFrom)).toMatchObject({ code: 'AuditPlanNotConfirmed', status: 409 });
    expect(codeOf('case-1', { ...named, revision: 1 }, plan(), false)).toBe('AuditPlanNotConfirmed');
  });

  it('refuses a cancelled plan, passed or failed, however its visits went', () => {
    expect(surveillancePlanRefusal('case-1', named, { ...allConforming(), cancelled: true }, true, validFrom)).toMatchObject({ code: 'AuditPlanCancelled', status: 409 });
    expect(codeOf('case-1', named, plan({ cancelled: true }), false)).toBe('AuditPlanCancelled');
  });

  it("takes a plan once, and only the current certificate cycle's", () => {
    expect(surveillancePlanRefusal('case-1', named, { ...allConforming(), recorded: true }, true, validFrom)).toMatchObject({ code: 'AuditPlanUsed', status: 409 });
    expect(codeOf('case-1', named, plan({ recorded: true }), false)).toBe('AuditPlanUsed');
    // The first cycle's surveillance named after the recertified certificate became valid.
    expect(surveillancePlanRefusal('case-1', named, allConforming(), true, '2030-02-20')).toMatchObject({ code: 'NotCurrentCyclePlan', params: { startDate: '2028-02-14', validFrom: '2030-02-20' } });
    expect(codeOf('case-1', named, allConforming(), true)).toBeNull();
  });

  it('passes only once every sampled outlet was visited without a finding; fails at any time', () => {
    expect(surveillancePlanRefusal('case-1', named, plan({ visits: [{ outletId: 'outlet-9', outcome: 'conforming' }] }), true, validFrom)).toMatchObject({ code: 'SiteVisitsOpen', params: { outletIds: ['outlet-3'], outlets: ['三号店（3 Wusi Road）'] } });
    const withFinding = plan({ visits: [{ outletId: 'outlet-3', outcome: 'finding' }, { outletId: 'outlet-9', outcome: 'conforming' }] });
    expect(surveillancePlanRefusal('case-1', named, withFinding, true, validFrom)).toMatchObject({ code: 'SiteVisitFindings', params: { outletIds: ['outlet-3'] } });
    expect(codeOf('case-1', named, withFinding, false)).toBeNull();
    expect(codeOf('case-1', named, plan(), false)).toBeNull();
    expect(codeOf('case-1', named, allConforming(), true)).toBeNull();
  });

  it('needs every sampled outlet visited even when the plan names no sites, refusing by id', () => {
    expect(surveillancePlanRefusal('case-1', named, plan({ sites: [], visits: [{ outletId: 'outlet-9', outcome: 'conforming' }] }), true, validFrom)).toMatchObject({ code: 'SiteVisitsOpen', params: { outletIds: ['outlet-3'], outlets: ['outlet-3'] } });
  });

  it('lists the visited outlets as the scope lists sites, in the sample order', () => {
    expect(visitedSites(plan({ visits: [{ outletId: 'outlet-9', outcome: 'finding' }] }))).toEqual(['九号店（9 Binhai Road）']);
  });
});

describe("the cycle's surveillance plan a periodic pass must name", () => {
  const of = (planId: string, over: Partial<MirroredPlan> = {}) => ({ planId, ...plan(over) });

  it("looks among the certificate cycle's plan ids and those of the review cycles after it", () => {
    expect(surveillancePlanIds('case-1', 1)).toEqual([
      'case-1.audit.surveillance-1',
      'case-1.audit.surveillance-2',
      'case-1.c2.audit.surveillance-1',
      'case-1.c2.audit.surveillance-2',
      'case-1.c3.audit.surveillance-1',
      'case-1.c3.audit.surveillance-2',
    ]);
  });

  it('is a confirmed plan with sampled sites, neither cancelled nor carried out, of this cycle', () => {
    expect(openSurveillancePlan([of('s1', { recorded: true }), of('s2')], validFrom)).toBe('s2');
    expect(openSurveillancePlan([of('s1', { cancelled: true }), of('s2', { confirmed: false }), of('s3', { sampled: [] })], validFrom)).toBeNull();
    expect(openSurveillancePlan([of('s4', { sites: [] })], validFrom)).toBe('s4');
    expect(openSurveillancePlan([of('s1', { startDate: '2027-02-01' })], validFrom)).toBeNull();
    expect(openSurveillancePlan([], validFrom)).toBeNull();
  });
});
