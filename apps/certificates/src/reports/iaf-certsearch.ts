import { z } from 'zod';
import { certificateDates, certificateStanding } from '@gbt/certificate-core';
import type { RegistryEntry } from '../registry/registry-entry';
import { STANDARD, scopeText } from './report-feed';
import type { ReportHolder } from './report-records.model';
import type { ReportSettings } from './report-settings';

/**
 * The IAF CertSearch certificate layout, from its public upload documentation
 * (../shared/docs/reporting.md): field names, the mandatory ones, the status vocabulary, dates as
 * YYYYMMDD and the published length limits (certificate number 60, status 45, entity unique id
 * 45, entity name 300). Limits the documentation does not give are not enforced. Offered as an
 * export to upload by hand: IAF's mandatory upload binds management-system bodies, not a GB/T
 * 27922 service scheme.
 */
export const IAF_STATUSES = ['active', 'inactive', 'suspended', 'cancelled', 'hidden', 'withdrawn', 'expired'] as const;

const yyyymmdd = z.string().regex(/^\d{8}$/, 'a date as YYYYMMDD');
const required = (max?: number) => (max ? z.string().trim().min(1).max(max) : z.string().trim().min(1));

export const iafSiteSchema = z.strictObject({
  street: required(),
  city: required(),
  state: z.string(),
  country: required(),
  postcode: z.string(),
  scope_description: z.string(),
});

export const iafCertificateSchema = z.strictObject({
  certificate_number: required(60),
  /** Every word of the vocabulary is within the published limit of 45. */
  certification_status: z.enum(IAF_STATUSES),
  certificate_accreditation_status: z.enum(['Accredited', 'Unaccredited']),
  certification_type: required(),
  certificate_issue_date: yyyymmdd,
  certificate_expiry_date: yyyymmdd,
  certified_entity_name: required(300),
  certified_entity_unique_id: required(45),
  certified_entity_street_address: required(),
  certified_entity_city: required(),
  certified_entity_country: required(),
  accreditation_body_name: required(),
  accreditation_body_acronym: required(),
  schemes: z.array(required()).min(1),
  /** Not in the mandatory list; our scope text (product and service categories). */
  scope_description: z.string(),
  sites: z.array(iafSiteSchema),
});
export type IafCertificate = z.infer<typeof iafCertificateSchema>;

/** The registry's statuses in IAF's words: a certificate replaced at recertification is `inactive` (IAF has no "superseded"). */
export const IAF_STATUS_OF = { valid: 'active', suspended: 'suspended', withdrawn: 'withdrawn', cancelled: 'cancelled', expired: 'expired', superseded: 'inactive' } as const;

/** What keeps a certificate out of the export: a field missing or longer than IAF allows. */
export interface IafProblem {
  readonly number: string;
  readonly code: 'iaf.required-missing' | 'iaf.too-long' | 'iaf.invalid';
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The city of an address: the `...市` of a Chinese one (after its province, if any), else the last
 * comma-separated part of a Latin one ("1 Wusi Road, Fuzhou"). Empty when neither is found: the
 * record is then reported, not guessed.
 */
export function cityOf(address: string): string {
  const text = address.trim();
  const chinese = /^(?:[^省市]{2,8}省|[^区]{2,10}自治区)?([^省市]{1,10}市)/.exec(text);
  if (chinese?.[1]) return chinese[1];
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 && !/[\u4e00-\u9fff]/.test(text) ? (parts.at(-1) ?? '') : '';
}

const streetOf = (address: string, city: string) => {
  const text = address.trim();
  return city && text.endsWith(`, ${city}`) ? text.slice(0, -(city.length + 2)) : text;
};

const compactDate = (day: string) => day.replace(/-/g, '');

/** A registry entry in IAF's layout; `holder` gives the address and outlets (the registry keeps neither). */
export function iafCertificate(entry: RegistryEntry, holder: ReportHolder | null, settings: Pick<ReportSettings, 'accreditation' | 'accreditationBody' | 'country'>, now: Date): IafCertificate {
  const dates = certificateDates(entry);
  const address = holder?.address ?? '';
  const city = cityOf(address);
  const outlets = new Map((holder?.outlets ?? []).map((o) => [o.name, o.address]));
  const sites = entry.scope.outlets.flatMap((name) => {
    const at = outlets.get(name);
    if (!at) return [];
    const siteCity = cityOf(at);
    return [{ street: streetOf(at, siteCity), city: siteCity, state: '', country: settings.country, postcode: '', scope_description: name }];
  });
  return {
    certificate_number: entry._id,
    certification_status: IAF_STATUS_OF[certificateStanding(entry, now).status],
    certificate_accreditation_status: settings.accreditation === 'cnas' ? 'Accredited' : 'Unaccredited',
    certification_type: 'Service',
    certificate_issue_date: compactDate(dates.validFrom),
    certificate_expiry_date: compactDate(dates.validUntil),
    certified_entity_name: entry.holder.name.trim(),
    certified_entity_unique_id: entry.holder.creditCode.trim().toUpperCase(),
    certified_entity_street_address: streetOf(address, city),
    certified_entity_city: city,
    certified_entity_country: settings.country,
    accreditation_body_name: settings.accreditationBody.name,
    accreditation_body_acronym: settings.accreditationBody.acronym,
    schemes: [STANDARD],
    scope_description: scopeText(entry.scope),
    sites,
  };
}

/** The certificate's problems against the published fields and limits; none means it may be exported. */
export function iafProblems(record: IafCertificate): IafProblem[] {
  const parsed = iafCertificateSchema.safeParse(record);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue): IafProblem => {
    const field = issue.path.join('.');
    const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k as string], record);
    if (issue.code === 'too_big' && typeof value === 'string') return { number: record.certificate_number, code: 'iaf.too-long', params: { field, length: String(value.length), max: String(issue.maximum) } };
    if (issue.code === 'too_small' || value === '' || value === undefined) return { number: record.certificate_number, code: 'iaf.required-missing', params: { field } };
    return { number: record.certificate_number, code: 'iaf.invalid', params: { field, detail: issue.message } };
  });
}

const CSV_COLUMNS = [...Object.keys(iafCertificateSchema.shape)] as (keyof IafCertificate)[];

/** The export as CSV: one row per certificate, schemes joined by `|`, sites as JSON (the layout's only nested field). */
export function iafCsv(records: readonly IafCertificate[]): string {
  const cell = (r: IafCertificate, k: keyof IafCertificate) => {
    const v = r[k];
    return k === 'schemes' ? (v as string[]).join('|') : k === 'sites' ? JSON.stringify(v) : String(v);
  };
  return toCsv(CSV_COLUMNS, records.map((r) => CSV_COLUMNS.map((k) => cell(r, k))));
}

/** RFC 4180: every field quoted, quotes doubled, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
  return [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}
