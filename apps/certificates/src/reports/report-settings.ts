import { CNCA_MONTHLY_V1 } from './cnca-monthly.v1';
import { loadReportTemplate, type ReportTemplate } from './report-template';

export const REPORT_SETTINGS = Symbol('REPORT_SETTINGS');

export interface ReportSettings {
  /** The monthly report's layout: the default, or the authority's current one from REPORT_TEMPLATE_FILE. */
  readonly template: ReportTemplate;
  /** The body's approval number (AUDORGID). */
  readonly bodyId: string;
  /** The body's 4-digit sequence and 2-digit branch code that begin audit plan numbers. */
  readonly bodySequence: string;
  readonly branchCode: string;
  /** The accreditation flag (AUDFLAG): `cnas` (01) or `none` (00). */
  readonly accreditation: 'cnas' | 'none';
  /** Accreditation body named in the IAF CertSearch export (a GB/T 27922 body is usually accredited by CNAS, if at all). */
  readonly accreditationBody: { readonly name: string; readonly acronym: string };
  /** The country in the IAF export's addresses (ISO 3166-1 alpha-2). */
  readonly country: string;
  /** Working days before the 10th on which staff are reminded that the month's report is due. */
  readonly reminderWorkingDays: number;
}

const digits = (value: string | undefined, length: number, fallback: string, name: string) => {
  const text = (value ?? fallback).trim();
  if (!new RegExp(`^\\d{${length}}$`).test(text)) throw new Error(`${name} must be ${length} digits, not "${value}"`);
  return text;
};

export function reportSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReportSettings {
  const reminder = Number(env.REPORT_REMINDER_WORKING_DAYS ?? 3);
  if (!Number.isInteger(reminder) || reminder < 1 || reminder > 7) throw new Error(`REPORT_REMINDER_WORKING_DAYS must be 1 to 7, not "${env.REPORT_REMINDER_WORKING_DAYS}"`);
  return {
    template: env.REPORT_TEMPLATE_FILE ? loadReportTemplate(env.REPORT_TEMPLATE_FILE) : CNCA_MONTHLY_V1,
    bodyId: env.REPORT_BODY_ID ?? 'CNCA-R-2027-000',
    bodySequence: digits(env.REPORT_BODY_SEQUENCE, 4, '0000', 'REPORT_BODY_SEQUENCE'),
    branchCode: digits(env.REPORT_BRANCH_CODE, 2, '00', 'REPORT_BRANCH_CODE'),
    accreditation: env.REPORT_ACCREDITATION === 'cnas' ? 'cnas' : 'none',
    accreditationBody: { name: env.REPORT_ACCREDITATION_BODY ?? 'China National Accreditation Service for Conformity Assessment', acronym: env.REPORT_ACCREDITATION_BODY_ACRONYM ?? 'CNAS' },
    country: env.REPORT_COUNTRY ?? 'CN',
    reminderWorkingDays: reminder,
  };
}
