import { shanghaiDate } from '@gbt/certificate-core';
import type { ReportProblemCode } from '@gbt/contracts';
import type { ReportColumn, ReportKind, ReportSheet, ReportTemplate } from './report-template';

export type RawValue = string | number | null | undefined;
export type Cell = string | number | null;


export interface ReportProblem {
  readonly kind: ReportKind;
  /** Which record: a certificate or plan number, else the case id. */
  readonly record: string;
  readonly code: ReportProblemCode;
  /** `column` (the header), and `value`, `length`, `max` where they apply. */
  readonly params: Readonly<Record<string, string>>;
}

type CellResult = { readonly cell: Cell; readonly problem?: { code: ReportProblemCode; params: Record<string, string> } };

/** Trimmed, with inner runs of white space made one space (a pasted name's line breaks included). */
export const trimmed = (value: string) => value.replace(/\s+/g, ' ').trim();

/** The authority's rule for identification and certificate numbers: letters upper case, no spaces. */
export const identifier = (value: string) => value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date as the template writes it; an instant is the day it falls on in Asia/Shanghai (ADR 0026). */
export function formatDate(value: string, format: ReportTemplate['dateFormat']): string | null {
  const text = value.trim();
  let day: string;
  if (DATE.test(text)) day = text;
  else if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) day = shanghaiDate(text);
  else return null;
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return null;
  if (format === 'YYYYMMDD') return day.replace(/-/g, '');
  if (format === 'YYYY/MM/DD') return day.replace(/-/g, '/');
  return day;
}

/** One value written as its column says, or the problem that keeps it out. */
export function formatCell(column: ReportColumn, raw: RawValue, dateFormat: ReportTemplate['dateFormat']): CellResult {
  const at = { column: column.header };
  const text = raw === null || raw === undefined ? '' : trimmed(String(raw));
  if (!text) return column.required ? { cell: null, problem: { code: 'report.required-missing', params: at } } : { cell: null };
  let cell: Cell;
  switch (column.format) {
    case 'text':
      cell = text;
      break;
    case 'identifier':
      cell = identifier(text);
      break;
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(n)) return { cell: null, problem: { code: 'report.bad-number', params: { ...at, value: text } } };
      return { cell: n };
    }
    case 'date': {
      const date = formatDate(text, dateFormat);
      if (!date) return { cell: null, problem: { code: 'report.bad-date', params: { ...at, value: text } } };
      cell = date;
      break;
    }
    case 'code': {
      const codes = column.codes ?? {};
      const code = codes[text] ?? (Object.values(codes).includes(text) ? text : undefined);
      if (code === undefined) return { cell: null, problem: { code: 'report.unknown-code', params: { ...at, value: text } } };
      cell = code;
      break;
    }
  }
  // Length in characters as people count them (a Chinese character is one), not UTF-16 units.
  const length = [...cell].length;
  if (column.maxLength !== undefined && length > column.maxLength) {
    return { cell: null, problem: { code: 'report.too-long', params: { ...at, length: String(length), max: String(column.maxLength) } } };
  }
  return { cell };
}

/** A record's row in the sheet's column order, or every problem it has (then it is listed, not exported). */
export function formatRow(sheet: ReportSheet, fields: Readonly<Record<string, RawValue>>, record: string, dateFormat: ReportTemplate['dateFormat']): { cells: Cell[]; problems: ReportProblem[] } {
  const cells: Cell[] = [];
  const problems: ReportProblem[] = [];
  for (const column of sheet.columns) {
    const { cell, problem } = formatCell(column, fields[column.field], dateFormat);
    cells.push(cell);
    if (problem) problems.push({ kind: sheet.kind, record, ...problem });
  }
  return { cells, problems };
}
