import { auditPlanId, auditsOfCycle, earlierAudits } from './audit-programme-of-case';

describe("a case's audit programme", () => {
  it('opens the first cycle with the initial audit and every later one with a recertification, two surveillances each', () => {
    expect(auditsOfCycle(1)).toEqual(['initial', 'surveillance-1', 'surveillance-2']);
    expect(auditsOfCycle(3)).toEqual(['recertification', 'surveillance-1', 'surveillance-2']);
  });

  it("derives each plan's id from the case, the cycle and the kind, like task ids", () => {
    expect(auditPlanId('case-1', 1, 'initial')).toBe('case-1.audit.initial');
    expect(auditPlanId('case-1', 2, 'surveillance-1')).toBe('case-1.c2.audit.surveillance-1');
  });

  it("samples against the cycle's earlier audits, and a recertification against the previous cycle's", () => {
    expect(earlierAudits('case-1', 1, 'initial')).toEqual([]);
    expect(earlierAudits('case-1', 1, 'surveillance-2')).toEqual(['case-1.audit.initial', 'case-1.audit.surveillance-1']);
    expect(earlierAudits('case-1', 2, 'recertification')).toEqual(['case-1.audit.initial', 'case-1.audit.surveillance-1', 'case-1.audit.surveillance-2']);
  });
});
