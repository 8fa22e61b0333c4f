import type { Effort, EmployeeBand, ManDayTable } from '../table-model';

/**
 * The platform's default man-day table, `man-days.v1`. Where each number comes from:
 *
 * - 1-10 employees (origin 'indicative-table'): secondary sources on GB/T 27922 practice (as
 *   collected in shared/docs/reporting.md, "Audit programme facts") give an indicative 3 person-days
 *   (2 on site) for an initial audit, 1.5 (1) for a surveillance and 2 (1.5) for a recertification.
 * - Every larger band (origin 'platform-extrapolation') is this platform's extrapolation, not a
 *   published figure: the initial total grows by one person-day per band; a surveillance is half the
 *   initial total and a recertification two thirds of it (the ratios of the indicative row, which are
 *   also IAF MD5's shape: surveillance about 1/3 to 1/2, recertification 2/3); the on-site part is two
 *   thirds of each total. Every figure is rounded to the nearest half day. These three rules
 *   reproduce the indicative row exactly; a unit test recomputes every extrapolated band from them.
 * - perOutletOnSite 0.5: the same secondary sources: each fixed service outlet needs at least half a
 *   person-day on site. It is added for each outlet visited (the sample), on top of the band.
 * - Adjustments and their bounds: at most 30% reduction in all is IAF MD5's bound for management
 *   system audits, used here as the platform's default; the increase bound (50%) and each code's
 *   maximum are this platform's defaults. A body sets its own in its own table version.
 */
const effort = (total: number, onSite: number): Effort => ({ total, onSite });

const extrapolated = (minEmployees: number, maxEmployees: number | null, initial: Effort, surveillance: Effort, recertification: Effort): EmployeeBand => ({
  minEmployees,
  maxEmployees,
  effort: { initial, surveillance, recertification },
  origin: 'platform-extrapolation',
});

export const manDaysV1Data: ManDayTable = {
  version: 'man-days.v1',
  effectiveFrom: '2026-01-01',
  publisher: 'platform default',
  sources: [
    'Secondary sources on GB/T 27922-2011 certification practice: indicative effort for 1-10 employees and at least 0.5 on-site person-day per fixed service outlet (shared/docs/reporting.md)',
    'IAF MD5 (audit time for QMS/EMS): reductions bounded at 30%, surveillance and recertification as fractions of the initial audit',
    'Bands above 10 employees: platform extrapolation (libs/audit-programme/src/man-days/data/man-days-v1.ts)',
  ],
  bands: [
    { minEmployees: 1, maxEmployees: 10, effort: { initial: effort(3, 2), surveillance: effort(1.5, 1), recertification: effort(2, 1.5) }, origin: 'indicative-table' },
    extrapolated(11, 50, effort(4, 2.5), effort(2, 1.5), effort(2.5, 1.5)),
    extrapolated(51, 200, effort(5, 3.5), effort(2.5, 1.5), effort(3.5, 2.5)),
    extrapolated(201, 500, effort(6, 4), effort(3, 2), effort(4, 2.5)),
    extrapolated(501, 1000, effort(7, 4.5), effort(3.5, 2.5), effort(4.5, 3)),
    extrapolated(1001, null, effort(8, 5.5), effort(4, 2.5), effort(5.5, 3.5)),
  ],
  perOutletOnSite: 0.5,
  adjustments: [
    { code: 'complex-products', maxPercent: 20 },
    { code: 'many-product-categories', maxPercent: 20 },
    { code: 'complaints-received', maxPercent: 20 },
    { code: 'previous-major-nonconformities', maxPercent: 20 },
    { code: 'interpreter-needed', maxPercent: 20 },
    { code: 'narrow-scope', maxPercent: 10 },
    { code: 'other-certification-recognised', maxPercent: 20 },
    { code: 'no-nonconformities-last-audit', maxPercent: 10 },
  ],
  maxReductionPercent: 30,
  maxIncreasePercent: 50,
};
