import { CaseIndex } from './case-index';
import type { CaseListRow } from './read-models';

const row = (n: number, over: Partial<CaseListRow> = {}): CaseListRow => ({
  _id: `case-${String(n).padStart(5, '0')}`,
  organisationId: `org-${n % 3}`,
  organisationName: `Org ${n % 3}`,
  status: n % 2 ? 'draft' : 'certified',
  phase: null,
  level: n % 2 ? null : 'four-star',
  certificateNumber: null,
  validUntil: null,
  nextSurveillanceBy: null,
  suspendedUntil: null,
  dueBy: n % 2 ? null : `2028-01-${String((n % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
  openNonconformities: 0,
  submittedAt: null,
  updatedAt: `2027-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
  version: 2,
  ...over,
});

describe('the case index', () => {
  it('answers filter, order (last change first, then case id) and page as the old sorted query did', () => {
    const index = new CaseIndex();
    const rows = Array.from({ length: 120 }, (_, i) => row(i));
    index.load([...rows].reverse());
    const expected = rows
      .filter((r) => r.status === 'certified' && r.organisationId !== 'org-1' && r.dueBy !== null && r.dueBy <= '2028-01-10T00:00:00.000Z')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a._id.localeCompare(b._id));
    const page = index.query({ status: ['certified'], level: ['four-star'], organisationIds: new Set(['org-0', 'org-2']), dueBefore: '2028-01-10T00:00:00.000Z', limit: 5, offset: 3 });
    expect(page.total).toBe(expected.length);
    expect(page.items.map((i) => i.caseId)).toEqual(expected.slice(3, 8).map((r) => r._id));
    expect(page.items[0]).toEqual({ ...expected[3], _id: undefined, caseId: expected[3]!._id });
  });

  it('lists the cases whose level an upheld appeal has decided again, for the decision makers (ADR 0038)', () => {
    const index = new CaseIndex();
    index.load([row(1), row(2, { levelReopened: true }), row(4, { levelReopened: false })]);
    expect(index.query({ levelReopened: true, limit: 10, offset: 0 }).items.map((i) => i.caseId)).toEqual(['case-00002']);
    index.set(row(2, { levelReopened: false, updatedAt: '2027-06-01T00:00:00.000Z' }));
    expect(index.query({ levelReopened: true, limit: 10, offset: 0 }).total).toBe(0);
  });

  it('moves a changed row to where its new last change puts it, once', () => {
    const index = new CaseIndex();
    index.load([row(1), row(2), row(3)]);
    index.set(row(1, { updatedAt: '2027-06-01T00:00:00.000Z', status: 'submitted' }));
    index.set(row(4, { updatedAt: '2026-01-01T00:00:00.000Z' }));
    const all = index.query({ limit: 10, offset: 0 });
    expect(all.items.map((i) => [i.caseId, i.status])).toEqual([
      ['case-00001', 'submitted'],
      ['case-00003', 'draft'],
      ['case-00002', 'certified'],
      ['case-00004', 'certified'],
    ]);
    expect(index.size).toBe(4);
  });

  it("answers an organisation's list from its own rows, in list order, as changes arrive", () => {
    const index = new CaseIndex();
    const rows = Array.from({ length: 30 }, (_, i) => row(i));
    index.load(rows);
    // Changes after the load: a row moves to the front, another is new, one organisation's row is replaced twice.
    const changed = [row(4, { updatedAt: '2027-06-01T00:00:00.000Z', status: 'submitted' }), row(31, { updatedAt: '2026-01-01T00:00:00.000Z' }), row(7, { updatedAt: '2027-03-01T00:00:00.000Z' }), row(7, { updatedAt: '2027-04-01T00:00:00.000Z', status: 'certified' })];
    for (const r of changed) index.set(r);
    const current = new Map([...rows, ...changed].map((r) => [r._id, r]));
    const listed = (ids: string[], extra: { status?: string[] } = {}) => index.query({ organisationIds: new Set(ids), ...extra, limit: 100, offset: 0 }).items.map((i) => i.caseId);
    const expected = (ids: string[], status?: string) =>
      [...current.values()]
        .filter((r) => ids.includes(r.organisationId) && (!status || r.status === status))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a._id.localeCompare(b._id))
        .map((r) => r._id);
    expect(listed(['org-1'])).toEqual(expected(['org-1']));
    expect(listed(['org-1'])[0]).toBe('case-00004');
    expect(listed(['org-0', 'org-1'], { status: ['certified'] })).toEqual(expected(['org-0', 'org-1'], 'certified'));
    expect(listed(['org-1']).filter((id) => id === 'case-00007')).toHaveLength(1);
    expect(listed(['org-9'])).toEqual([]);
  });
});
