import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { REPORT_KINDS, type ReportKind } from '@gbt/contracts';

export { REPORT_KINDS, type ReportKind } from '@gbt/contracts';

/**
 * How a value is written: `text` trimmed; `identifier` trimmed, upper case, no spaces (numbers,
 * credit codes: the authority's rule); `date` in the template's date format (Asia/Shanghai);
 * `code` our value looked up in `codes` (ours -> the authority's), or already one of its codes;
 * `number` as it is.
 */
export const COLUMN_FORMATS = ['text', 'identifier', 'date', 'code', 'number'] as const;

const columnSchema = z.strictObject({
  /** The field of a report record this column shows (report-feed.ts names them). */
  field: z.string().min(1),
  /** Exactly as the authority's template has it: headers must not change. */
  header: z.string().min(1),
  format: z.enum(COLUMN_FORMATS),
  required: z.boolean(),
  maxLength: z.number().int().positive().optional(),
  /** For `code`: our value -> the authority's code. A value already among the codes passes as it is. */
  codes: z.record(z.string(), z.string()).optional(),
  /** Not confirmed by a public source: check against the authority's current template. */
  assumed: z.boolean().optional(),
});

const sheetSchema = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  /** The sheet's name in the workbook, exactly as the authority's template has it. */
  name: z.string().min(1).max(31),
  columns: z.array(columnSchema).min(1),
});

export const reportTemplateSchema = z
  .strictObject({
    id: z.string().min(1),
    /** Recorded with each generated report, so one knows which layout a file follows. */
    version: z.string().min(1),
    /** How `date` columns are written. */
    dateFormat: z.enum(['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD']),
    sheets: z.array(sheetSchema).length(REPORT_KINDS.length),
  })
  .refine((t) => REPORT_KINDS.every((k) => t.sheets.some((s) => s.kind === k)), { message: 'the template needs one sheet for each kind: ' + REPORT_KINDS.join(', ') });

export type ReportTemplate = z.infer<typeof reportTemplateSchema>;
export type ReportSheet = ReportTemplate['sheets'][number];
export type ReportColumn = ReportSheet['columns'][number];

/** A template from a JSON file (REPORT_TEMPLATE_FILE): a body matches the authority's current layout without a code change. */
export function loadReportTemplate(file: string): ReportTemplate {
  const parsed = reportTemplateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`report template ${file} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const sheetOf = (template: ReportTemplate, kind: ReportKind): ReportSheet => {
  const sheet = template.sheets.find((s) => s.kind === kind);
  if (!sheet) throw new Error(`template ${template.id} ${template.version} has no ${kind} sheet`);
  return sheet;
};
