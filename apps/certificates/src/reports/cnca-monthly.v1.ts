import type { ReportTemplate } from './report-template';

/**
 * The default layout of the monthly report to the national certification authority (CNCA),
 * from what is publicly known (../shared/docs/reporting.md): four sheets, values trimmed,
 * identifiers upper case without spaces, audit mode FS01 on-site / FS02 remote / FS03 combined,
 * the body's approval number AUDORGID (20), the accreditation flag AUDFLAG (01 CNAS, 00 none), the
 * organisation name ORGNAME (250). Every column marked `assumed` (sheet names, most headers and
 * their order, lengths other than those three, and the words used as codes) is not confirmed by
 * a public source: a body replaces this with the authority's current template as a JSON file
 * (REPORT_TEMPLATE_FILE, same shape), without a code change.
 */
const status = { valid: '有效', suspended: '暂停', withdrawn: '撤销', cancelled: '注销', expired: '过期', superseded: '换证' };
const mode = { 'on-site': 'FS01', remote: 'FS02', combined: 'FS03' };
const level = { compliant: '达标级', 'three-star': '三星级', 'four-star': '四星级', 'five-star': '五星级' };

const body = [
  { field: 'bodyId', header: 'AUDORGID', format: 'identifier', required: true, maxLength: 20 },
  { field: 'accreditation', header: 'AUDFLAG', format: 'code', required: true, codes: { cnas: '01', none: '00' } },
] as const;
const organisation = [
  { field: 'organisationName', header: 'ORGNAME', format: 'text', required: true, maxLength: 250 },
  { field: 'creditCode', header: '统一社会信用代码', format: 'identifier', required: true, maxLength: 18, assumed: true },
] as const;

export const CNCA_MONTHLY_V1: ReportTemplate = {
  id: 'cnca-monthly',
  version: '2021-09.v1',
  dateFormat: 'YYYY-MM-DD',
  sheets: [
    {
      kind: 'audit-plans',
      name: '审核计划',
      columns: [
        { field: 'planNumber', header: '审核计划编号', format: 'identifier', required: true, maxLength: 30, assumed: true },
        ...body,
        ...organisation,
        { field: 'applicationNumber', header: '认证申请编号', format: 'identifier', required: true, maxLength: 60, assumed: true },
        { field: 'standard', header: '认证依据', format: 'text', required: true, maxLength: 100, assumed: true },
        { field: 'auditType', header: '审核类型', format: 'code', required: true, codes: { initial: '初次认证', surveillance: '监督审核', recertification: '再认证' }, assumed: true },
        { field: 'auditMode', header: '审核方式', format: 'code', required: true, codes: mode },
        { field: 'plannedFrom', header: '计划开始日期', format: 'date', required: true, assumed: true },
        { field: 'plannedUntil', header: '计划结束日期', format: 'date', required: true, assumed: true },
      ],
    },
    {
      kind: 'certificates',
      name: '认证证书',
      columns: [
        { field: 'certificateNumber', header: '证书编号', format: 'identifier', required: true, maxLength: 60, assumed: true },
        ...body,
        ...organisation,
        { field: 'address', header: '组织地址', format: 'text', required: true, maxLength: 500, assumed: true },
        { field: 'standard', header: '认证依据', format: 'text', required: true, maxLength: 100, assumed: true },
        { field: 'scope', header: '认证范围', format: 'text', required: true, maxLength: 1000, assumed: true },
        { field: 'level', header: '认证等级', format: 'code', required: true, codes: level, assumed: true },
        { field: 'issuedOn', header: '颁证日期', format: 'date', required: true, assumed: true },
        { field: 'validUntil', header: '证书到期日期', format: 'date', required: true, assumed: true },
        { field: 'status', header: '证书状态', format: 'code', required: true, codes: status, assumed: true },
      ],
    },
    {
      kind: 'audit-results',
      name: '审核结果',
      columns: [
        { field: 'planNumber', header: '审核计划编号', format: 'identifier', required: true, maxLength: 30, assumed: true },
        ...body,
        ...organisation,
        { field: 'auditMode', header: '审核方式', format: 'code', required: true, codes: mode },
        { field: 'completedOn', header: '审核完成日期', format: 'date', required: true, assumed: true },
        { field: 'score', header: '评价得分', format: 'number', required: true, assumed: true },
        { field: 'level', header: '评价等级', format: 'code', required: false, codes: level, assumed: true },
        { field: 'conclusion', header: '审核结论', format: 'code', required: true, codes: { passed: '通过', failed: '不通过' }, assumed: true },
      ],
    },
    {
      kind: 'status-changes',
      name: '证书状态变化',
      columns: [
        { field: 'certificateNumber', header: '证书编号', format: 'identifier', required: true, maxLength: 60, assumed: true },
        ...body,
        ...organisation,
        {
          field: 'change',
          header: '变化类型',
          format: 'code',
          required: true,
          codes: { suspended: '暂停', reinstated: '恢复', withdrawn: '撤销', cancelled: '注销', expired: '过期', 'scope-extension': '扩大范围', 'scope-reduction': '缩小范围' },
          assumed: true,
        },
        { field: 'changedOn', header: '变化日期', format: 'date', required: true, assumed: true },
        { field: 'reason', header: '变化原因', format: 'text', required: false, maxLength: 500, assumed: true },
      ],
    },
  ],
};
