import { createHash } from 'node:crypto';
import { Workbook } from 'exceljs';
import { REPORT_KINDS, sheetOf, type ReportKind, type ReportTemplate } from './report-template';
import { formatRow, type Cell, type RawValue, type ReportProblem } from './report-values';

/** A record as the workbook takes it: which record it is, and its values by field. */
export interface ReportRow {
  readonly reference: string;
  readonly fields: Readonly<Record<string, RawValue>>;
}

export interface BuiltReport {
  readonly file: Buffer;
  /** sha256 of the file, hex. */
  readonly checksum: string;
  /** Per kind: rows written, and records left out for their problems. */
  readonly counts: Record<ReportKind, { exported: number; withProblems: number }>;
  readonly problems: ReportProblem[];
  /** The rows written, per kind, in column order (what a reader of the file sees). */
  readonly rows: Record<ReportKind, Cell[][]>;
}

/**
 * The monthly workbook: one sheet per kind, named and headed exactly as the template says, in its
 * column order; each record formatted and checked first (report-values.ts). A record with any
 * problem is listed with its problems and left out of the sheet: the authority's upload refuses
 * a file with a bad row, and a half-right row is worse than a missing one that staff can see.
 */
export async function buildReport(template: ReportTemplate, records: Readonly<Record<ReportKind, readonly ReportRow[]>>): Promise<BuiltReport> {
  const workbook = new Workbook();
  workbook.creator = template.id;
  // Fixed, so the same records and template make the same file, bar the archive's own timestamps.
  workbook.created = workbook.modified = new Date(0);
  const problems: ReportProblem[] = [];
  const counts = {} as BuiltReport['counts'];
  const rows = {} as BuiltReport['rows'];
  for (const kind of REPORT_KINDS) {
    const sheet = sheetOf(template, kind);
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
    rows[kind] = [];
    counts[kind] = { exported: 0, withProblems: 0 };
    for (const record of records[kind]) {
      const row = formatRow(sheet, record.fields, record.reference, template.dateFormat);
      if (row.problems.length > 0) {
        problems.push(...row.problems);
        counts[kind].withProblems++;
        continue;
      }
      // Every cell a string except numbers: a credit code or a date must not become a number or a date serial.
      worksheet.addRow(row.cells).eachCell((cell) => {
        if (typeof cell.value === 'string') cell.numFmt = '@';
      });
      rows[kind].push(row.cells);
      counts[kind].exported++;
    }
    worksheet.columns.forEach((column, i) => {
      column.width = Math.min(60, Math.max(10, [...(sheet.columns[i]?.header ?? '')].length * 2 + 2));
    });
  }
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  return { file, checksum: createHash('sha256').update(file).digest('hex'), counts, problems, rows };
}

/** A workbook's sheets read back: per sheet name, its rows of cell values (header first). */
export async function readWorkbook(file: Buffer): Promise<Map<string, Cell[][]>> {
  const workbook = new Workbook();
  await workbook.xlsx.load(file as never);
  const sheets = new Map<string, Cell[][]>();
  workbook.eachSheet((worksheet) => {
    const rows: Cell[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(Array.from({ length: worksheet.columnCount }, (_, i) => (values[i] ?? null) as Cell));
    });
    sheets.set(worksheet.name, rows);
  });
  return sheets;
}
