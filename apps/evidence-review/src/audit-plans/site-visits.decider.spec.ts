import { specFor } from '@gbt/decider';
import { siteTasksOf, siteVisitsDecider, type RecordSiteVisit, type SiteVisitRecorded } from './site-visits.decider';

const spec = specFor(siteVisitsDecider);
const visit = (outletId: string, outcome: 'conforming' | 'finding', finding?: string): RecordSiteVisit => ({
  type: 'record-visit',
  planId: 'case-1.audit.surveillance-1',
  revision: 2,
  sampled: ['outlet-3', 'outlet-9', 'outlet-17'],
  outletId,
  outcome,
  ...(finding === undefined ? {} : { finding }),
  by: 'rita',
});
const recorded = (outletId: string, outcome: 'conforming' | 'finding', finding: string | null): SiteVisitRecorded => ({
  type: 'audit-plan.site-visit-recorded',
  data: { planId: 'case-1.audit.surveillance-1', revision: 2, outletId, outcome, finding, recordedBy: 'rita' },
});

describe("a surveillance plan's site visits", () => {
  it('records a sampled outlet visited, conforming or with what was found (trimmed), under the confirmed revision', () => {
    expect(spec([]).when(visit('outlet-9', 'conforming', 'ignored')).outcome).toEqual([recorded('outlet-9', 'conforming', null)]);
    expect(spec([]).when(visit('outlet-3', 'finding', '  no complaint log  ')).outcome).toEqual([recorded('outlet-3', 'finding', 'no complaint log')]);
  });

  it('refuses an outlet outside the sample, a second record of a visit, and a finding that says nothing', () => {
    expect(spec([]).when(visit('outlet-4', 'conforming')).outcome).toMatchObject({ error: 'OutletNotSampled' });
    expect(spec([recorded('outlet-3', 'conforming', null)]).when(visit('outlet-3', 'finding', 'late')).outcome).toMatchObject({ error: 'VisitRecorded' });
    expect(spec([]).when(visit('outlet-3', 'finding', '   ')).outcome).toMatchObject({ error: 'FindingRequired' });
    expect(spec([]).when(visit('constructor', 'conforming')).outcome).toMatchObject({ error: 'OutletNotSampled' });
  });

  it('lists one task per sampled outlet in the sample order, open until visited', () => {
    const state = [recorded('outlet-17', 'finding', 'no complaint log')].reduce(siteVisitsDecider.evolve, siteVisitsDecider.initialState);
    expect(siteTasksOf(['outlet-3', 'outlet-17'], state)).toEqual([
      { outletId: 'outlet-3', status: 'open', finding: null, recordedBy: null },
      { outletId: 'outlet-17', status: 'finding', finding: 'no complaint log', recordedBy: 'rita' },
    ]);
  });
});
