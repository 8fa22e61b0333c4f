import { AUDIT_STAGES } from '../audit-kinds';
import { manDaysV1Data } from './data/man-days-v1';
import { createManDayTableRegistry, defaultManDayTable, defaultManDayTables } from './registry';
import type { ManDayTable } from './table-model';
import { loadManDayTable, ManDayTableError, validateManDayTable } from './validate-table';

const nearestHalf = (days: number) => Math.floor(days * 2 + 0.5) / 2;
const mutable = (): ManDayTable & Record<string, unknown> => structuredClone(manDaysV1Data) as ManDayTable & Record<string, unknown>;

describe('the default man-day table (man-days.v1)', () => {
  it('is valid and loaded frozen', () => {
    expect(validateManDayTable(manDaysV1Data)).toEqual([]);
    expect(Object.isFrozen(defaultManDayTable.bands[0]?.effort.initial)).toBe(true);
    expect(defaultManDayTables.versions).toEqual(['man-days.v1']);
  });

  it('has the indicative figures for 1-10 employees, marked as such', () => {
    const [first] = defaultManDayTable.bands;
    expect(first).toMatchObject({ minEmployees: 1, maxEmployees: 10, origin: 'indicative-table' });
    expect(first?.effort).toEqual({ initial: { total: 3, onSite: 2 }, surveillance: { total: 1.5, onSite: 1 }, recertification: { total: 2, onSite: 1.5 } });
    expect(defaultManDayTable.perOutletOnSite).toBe(0.5);
  });

  it('derives every other band from the rules its data file states (initial +1 per band, surveillance 1/2, recertification 2/3, on site 2/3)', () => {
    const rest = defaultManDayTable.bands.slice(1);
    expect(rest.every((band) => band.origin === 'platform-extrapolation')).toBe(true);
    rest.forEach((band, i) => {
      const initial = 4 + i;
      const totals = { initial, surveillance: nearestHalf(initial / 2), recertification: nearestHalf((initial * 2) / 3) };
      for (const stage of AUDIT_STAGES) expect(band.effort[stage]).toEqual({ total: totals[stage], onSite: nearestHalf((totals[stage] * 2) / 3) });
    });
    // The same rules give the indicative row: the extrapolation continues it rather than replacing it.
    expect({ initial: nearestHalf((3 * 2) / 3), surveillance: nearestHalf((1.5 * 2) / 3), recertification: nearestHalf((2 * 2) / 3) }).toEqual({ initial: 2, surveillance: 1, recertification: 1.5 });
  });
});

describe('validating a body\'s man-day table', () => {
  it('reports every problem at once, naming the band', () => {
    const table = mutable();
    const bands = table.bands as unknown as { minEmployees: number; maxEmployees: number | null; effort: Record<string, { total: number; onSite: number }> }[];
    bands[1]!.minEmployees = 12; // gap after 10
    bands[2]!.effort['initial'] = { total: 4.3, onSite: 5 };
    bands[5]!.maxEmployees = 5000; // last band closed
    const problems = validateManDayTable(table);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/band 12-50 should start at 11/),
        expect.stringMatching(/band 51-200 initial: total 4.3 must be .* multiple of 0.5/),
        expect.stringMatching(/band 51-200 initial: on-site 5 exceeds the total 4.3/),
        expect.stringMatching(/band 1001-5000 is the last band and must be open-ended/),
      ]),
    );
    expect(() => loadManDayTable(table)).toThrow(ManDayTableError);
  });

  it('refuses overlapping bands, an open band before the last, and no bands', () => {
    const overlapping = mutable();
    (overlapping.bands[1] as { minEmployees: number }).minEmployees = 10;
    expect(validateManDayTable(overlapping)).toEqual(expect.arrayContaining([expect.stringMatching(/band 10-50 should start at 11/)]));
    const openEarly = mutable();
    (openEarly.bands[0] as { maxEmployees: number | null }).maxEmployees = null;
    expect(validateManDayTable(openEarly)).toEqual(expect.arrayContaining([expect.stringMatching(/band 1- is open-ended but is not the last band/)]));
    expect(validateManDayTable({ ...mutable(), bands: [] })).toEqual(['the table has no employee bands']);
  });

  it('bounds the adjustments: reductions at most 50% in any table, each code within its direction\'s bound, listed once', () => {
    expect(validateManDayTable({ ...mutable(), maxReductionPercent: 51 })).toEqual(expect.arrayContaining([expect.stringMatching(/maxReductionPercent 51 must be between 0 and 50/)]));
    expect(validateManDayTable({ ...mutable(), maxIncreasePercent: -1 })).toEqual(expect.arrayContaining([expect.stringMatching(/maxIncreasePercent -1/)]));
    const table = { ...mutable(), adjustments: [{ code: 'narrow-scope', maxPercent: 31 }, { code: 'narrow-scope', maxPercent: 5 }, { code: 'complaints-received', maxPercent: 0 }] };
    expect(validateManDayTable(table)).toEqual([
      'adjustment narrow-scope: maxPercent 31 must be between 1 and the table\'s bound for reductions (30)',
      'adjustment narrow-scope is listed twice',
      'adjustment complaints-received: maxPercent 0 must be between 1 and the table\'s bound for increases (50)',
    ]);
  });

  it('refuses unknown adjustment codes and misspelt keys by their path', () => {
    const problems = validateManDayTable({ ...mutable(), adjustments: [{ code: 'friendly-applicant', maxPercent: 5 }], perOutletOnSit: 0.5 });
    expect(problems.join('\n')).toMatch(/adjustments\.0\.code/);
    expect(problems.join('\n')).toMatch(/perOutletOnSit/);
  });

  it('needs sources, a publisher, a real effective date and a per-outlet minimum in half days', () => {
    expect(validateManDayTable({ ...mutable(), sources: [], publisher: ' ', effectiveFrom: '2026-02-30', perOutletOnSite: 0.25 })).toEqual([
      'effectiveFrom 2026-02-30 is not a calendar date',
      'the table names no publisher',
      'the table must say where its figures come from (sources)',
      'perOutletOnSite 0.25 must be at least 0.5 and a multiple of 0.5 person-days',
    ]);
  });

  it('names the version in the error, or says there is none', () => {
    expect(() => loadManDayTable({ ...mutable(), bands: [] })).toThrow(/man-day table man-days.v1 is invalid/);
    expect(() => loadManDayTable(42)).toThrow(/\(without version\)/);
  });
});

describe('a registry of man-day tables', () => {
  const bodyTable = { ...mutable(), version: 'acme-body.2027', effectiveFrom: '2027-03-01', publisher: 'Acme Certification' };

  it('answers the table in effect on a date: the latest effective by then', () => {
    const registry = createManDayTableRegistry([bodyTable, manDaysV1Data]);
    expect(registry.versions).toEqual(['man-days.v1', 'acme-body.2027']);
    expect(registry.inEffectOn('2025-12-31')).toBeUndefined();
    expect(registry.inEffectOn('2027-02-28')?.version).toBe('man-days.v1');
    expect(registry.inEffectOn('2027-03-01')?.version).toBe('acme-body.2027');
    expect(registry.get('nope')).toBeUndefined();
  });

  it('refuses a version used twice and two tables effective the same day', () => {
    expect(() => createManDayTableRegistry([manDaysV1Data, manDaysV1Data])).toThrow(/registered twice/);
    expect(() => createManDayTableRegistry([manDaysV1Data, { ...bodyTable, effectiveFrom: manDaysV1Data.effectiveFrom }])).toThrow(/both take effect on 2026-01-01/);
  });
});
