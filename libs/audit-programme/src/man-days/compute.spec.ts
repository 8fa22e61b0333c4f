import { AUDIT_KINDS } from '../audit-kinds';
import { InputProblems } from '../problem';
import { computeManDays, checkManDayInput, type ManDayInput, type ManDays } from './compute';
import { defaultManDayTable as table } from './registry';

const sumOfLines = (result: ManDays) => ({
  total: result.lines.reduce((sum, line) => sum + line.total, 0),
  onSite: result.lines.reduce((sum, line) => sum + line.onSite, 0),
});
const compute = (input: Partial<ManDayInput>) => computeManDays(table, { kind: 'initial', employees: 5, outletsVisited: 0, ...input });
const codesOf = (input: Partial<ManDayInput>) => checkManDayInput(table, { kind: 'initial', employees: 5, outletsVisited: 0, ...input }).map((p) => p.code);

describe('man-days of one audit', () => {
  it('reads the indicative figures for a small company with no outlets: 3 (2), 1.5 (1), 1.5 (1), 2 (1.5)', () => {
    const results = AUDIT_KINDS.map((kind) => compute({ kind }));
    expect(results.map(({ kind, total, onSite }) => ({ kind, total, onSite }))).toEqual([
      { kind: 'initial', total: 3, onSite: 2 },
      { kind: 'surveillance-1', total: 1.5, onSite: 1 },
      { kind: 'surveillance-2', total: 1.5, onSite: 1 },
      { kind: 'recertification', total: 2, onSite: 1.5 },
    ]);
    expect(results[0]).toEqual({
      tableVersion: 'man-days.v1',
      kind: 'initial',
      total: 3,
      onSite: 2,
      lines: [{ code: 'band', params: { stage: 'initial', employees: 5, minEmployees: 1, maxEmployees: 10 }, total: 3, onSite: 2 }],
    });
  });

  it('picks the band at both of its edges, and the open last band for any size above it', () => {
    const bandOf = (employees: number) => {
      const [line] = compute({ employees }).lines;
      return line?.code === 'band' ? [line.params.minEmployees, line.params.maxEmployees] : null;
    };
    expect([1, 10, 11, 50, 51, 1000, 1001, 250_000].map(bandOf)).toEqual([
      [1, 10], [1, 10], [11, 50], [11, 50], [51, 200], [501, 1000], [1001, null], [1001, null],
    ]);
    expect(compute({ employees: 250_000 })).toMatchObject({ total: 8, onSite: 5.5 });
  });

  it('adds half a person-day on site (and to the total) for each visited outlet', () => {
    const result = compute({ outletsVisited: 5 });
    expect(result).toMatchObject({ total: 5.5, onSite: 4.5 });
    expect(result.lines[1]).toEqual({ code: 'outlets', params: { outlets: 5, perOutletOnSite: 0.5 }, total: 2.5, onSite: 2.5 });
  });

  it('applies adjustments as percentages of the subtotal, then rounds to the nearest half day, showing each step', () => {
    // 11-50 employees initial 4 (2.5) + 3 outlets 1.5 = 5.5 (4); +20% -10% = +10%: 6.05 (4.4) -> 6 (4.5)
    const result = compute({ employees: 20, outletsVisited: 3, adjustments: [{ code: 'complaints-received', percent: 20 }, { code: 'narrow-scope', percent: 10 }] });
    expect(result).toMatchObject({ total: 6, onSite: 4.5 });
    expect(result.lines.slice(2)).toEqual([
      { code: 'adjustment', params: { adjustment: 'complaints-received', percent: 20 }, total: 1.1, onSite: 0.8 },
      { code: 'adjustment', params: { adjustment: 'narrow-scope', percent: -10 }, total: -0.55, onSite: -0.4 },
      { code: 'rounding', params: { to: 'nearest-half-day' }, total: -0.05, onSite: 0.1 },
    ]);
    expect(sumOfLines(result).total).toBeCloseTo(6, 10);
    expect(sumOfLines(result).onSite).toBeCloseTo(4.5, 10);
  });

  it('rounds a quarter day up to the half (3 - 25% = 2.25 -> 2.5) and leaves an exact half alone', () => {
    const big = computeManDays({ ...table, maxReductionPercent: 30, adjustments: [{ code: 'narrow-scope', maxPercent: 25 }] }, { kind: 'initial', employees: 5, outletsVisited: 0, adjustments: [{ code: 'narrow-scope', percent: 25 }] });
    expect(big).toMatchObject({ total: 2.5, onSite: 1.5 });
    const exact = compute({ adjustments: [{ code: 'complaints-received', percent: 20 }, { code: 'other-certification-recognised', percent: 20 }] });
    expect(exact).toMatchObject({ total: 3, onSite: 2 });
    expect(exact.lines.map((l) => l.code)).toEqual(['band', 'adjustment', 'adjustment']);
  });

  it('never reduces the on-site time below half a day per visited outlet, adding the shortfall to the total', () => {
    // surveillance 1.5 (1) + 8 outlets 4 = 5.5 (5); -30% = 3.85 (3.5) -> 4 (3.5); outlets need 4 on site: +0.5
    const result = compute({ kind: 'surveillance-1', outletsVisited: 8, adjustments: [{ code: 'other-certification-recognised', percent: 20 }, { code: 'narrow-scope', percent: 10 }] });
    expect(result).toMatchObject({ total: 4.5, onSite: 4 });
    expect(result.lines.at(-1)).toEqual({ code: 'outlet-minimum', params: { outlets: 8, perOutletOnSite: 0.5 }, total: 0.5, onSite: 0.5 });
    expect(sumOfLines(result).total).toBeCloseTo(4.5, 10);
    expect(sumOfLines(result).onSite).toBeCloseTo(4, 10);
  });

  it('accepts reductions up to the bound (30% in all) and refuses one percent more', () => {
    expect(codesOf({ adjustments: [{ code: 'other-certification-recognised', percent: 20 }, { code: 'narrow-scope', percent: 10 }] })).toEqual([]);
    expect(codesOf({ adjustments: [{ code: 'other-certification-recognised', percent: 20 }, { code: 'narrow-scope', percent: 10 }, { code: 'no-nonconformities-last-audit', percent: 1 }] })).toEqual(['man-days.reductions-exceed-bound']);
    expect(codesOf({ adjustments: [{ code: 'complex-products', percent: 20 }, { code: 'complaints-received', percent: 20 }, { code: 'interpreter-needed', percent: 10 }] })).toEqual([]);
    expect(codesOf({ adjustments: [{ code: 'complex-products', percent: 20 }, { code: 'complaints-received', percent: 20 }, { code: 'interpreter-needed', percent: 11 }] })).toEqual(['man-days.increases-exceed-bound']);
  });

  it('refuses each code beyond its own maximum, below 1%, fractional, repeated or not in the table', () => {
    expect(codesOf({ adjustments: [{ code: 'narrow-scope', percent: 11 }] })).toEqual(['man-days.adjustment-out-of-bounds']);
    expect(codesOf({ adjustments: [{ code: 'narrow-scope', percent: 0 }] })).toEqual(['man-days.adjustment-out-of-bounds']);
    expect(codesOf({ adjustments: [{ code: 'narrow-scope', percent: 2.5 }] })).toEqual(['man-days.adjustment-out-of-bounds']);
    expect(codesOf({ adjustments: [{ code: 'narrow-scope', percent: 5 }, { code: 'narrow-scope', percent: 5 }] })).toEqual(['man-days.adjustment-repeated']);
    const withoutNarrowScope = { ...table, adjustments: table.adjustments.filter((a) => a.code !== 'narrow-scope') };
    expect(checkManDayInput(withoutNarrowScope, { kind: 'initial', employees: 5, outletsVisited: 0, adjustments: [{ code: 'narrow-scope', percent: 5 }] })).toEqual([
      { code: 'man-days.adjustment-not-allowed', params: { adjustment: 'narrow-scope', tableVersion: 'man-days.v1' }, message: 'table man-days.v1 allows no adjustment narrow-scope' },
    ]);
  });

  it('refuses employees below 1 or fractional and a negative or fractional outlet count, all at once', () => {
    expect(codesOf({ employees: 0, outletsVisited: -1 })).toEqual(['man-days.employees-invalid', 'man-days.outlets-invalid']);
    expect(codesOf({ employees: 2.5, outletsVisited: 1.5 })).toEqual(['man-days.employees-invalid', 'man-days.outlets-invalid']);
    expect(() => compute({ employees: 0 })).toThrow(InputProblems);
    expect(() => compute({ employees: 0 })).toThrow(/employees must be a whole number of at least 1, not 0/);
  });

  it('keeps every result in half days with its lines adding up to it, over every band, outlet count and bound', () => {
    const adjustmentSets = [[], [{ code: 'other-certification-recognised', percent: 20 }, { code: 'narrow-scope', percent: 10 }], [{ code: 'complex-products', percent: 17 }], [{ code: 'complaints-received', percent: 20 }, { code: 'narrow-scope', percent: 3 }]] as const;
    const broken: unknown[] = [];
    for (const kind of AUDIT_KINDS) {
      for (const employees of [1, 10, 11, 77, 600, 5000]) {
        for (let outletsVisited = 0; outletsVisited <= 40; outletsVisited += 3) {
          for (const adjustments of adjustmentSets) {
            const result = compute({ kind, employees, outletsVisited, adjustments });
            const lines = sumOfLines(result);
            const holds =
              Number.isInteger(result.total * 2) &&
              Number.isInteger(result.onSite * 2) &&
              result.onSite <= result.total &&
              result.onSite >= outletsVisited * 0.5 &&
              Math.abs(lines.total - result.total) < 1e-9 &&
              Math.abs(lines.onSite - result.onSite) < 1e-9;
            if (!holds) broken.push({ kind, employees, outletsVisited, adjustments, result });
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
