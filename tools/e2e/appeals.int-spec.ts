import { acceptApplication, CAST, currentVersion, draftWithEvidence, eventually, send, submitApplication, UnexpectedReply, waitForCase, waitForCertificate, waitForDecisionBasis, type Platform } from '../scenario';
import { BusinessCalendar, CHINA_PUBLIC_HOLIDAYS } from '@gbt/business-calendar';
import { DEFAULT_APPEAL_POLICY, shiftWorkingDays } from '../../apps/certificates/src/appeals/appeal-rules';
import { deniedCase } from './appeal-journeys';
import { startStack, type Stack } from './stack';

interface AppealView {
  appealId: string;
  status: string;
  acknowledgedOn: string;
  answerBy: string;
  grounds: string;
  handlerId: string | null;
  against: { kind: string; decidedBy: string };
  outcome: { reasons: string; decidedBy: string; remedy: string | null; requestId: string | null } | null;
  history: { type: string }[];
}
interface CaseAppeals {
  appealable: { kind: string; decidedOn: string; periodEndsOn: string } | null;
  notAllowed: { code: string } | null;
  appeals: AppealView[];
}

/**
 * Appeals (issue 19, ADR 0033) across every service over HTTP: a denial appealed, upheld by a
 * decision maker who took no part in the case, and decided again (granted) by someone other than
 * the one who denied it; another denial appealed, reminded about on the service clock, and dismissed.
 */
describe('appeals against decisions, across every service and real Kafka', () => {
  let stack: Stack;
  let p: Platform;
  // The demo's second decision maker, who took no part in these cases.
  const dora = 'dora.decider';

  beforeAll(async () => {
    stack = await startStack();
    p = stack.platform;
  }, 240_000);
  afterAll(() => stack?.stop(), 90_000);

  async function denied(name: string): Promise<string> {
    const caseId = await deniedCase(p, name);
    await eventually('the denial to be appealable', async () => (await appealsOf(caseId)).appealable?.kind === 'denial');
    return caseId;
  }
  const appealsOf = async (caseId: string) => (await send<CaseAppeals>(p, 'certificates', 'GET', `/cases/${caseId}/appeals`, { as: CAST.applicant, expect: 200 })).body;
  const lodge = async (caseId: string, grounds: string) =>
    (await send<AppealView>(p, 'certificates', 'POST', `/cases/${caseId}/appeals`, { as: CAST.applicant, json: { grounds }, expect: 201 })).body;
  const take = (caseId: string, appealId: string, as: string, expect: number | number[]) => send<AppealView>(p, 'certificates', 'POST', `/cases/${caseId}/appeals/${appealId}/handler`, { as, json: {}, expect });
  const answer = (caseId: string, appealId: string, as: string, outcome: 'upheld' | 'dismissed', reasons: string, expect: number) =>
    send<AppealView>(p, 'certificates', 'POST', `/cases/${caseId}/appeals/${appealId}/outcome`, { as, json: { outcome, reasons }, expect });

  it('upholds an appeal of a denial: the decision is reopened and granted by a different decision maker, with a new decision record', async () => {
    const caseId = await denied('厦门申诉 Appeal Xiamen (upheld)');
    const before = await appealsOf(caseId);
    expect(before).toMatchObject({ appealable: { kind: 'denial' }, notAllowed: null, appeals: [] });
    // A misspelt field is named, not ignored.
    const misspelt = await send(p, 'certificates', 'POST', `/cases/${caseId}/appeals`, { as: CAST.applicant, json: { grounds: 'x', grouds: 'x' }, expect: 400 });
    expect(JSON.stringify(misspelt.body)).toContain('grouds');

    const appeal = await lodge(caseId, '5.1.3 的证据被忽略了 the evidence for 5.1.3 was overlooked');
    expect(appeal).toMatchObject({ status: 'open', against: { kind: 'denial', decidedBy: CAST.decider }, handlerId: null, history: [{ type: 'appeals.appeal-lodged' }] });
    expect(appeal.acknowledgedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const again = await send(p, 'certificates', 'POST', `/cases/${caseId}/appeals`, { as: CAST.applicant, json: { grounds: 'again' }, expect: 409 });
    expect(again.body).toMatchObject({ code: 'AppealAlreadyOpen' });

    // Who took part may not handle it; nor may a reviewer (the access policy).
    expect((await take(caseId, appeal.appealId, CAST.decider, 403)).body).toMatchObject({ code: 'DeciderCannotHandleAppeal' });
    await take(caseId, appeal.appealId, CAST.reviewer, 403);
    // The certificates service learns of Dora from the directory's events a moment after she was added.
    const taken = await eventually('Dora to take the appeal', async () => {
      const r = await take(caseId, appeal.appealId, dora, [200, 403]);
      return r.status === 200 ? r.body : undefined;
    });
    expect(taken).toMatchObject({ handlerId: dora });
    const lists = (await send<{ open: { appealId: string }[]; mine: { appealId: string }[] }>(p, 'certificates', 'GET', '/appeals', { as: dora, expect: 200 })).body;
    expect(lists.mine.map((a) => a.appealId)).toContain(appeal.appealId);
    expect(lists.open.map((a) => a.appealId)).toContain(appeal.appealId);

    expect((await answer(caseId, appeal.appealId, CAST.decider, 'upheld', 'x', 403)).body).toMatchObject({ code: 'NotAppealHandler' });
    const upheld = (await answer(caseId, appeal.appealId, dora, 'upheld', '5.1.3 的证据充分 the evidence for 5.1.3 is sufficient', 200)).body;
    expect(upheld).toMatchObject({ status: 'upheld', outcome: { decidedBy: dora, remedy: 'decision-reopened', reasons: '5.1.3 的证据充分 the evidence for 5.1.3 is sufficient' } });
    const reopen = await eventually('the lifecycle to accept the reopening', async () => {
      const r = (await send(p, 'certificates', 'GET', `/cases/${caseId}/requests/${upheld.outcome?.requestId}`, { as: CAST.applicant, expect: 200 })).body;
      return r.status !== 'requested' ? r : undefined;
    });
    expect(reopen).toMatchObject({ status: 'accepted', requested: 'certificates.reopen-decision' });
    await waitForCase(p, CAST.applicant, caseId, 'to wait for a decision again', (c) => c.status === 'decision-pending');
    const closed = (await send<{ open: { appealId: string }[] }>(p, 'certificates', 'GET', '/appeals', { as: dora, expect: 200 })).body;
    expect(closed.open.map((a) => a.appealId)).not.toContain(appeal.appealId);

    // The one who denied it may not decide again; another decision maker grants.
    const basis = await waitForDecisionBasis(p, dora, caseId);
    const hashes = { scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash };
    const byDan = await send(p, 'certificates', 'POST', `/cases/${caseId}/decision`, { as: CAST.decider, json: { outcome: 'grant', level: basis.score?.level, reasons: 'x', ...hashes }, expect: 403 });
    expect(byDan.body).toMatchObject({ code: 'OriginalDeciderCannotRedecide' });
    const granted = await send(p, 'certificates', 'POST', `/cases/${caseId}/decision`, {
      as: dora,
      json: { outcome: 'grant', level: basis.score?.level, reasons: '申诉成立后重新决定 decided again after the upheld appeal', ...hashes },
      expect: 201,
    });
    const number = granted.body.certificateNumber as string;
    await waitForCertificate(p, CAST.applicant, caseId, number);
    const after = (await send<{ decisions: { outcome: string; decidedBy: string; setAside: string | null; scorecardHash: string }[] }>(p, 'certificates', 'GET', `/cases/${caseId}/decision-basis`, { as: dora, expect: 200 })).body;
    expect(after.decisions).toEqual([
      expect.objectContaining({ outcome: 'deny', decidedBy: CAST.decider, setAside: appeal.appealId }),
      expect.objectContaining({ outcome: 'grant', decidedBy: dora, setAside: null, scorecardHash: basis.scorecard.hash }),
    ]);
    // The appellant reads the outcome with its reasons; the granted level is now what the case stands on.
    const seen = await appealsOf(caseId);
    expect(seen.appeals).toEqual([expect.objectContaining({ status: 'upheld', outcome: expect.objectContaining({ reasons: '5.1.3 的证据充分 the evidence for 5.1.3 is sufficient' }) })]);
    await eventually('the level granted to be appealable', async () => (await appealsOf(caseId)).appealable?.kind === 'level');
  }, 420_000);

  it('dismisses an appeal of a denial after the reminder before its deadline: the decision stands', async () => {
    const caseId = await denied('厦门申诉 Appeal Xiamen (dismissed)');
    const appeal = await lodge(caseId, '评分过严 the scoring was too strict');
    await take(caseId, appeal.appealId, dora, 200);

    // The service clock reaches the reminder day: five working days of the business calendar before the answer is due.
    const calendar = new BusinessCalendar(CHINA_PUBLIC_HOLIDAYS);
    const remindOn = shiftWorkingDays(appeal.answerBy, -DEFAULT_APPEAL_POLICY.reminderWorkingDays, (date) => calendar.isWorkingDay(date));
    await stack.setNow(new Date(new Date(`${remindOn}T00:00:00+08:00`).getTime() + 3_600_000));
    await eventually('the answer reminder', async () => (await appealsOf(caseId)).appeals[0]?.history.some((h) => h.type === 'appeals.answer-reminder'));

    const dismissed = (await answer(caseId, appeal.appealId, dora, 'dismissed', '评分符合规则 the scoring follows the rules', 200)).body;
    expect(dismissed).toMatchObject({ status: 'dismissed', outcome: { reasons: '评分符合规则 the scoring follows the rules', remedy: null } });
    const seen = await appealsOf(caseId);
    expect(seen.appeals[0]?.history.map((h) => h.type)).toEqual(['appeals.appeal-lodged', 'appeals.handler-assigned', 'appeals.answer-reminder', 'appeals.appeal-dismissed']);
    // The decision stands: the case stays denied, and the denial cannot be appealed twice.
    expect(seen.notAllowed).toMatchObject({ code: 'DecisionAlreadyAppealed' });
    expect((await waitForCase(p, CAST.applicant, caseId, 'still denied', (c) => c.status === 'not-certified')).status).toBe('not-certified');
  }, 420_000);

  it('upholds an appeal of a refused application: it is reviewed again, and who refused it may not accept it', async () => {
    const { caseId } = await draftWithEvidence(p, CAST, { name: '漳州申诉 Appeal Zhangzhou (refused)' });
    await submitApplication(p, CAST.applicant, caseId);
    const version = await currentVersion(p, CAST.lead, caseId);
    await send(p, 'applications', 'POST', `/cases/${caseId}/refuse`, { as: CAST.lead, ifMatch: version, json: { reason: '不是独立法人 not an independent legal person' }, expect: 200 });
    await eventually('the refusal to be appealable', async () => (await appealsOf(caseId)).appealable?.kind === 'refusal');

    const appeal = await lodge(caseId, '营业执照已附上 the business licence shows we are a legal person');
    expect(appeal.against).toMatchObject({ kind: 'refusal', decidedBy: CAST.lead });
    await eventually('Dora to take the appeal', async () => (await take(caseId, appeal.appealId, dora, [200, 403])).status === 200);
    const upheld = (await answer(caseId, appeal.appealId, dora, 'upheld', '执照证明其为独立法人 the licence proves it', 200)).body;
    expect(upheld).toMatchObject({ status: 'upheld', outcome: { remedy: 'application-reopened' } });
    await waitForCase(p, CAST.applicant, caseId, 'to be under review again', (c) => c.status === 'submitted');

    // The lead reviewer who refused it may not take the application review again; the administrator accepts it.
    const byLena = await acceptApplication(p, CAST.lead, caseId).catch((err: unknown) => err);
    expect(byLena).toBeInstanceOf(UnexpectedReply);
    expect((byLena as UnexpectedReply).code).toBe('OriginalDeciderCannotRedecide');
    await acceptApplication(p, 'ada.admin', caseId);
    await waitForCase(p, CAST.applicant, caseId, 'to be under evaluation', (c) => c.status === 'under-evaluation');
  }, 420_000);
});
