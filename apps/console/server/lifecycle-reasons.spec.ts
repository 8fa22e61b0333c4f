import { lifecycleReason } from '@gbt/contracts';
import { fill as t, loadMessages as load } from './message-files';

/**
 * A lifecycle reason on the case page and in the timeline (apps/console/src/case/lifecycle-reason.tsx):
 * a code the lifecycle wrote is put into words in the reader's language, a person's words inside it
 * quoted as written; without a code the reason is a person's words, shown as written and labelled.
 * The message files are loaded as the browser gets them and the words built as the hook builds them.
 */
const words = (dict: Record<string, string>, data: { reason: string; reasonCode?: string; reasonParams?: Record<string, string> }) => {
  const coded = lifecycleReason(data);
  if (!coded) return `“${data.reason}” ${dict['case.reasonOwnWords']}`;
  const { detail, ...params } = coded.params;
  return t(dict, `reason.${coded.code}`, detail === undefined ? params : { ...params, detail: t(dict, 'case.ownWords', { text: detail }) });
};

// Facts as libs/certification writes them (decide.spec.ts holds the decider to these), and their words in each language.
const FACTS = {
  failed: { reason: 'surveillance failed: 投诉未答复', reasonCode: 'certificate.suspended-surveillance-failed', reasonParams: { detail: '投诉未答复', until: '2028-02-06' } },
  unmaintained: { reason: 'surveillance found the service system not maintained', reasonCode: 'certificate.surveillance-failed-not-maintained', reasonParams: {} },
  overdue: { reason: 'surveillance overdue: it was due by 2028-02-24', reasonCode: 'certificate.suspended-surveillance-overdue', reasonParams: { dueBy: '2028-02-24', until: '2028-05-24' } },
  deadline: { reason: 'suspension deadline 2027-07-20 passed unresolved', reasonCode: 'certificate.withdrawn-deadline-passed', reasonParams: { deadline: '2027-07-20' } },
  recertification: { reason: 'recertification score 60 does not pass', reasonCode: 'case.recertification-denied-score', reasonParams: { score: '60' } },
  notCertified: { reason: 'score 60 with 1 special deduction(s) does not pass', reasonCode: 'case.not-certified-score', reasonParams: { score: '60', specialDeductions: '1' } },
};
const WORDED: Record<'zh' | 'en', Record<keyof typeof FACTS, string>> = {
  zh: {
    failed: '监督不合格，暂停，整改期限 2028-02-06：“投诉未答复”',
    unmaintained: '监督不合格：服务体系未有效保持',
    overdue: '监督逾期（应于 2028-02-24 前完成），暂停，期限 2028-05-24',
    deadline: '整改期限 2027-07-20 已过仍未解决，撤销',
    recertification: '再认证未获批准：得分 60 未达到通过要求',
    notCertified: '不予认证：得分 60（特殊扣分 1 项）未达到通过要求',
  },
  en: {
    failed: 'Suspended after a failed surveillance, to be fixed by 2028-02-06: “投诉未答复”',
    unmaintained: 'Surveillance failed: the service system was not maintained',
    overdue: 'Suspended: the surveillance due by 2028-02-24 was not done; deadline 2028-05-24',
    deadline: 'Withdrawn: the suspension deadline 2027-07-20 passed unresolved',
    recertification: 'Recertification denied: the score 60 does not pass',
    notCertified: 'Not certified: the score 60 (with 1 special deduction(s)) does not pass',
  },
};

describe('lifecycle reasons in the console', () => {
  const zh = load('messages-zh.tsx', 'ZH');
  const en = load('messages-en.tsx', 'EN');

  it.each([['zh', zh] as const, ['en', en] as const])('puts the reasons the lifecycle words itself into %s', (lang, dict) => {
    for (const [name, fact] of Object.entries(FACTS)) expect({ name, text: words(dict, fact) }).toEqual({ name, text: WORDED[lang][name as keyof typeof FACTS] });
  });

  it('leaves no English sentence in the Chinese words', () => {
    for (const fact of Object.values(FACTS)) expect(words(zh, fact)).not.toMatch(/[A-Za-z]{3,}/);
  });

  it("shows a person's reason as written, labelled as their words, in either language", () => {
    const suspendedByDecision = { reason: '投诉处理超时' };
    expect(words(zh, suspendedByDecision)).toBe('“投诉处理超时” （记录人原话）');
    expect(words(en, suspendedByDecision)).toBe('“投诉处理超时” (in the words of the person who recorded it)');
  });

  it('shows a fact stored before codes, or one whose parameters do not fit its code, as written', () => {
    expect(words(en, { reason: 'surveillance overdue: it was due by 2028-02-24' })).toBe('“surveillance overdue: it was due by 2028-02-24” (in the words of the person who recorded it)');
    expect(words(zh, { ...FACTS.overdue, reasonParams: { dueBy: '2028-02-24' } })).toBe('“surveillance overdue: it was due by 2028-02-24” （记录人原话）');
  });
});
