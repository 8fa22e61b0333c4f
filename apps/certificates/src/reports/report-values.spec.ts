import { CNCA_MONTHLY_V1 } from './cnca-monthly.v1';
import { reportTemplateSchema, sheetOf, type ReportColumn } from './report-template';
import { formatCell, formatDate, formatRow, identifier, trimmed } from './report-values';

const column = (c: Partial<ReportColumn>): ReportColumn => ({ field: 'f', header: 'H', format: 'text', required: true, ...c });

describe('report values: trimmed, identifiers upper case without spaces, codes, dates, lengths', () => {
  it('trims and folds inner white space; identifiers lose every space and go upper case (full-width too)', () => {
    expect(trimmed('  福州  某某\n公司 ')).toBe('福州 某某 公司');
    expect(identifier(' gbt27922-2027 000001-32 ')).toBe('GBT27922-2027000001-32');
    expect(identifier('９１３５０１００ｍ')).toBe('91350100M');
  });

  it('writes dates in the template format, an instant as its Shanghai day', () => {
    expect(formatDate('2027-01-31T16:30:00.000Z', 'YYYY-MM-DD')).toBe('2027-02-01');
    expect(formatDate('2027-02-01', 'YYYYMMDD')).toBe('20270201');
    expect(formatDate('2027-02-01', 'YYYY/MM/DD')).toBe('2027/02/01');
    expect(formatDate('2027-02-30', 'YYYY-MM-DD')).toBeNull();
    expect(formatDate('1 Feb 2027', 'YYYY-MM-DD')).toBeNull();
  });

  it('maps our codes to the authority\'s and passes its own; anything else is a problem', () => {
    const mode = column({ format: 'code', codes: { 'on-site': 'FS01', remote: 'FS02', combined: 'FS03' } });
    expect(formatCell(mode, 'combined', 'YYYY-MM-DD')).toEqual({ cell: 'FS03' });
    expect(formatCell(mode, 'FS02', 'YYYY-MM-DD')).toEqual({ cell: 'FS02' });
    expect(formatCell(mode, 'video', 'YYYY-MM-DD').problem).toEqual({ code: 'report.unknown-code', params: { column: 'H', value: 'video' } });
  });

  it('counts length in characters, as people do, and reports a value over it', () => {
    const name = column({ maxLength: 4 });
    expect(formatCell(name, '福州公司', 'YYYY-MM-DD')).toEqual({ cell: '福州公司' });
    expect(formatCell(name, '𠀀𠀀𠀀𠀀', 'YYYY-MM-DD')).toEqual({ cell: '𠀀𠀀𠀀𠀀' });
    expect(formatCell(name, '福州某某公司', 'YYYY-MM-DD').problem).toEqual({ code: 'report.too-long', params: { column: 'H', length: '6', max: '4' } });
  });

  it('a required value that is missing or only white space is a problem; an optional one is an empty cell', () => {
    expect(formatCell(column({}), '   ', 'YYYY-MM-DD').problem?.code).toBe('report.required-missing');
    expect(formatCell(column({}), null, 'YYYY-MM-DD').problem?.code).toBe('report.required-missing');
    expect(formatCell(column({ required: false }), undefined, 'YYYY-MM-DD')).toEqual({ cell: null });
    expect(formatCell(column({ format: 'number' }), 'abc', 'YYYY-MM-DD').problem?.code).toBe('report.bad-number');
    expect(formatCell(column({ format: 'number' }), 87.5, 'YYYY-MM-DD')).toEqual({ cell: 87.5 });
  });

  it('a row keeps the sheet\'s column order and lists every problem with its record', () => {
    const sheet = sheetOf(CNCA_MONTHLY_V1, 'status-changes');
    const row = formatRow(sheet, { certificateNumber: 'x-1', bodyId: 'cnca-r', accreditation: 'none', organisationName: '', creditCode: '91350100M000100Y43', change: 'suspended', changedOn: 'soon' }, 'X-1', 'YYYY-MM-DD');
    expect(row.problems.map((p) => [p.kind, p.record, p.code, p.params.column])).toEqual([
      ['status-changes', 'X-1', 'report.required-missing', 'ORGNAME'],
      ['status-changes', 'X-1', 'report.bad-date', '变化日期'],
    ]);
    expect(row.cells.slice(0, 3)).toEqual(['X-1', 'CNCA-R', '00']);
  });

  it('the default template is valid data: one sheet per kind, the known columns as the sources give them', () => {
    const template = reportTemplateSchema.parse(JSON.parse(JSON.stringify(CNCA_MONTHLY_V1)));
    expect(template.sheets.map((s) => s.kind).sort()).toEqual(['audit-plans', 'audit-results', 'certificates', 'status-changes']);
    const certificates = sheetOf(template, 'certificates').columns;
    expect(certificates.find((c) => c.header === 'AUDORGID')?.maxLength).toBe(20);
    expect(certificates.find((c) => c.header === 'ORGNAME')?.maxLength).toBe(250);
    expect(sheetOf(template, 'audit-plans').columns.find((c) => c.field === 'auditMode')?.codes).toEqual({ 'on-site': 'FS01', remote: 'FS02', combined: 'FS03' });
    expect(() => reportTemplateSchema.parse({ ...template, sheets: template.sheets.slice(1) })).toThrow();
  });
});
