/**
 * What can be wrong with a record of the monthly report to the regulator (the certificates
 * service's reports, ADR 0029): codes with parameters (`column`, and `value`, `length`, `max`
 * where they apply) that the console words in zh and en, like reason codes.
 */
export const REPORT_PROBLEM_CODES = ['report.required-missing', 'report.too-long', 'report.unknown-code', 'report.bad-date', 'report.bad-number'] as const;
export type ReportProblemCode = (typeof REPORT_PROBLEM_CODES)[number];

/** The four kinds of record the monthly report has, one sheet each. */
export const REPORT_KINDS = ['audit-plans', 'certificates', 'audit-results', 'status-changes'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
