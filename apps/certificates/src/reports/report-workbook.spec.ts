import { createHash } from 'node:crypto';
import { CNCA_MONTHLY_V1 } from './cnca-monthly.v1';
import { buildReport, readWorkbook, type ReportRow } from './report-workbook';

const body = { bodyId: 'cnca-r-2027-001', accreditation: 'none' };
const org = { organisationName: ' 福州某某电器服务有限公司 ', creditCode: '91350100m000100y43' };

describe('the monthly workbook', () => {
  it('writes one sheet per kind with the template\'s names and headers; a broken record is listed, not written', async () => {
    const records: Record<string, ReportRow[]> = {
      'audit-plans': [{ reference: 'R00000027010001', fields: { ...body, ...org, planNumber: 'R00000027010001', applicationNumber: 'case-1', standard: 'GB/T 27922-2011', auditType: 'initial', auditMode: 'combined', plannedFrom: '2027-01-05T02:00:00Z', plannedUntil: '2027-01-20T02:00:00Z' } }],
      certificates: [
        { reference: 'GBT27922-2027-000001-32', fields: { ...body, ...org, certificateNumber: 'gbt27922-2027-000001-32', address: '福建省福州市', standard: 'GB/T 27922-2011', scope: '家用电器', level: 'five-star', issuedOn: '2027-01-25T02:00:00Z', validUntil: '2030-01-24', status: 'valid' } },
        { reference: 'GBT27922-2027-000002-31', fields: { ...body, ...org, organisationName: '长'.repeat(251), certificateNumber: 'GBT27922-2027-000002-31', address: '', standard: 'GB/T 27922-2011', scope: '家用电器', level: 'five-star', issuedOn: '2027-01-25', validUntil: '2030-01-24', status: 'valid' } },
      ],
      'audit-results': [],
      'status-changes': [],
    };
    const built = await buildReport(CNCA_MONTHLY_V1, records as never);
    expect(built.checksum).toBe(createHash('sha256').update(built.file).digest('hex'));
    expect(built.counts.certificates).toEqual({ exported: 1, withProblems: 1 });
    expect(built.problems).toEqual([
      { kind: 'certificates', record: 'GBT27922-2027-000002-31', code: 'report.too-long', params: { column: 'ORGNAME', length: '251', max: '250' } },
      { kind: 'certificates', record: 'GBT27922-2027-000002-31', code: 'report.required-missing', params: { column: '组织地址' } },
    ]);

    const sheets = await readWorkbook(built.file);
    expect([...sheets.keys()]).toEqual(CNCA_MONTHLY_V1.sheets.map((s) => s.name));
    const certificates = sheets.get('认证证书')!;
    expect(certificates[0]).toEqual(CNCA_MONTHLY_V1.sheets[1]!.columns.map((c) => c.header));
    expect(certificates.slice(1)).toEqual([['GBT27922-2027-000001-32', 'CNCA-R-2027-001', '00', '福州某某电器服务有限公司', '91350100M000100Y43', '福建省福州市', 'GB/T 27922-2011', '家用电器', '五星级', '2027-01-25', '2030-01-24', '有效']]);
    expect(sheets.get('审核计划')![1]).toEqual(['R00000027010001', 'CNCA-R-2027-001', '00', '福州某某电器服务有限公司', '91350100M000100Y43', 'CASE-1', 'GB/T 27922-2011', '初次认证', 'FS03', '2027-01-05', '2027-01-20']);
    expect(sheets.get('审核结果')).toHaveLength(1);
  });
});
