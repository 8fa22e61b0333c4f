import { REPORT_KINDS, REPORT_PROBLEM_CODES } from '@gbt/contracts';
import { fill as t, loadMessages as load } from './message-files';

/**
 * The reports page (apps/console/src/pages/reports.tsx) words each problem of a monthly report from
 * its code and parameters, and names each sheet's kind: every one in zh and en.
 */
describe('the monthly report\'s problems in the console', () => {
  const zh = load('messages-zh.tsx', 'ZH');
  const en = load('messages-en.tsx', 'EN');

  it('words every problem code and names every kind, in zh and en', () => {
    for (const key of [...REPORT_PROBLEM_CODES.map((c) => `reports.problem.${c}`), ...REPORT_KINDS.map((k) => `reports.kind.${k}`)]) {
      expect({ key, zh: !!zh[key], en: !!en[key] }).toEqual({ key, zh: true, en: true });
    }
  });

  it('fills in the column and the limits', () => {
    const params = { column: 'ORGNAME', length: '251', max: '250' };
    expect(t(zh, 'reports.problem.report.too-long', params)).toBe('“ORGNAME”长度 251，超过上限 250');
    expect(t(en, 'reports.problem.report.too-long', params)).toBe('"ORGNAME" has 251 characters, more than 250');
  });
});
