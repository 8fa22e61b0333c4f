import { fill as t, loadMessages as load } from './message-files';

/**
 * A decision the lifecycle rejects is shown in the console with its refusal code translated
 * (apps/console/src/case/decision.tsx): the message files are plain objects, loaded here as the
 * browser gets them, and the sentence is built as i18n.tsx's `t` builds it.
 */

/** What decision.tsx shows for a rejected grant: the translated refusal (the bare code when untranslated) and the voided number. */
const rejected = (dict: Record<string, string>, code: string, number: string) =>
  [t(dict, 'decision.answerRejected', { why: dict[`error.${code}`] ?? code }), t(dict, 'decision.numberVoided', { number })].join(' · ');

// The refusals of grant-certification and deny-certification in libs/certification/src/decide-evaluation.ts.
const DECISION_REFUSALS = ['WrongEvaluationPhase', 'EvaluatorCannotDecide', 'ConflictOfInterest', 'ScorecardMismatch', 'LevelNotSupported', 'NotAllowedInState'];

describe('a rejected decision in the console', () => {
  const zh = load('messages-zh.tsx', 'ZH');
  const en = load('messages-en.tsx', 'EN');

  it('translates every code a decision can be refused with, in zh and en', () => {
    for (const code of DECISION_REFUSALS) {
      expect({ code, zh: !!zh[`error.${code}`], en: !!en[`error.${code}`] }).toEqual({ code, zh: true, en: true });
    }
  });

  it('says the decision was rejected, why, and that its number was voided', () => {
    expect(rejected(zh, 'ConflictOfInterest', 'GBT27922-2027-000001-32')).toBe('认证流程拒绝了此决定：存在利益冲突，不能参与此案件。 · 证书编号 GBT27922-2027-000001-32 已作废，不再使用');
    expect(rejected(en, 'ConflictOfInterest', 'GBT27922-2027-000001-32')).toBe(
      'rejected by the lifecycle: A conflict of interest bars you from this case. · number GBT27922-2027-000001-32 voided, never used',
    );
  });
});
