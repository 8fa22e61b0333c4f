import { openingAuditPlanId, siteLabel, withAuditedSites } from './audited-sites';

describe('audited sites on a certificate', () => {
  it("finds the plan of the audit that opens the certificate's cycle by its id", () => {
    expect(openingAuditPlanId('case-1', 1)).toBe('case-1.audit.initial');
    expect(openingAuditPlanId('case-1', 2)).toBe('case-1.c2.audit.recertification');
  });

  it("lists the applicant's sites first, then each visited outlet once", () => {
    const scope = { productCategories: ['家用电器'], serviceCategories: [], sites: ['总部 head office'], outlets: ['门店 3'] };
    const visited = [siteLabel({ name: '门店 3', address: '3 Wusi Road' }), '总部 head office'];
    expect(withAuditedSites(scope, visited)).toEqual({ ...scope, sites: ['总部 head office', '门店 3（3 Wusi Road）'] });
    expect(withAuditedSites(scope, [])).toEqual(scope);
  });
});
