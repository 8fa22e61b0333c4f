import { applyAndAccept, CAST, certify, eventually, evaluate, grant, send, verifyPublicly, waitForCase, waitForCertificate, waitForDecisionBasis, waitForRegistry, withdraw, type Platform } from '../scenario';
import { startStack, type Stack } from './stack';

interface AppealView {
  appealId: string;
  status: string;
  against: { kind: string; decidedBy: string; certificateNumber: string | null };
  outcome: { reasons: string; decidedBy: string; remedy: string | null; requestId: string | null } | null;
  history: { type: string }[];
}
interface CaseAppeals {
  appealable: { kind: string } | null;
  appeals: AppealView[];
}
interface LogLeaves {
  leaves: { entry: { status: string; code: string; eventId: string } }[];
}

/**
 * The remedies of ADR 0038 across every service over HTTP: an appeal against the level granted,
 * upheld, and the level decided again by another decision maker on the same certificate; an
 * appeal against a withdrawal, upheld, and the certificate valid again on the verify page.
 */
describe('upheld appeals against a level granted and a withdrawal, across every service and real Kafka', () => {
  let stack: Stack;
  let p: Platform;
  // The demo's second decision maker, who took no part in these cases, handles the appeals; the third
  // decides the level again (the appeal's handler may not: ISO/IEC 17065 7.13).
  const dora = 'dora.decider';
  const dirk = 'dirk.decider';

  beforeAll(async () => {
    stack = await startStack();
    p = stack.platform;
  }, 240_000);
  afterAll(() => stack?.stop(), 90_000);

  const appealsOf = async (caseId: string) => (await send<CaseAppeals>(p, 'certificates', 'GET', `/cases/${caseId}/appeals`, { as: CAST.applicant, expect: 200 })).body;
  const lodge = async (caseId: string, grounds: string) => (await send<AppealView>(p, 'certificates', 'POST', `/cases/${caseId}/appeals`, { as: CAST.applicant, json: { grounds }, expect: 201 })).body;
  const takeAndUphold = async (caseId: string, appealId: string, reasons: string) => {
    // The certificates service learns of Dora from the directory's events a moment after she was added.
    await eventually('Dora to take the appeal', async () => (await send(p, 'certificates', 'POST', `/cases/${caseId}/appeals/${appealId}/handler`, { as: dora, json: {}, expect: [200, 403] })).status === 200);
    return (await send<AppealView>(p, 'certificates', 'POST', `/cases/${caseId}/appeals/${appealId}/outcome`, { as: dora, json: { outcome: 'upheld', reasons }, expect: 200 })).body;
  };
  const answered = (caseId: string, requestId: string | null | undefined) =>
    eventually('the lifecycle to answer the remedy', async () => {
      const r = (await send<{ status: string; requested: string }>(p, 'certificates', 'GET', `/cases/${caseId}/requests/${requestId}`, { as: CAST.applicant, expect: 200 })).body;
      return r.status !== 'requested' ? r : undefined;
    });
  const logged = (number: string, code: string) =>
    eventually(`the public log to state ${code} for ${number}`, async () => {
      const r = await send<LogLeaves>(p, 'certificates', 'GET', `/log/certificates/${number}`, { expect: [200] });
      return r.body.leaves.find((l) => l.entry.code === code)?.entry;
    });

  it('upholds an appeal against the level: the certificate stays valid, another decision maker decides the level again, and the same certificate is re-issued at it', async () => {
    const { caseId } = await applyAndAccept(p, CAST, { name: '泉州申诉 Appeal Quanzhou (level)' });
    const scored = await evaluate(p, CAST, caseId);
    const supported = scored.score?.level;
    expect(supported).toBeDefined();
    expect(supported).not.toBe('compliant');
    // Dan grants less than the scorecard supports; the holder appeals the level.
    const { certificateNumber: number } = await grant(p, CAST.decider, caseId, 'compliant');
    const { entry: first } = await waitForCertificate(p, CAST.applicant, caseId, number);
    await eventually('the level to be appealable', async () => (await appealsOf(caseId)).appealable?.kind === 'level');
    const appeal = await lodge(caseId, '评分支持更高等级 the scorecard supports a higher level');
    expect(appeal.against).toMatchObject({ kind: 'level', decidedBy: CAST.decider, certificateNumber: number });

    const upheld = await takeAndUphold(caseId, appeal.appealId, '等级应按评分决定 the level should follow the scorecard');
    expect(upheld).toMatchObject({ status: 'upheld', outcome: { remedy: 'level-decision-reopened' } });
    expect(await answered(caseId, upheld.outcome?.requestId)).toMatchObject({ status: 'accepted', requested: 'certificates.reopen-level-decision' });
    // The holder keeps the certificate while the level is decided again.
    const reopened = await waitForCase(p, CAST.applicant, caseId, 'to have its level reopened', (c) => Boolean((c as { levelReopened?: unknown }).levelReopened));
    expect(reopened).toMatchObject({ status: 'certified', certificate: { number, level: 'compliant' } });
    expect((await waitForRegistry(p, number, 'valid')).level).toBe('compliant');
    // On the decision makers' list of levels to decide again until it is decided.
    const toRedecide = async () => (await send<{ items: { caseId: string }[] }>(p, 'applications', 'GET', '/cases?levelReopened=true&limit=200', { as: dirk, expect: 200 })).body.items.map((c) => c.caseId);
    expect(await eventually('the case on the list of levels to decide again', async () => ((await toRedecide()).includes(caseId) ? true : undefined))).toBe(true);

    // Dan, whose decision was set aside, may not decide it again, nor Dora, who upheld the appeal; a denial is not a level.
    const basis = await waitForDecisionBasis(p, dirk, caseId);
    expect(basis).toMatchObject({ redecidesLevel: true, cycle: 1 });
    const hashes = { scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash };
    const byDan = await send(p, 'certificates', 'POST', `/cases/${caseId}/decision`, { as: CAST.decider, json: { outcome: 'grant', level: supported, reasons: 'x', ...hashes }, expect: 403 });
    expect(byDan.body).toMatchObject({ code: 'OriginalDeciderCannotRedecide' });
    const byDora = await send(p, 'certificates', 'POST', `/cases/${caseId}/decision`, { as: dora, json: { outcome: 'grant', level: supported, reasons: 'x', ...hashes }, expect: 403 });
    expect(byDora.body).toMatchObject({ code: 'AppealHandlerCannotRedecide' });
    // The certificates service learns of Dirk from the directory's events a moment after he was added.
    const denial = await eventually('Dirk to be known as a decision maker', async () => {
      const r = await send(p, 'certificates', 'POST', `/cases/${caseId}/decision`, { as: dirk, json: { outcome: 'deny', reasons: 'x', ...hashes }, expect: [403, 422] });
      return r.status === 422 ? r : undefined;
    });
    expect(denial.body).toMatchObject({ code: 'LevelRedecisionGrants' });

    const redecided = await send(p, 'certificates', 'POST', `/cases/${caseId}/decision`, {
      as: dirk,
      json: { outcome: 'grant', level: supported, reasons: '申诉成立后重新决定等级 the level decided again after the upheld appeal', ...hashes },
      expect: 201,
    });
    expect(redecided.body).toMatchObject({ certificateNumber: number, cycle: 1 });
    expect(await answered(caseId, redecided.body.requestId as string)).toMatchObject({ status: 'accepted', requested: 'certificates.redecide-level' });

    // The same certificate (number, dates) at the new level, version 2, everywhere the public looks.
    const entry = await waitForRegistry(p, number, 'valid', (e) => e.level === supported && e.version === 2);
    expect(entry).toMatchObject({ validFrom: first.validFrom, validUntil: first.validUntil });
    expect(entry.history.map((h) => h.change)).toContain('level-redecided');
    const seen = await eventually('the re-issued document', async () => {
      const v = await verifyPublicly(p, number);
      return v.document.valid && v.document.payload.level === supported ? v : undefined;
    });
    expect(seen.page).toContain('(v2)');
    expect(seen.page).toContain('Level re-decided on appeal');
    expect(seen.page).toContain('data-status="valid"');
    await logged(number, 'certificate.level-redecided');
    const view = await waitForCase(p, CAST.applicant, caseId, 'to show the new level', (c) => c.certificate?.level === supported);
    expect((view as { levelReopened?: unknown }).levelReopened ?? null).toBeNull();
    await eventually('the case to leave the list of levels to decide again', async () => (!(await toRedecide()).includes(caseId) ? true : undefined));
    const after = (await send<{ decisions: { outcome: string; level: string; decidedBy: string; setAside: string | null; certificateNumber: string }[] }>(p, 'certificates', 'GET', `/cases/${caseId}/decision-basis`, { as: dirk, expect: 200 })).body;
    expect(after.decisions).toEqual([
      expect.objectContaining({ outcome: 'grant', level: 'compliant', decidedBy: CAST.decider, setAside: appeal.appealId, certificateNumber: number }),
      expect.objectContaining({ outcome: 'grant', level: supported, decidedBy: dirk, setAside: null, certificateNumber: number }),
    ]);
  }, 480_000);

  it('upholds an appeal against a withdrawal: the certificate is valid again on the verify page, with a public log entry', async () => {
    const { caseId, certificateNumber: number } = await certify(p, CAST, { name: '莆田申诉 Appeal Putian (withdrawal)' });
    const first = await waitForCase(p, CAST.applicant, caseId, 'to be certified', (c) => c.status === 'certified');
    await withdraw(p, CAST.decider, number, '严重违规 serious breach of the rules');
    await waitForRegistry(p, number, 'withdrawn');
    await eventually('the withdrawal to be appealable', async () => (await appealsOf(caseId)).appealable?.kind === 'withdrawal');
    const appeal = await lodge(caseId, '违规指控不实 the alleged breach did not happen');

    const upheld = await takeAndUphold(caseId, appeal.appealId, '指控不成立 the allegation was not borne out');
    expect(upheld).toMatchObject({ status: 'upheld', outcome: { remedy: 'withdrawal-set-aside' } });
    expect(await answered(caseId, upheld.outcome?.requestId)).toMatchObject({ status: 'accepted', requested: 'certificates.set-aside-withdrawal' });
    const back = await waitForCase(p, CAST.applicant, caseId, 'to be certified again', (c) => c.status === 'certified' && c.certificate?.number === number);
    // Its surveillance date is still ahead and was not due at the withdrawal: it stays, not due yet.
    expect(back).toMatchObject({ certificate: { nextSurveillanceBy: first.certificate?.nextSurveillanceBy }, surveillanceDueBy: null });
    const entry = await waitForRegistry(p, number, 'valid', (e) => e.history.at(-1)?.change === 'withdrawal-set-aside');
    expect(entry.history.map((h) => h.status)).toEqual(expect.arrayContaining(['withdrawn', 'valid']));
    const seen = await verifyPublicly(p, number);
    expect(seen.page).toContain('data-status="valid"');
    // Valid again since the set-aside, not issued on that day.
    expect(seen.page).toContain('Reinstated on');
    expect(await logged(number, 'certificate.withdrawal-set-aside')).toMatchObject({ status: 'valid' });
  }, 480_000);

  it('sets a withdrawal aside after the surveillance fell due while withdrawn: the surveillance is due at once and back among the audit plans to make', async () => {
    const { caseId, certificateNumber: number } = await certify(p, CAST, { name: '三明申诉 Appeal Sanming (surveillance)' });
    const { certificate } = await waitForCase(p, CAST.applicant, caseId, 'to be certified', (c) => c.status === 'certified');
    const date = certificate?.nextSurveillanceBy ?? '';
    await withdraw(p, CAST.decider, number, '严重违规 serious breach of the rules');
    await waitForRegistry(p, number, 'withdrawn');
    await eventually('the withdrawal to be appealable', async () => (await appealsOf(caseId)).appealable?.kind === 'withdrawal');
    const appeal = await lodge(caseId, '违规指控不实 the alleged breach did not happen');

    // While withdrawn, the service clock passes the day the surveillance falls due (60 days before its date):
    // that timer fires for nothing. The appeal's answer comes late (escalated by the same timers).
    await stack.setNow(new Date(new Date(date).getTime() - 30 * 86_400_000));
    await eventually('the appeal to be escalated', async () => (await appealsOf(caseId)).appeals[0]?.history.some((h) => h.type === 'appeals.answer-overdue'));
    const upheld = await takeAndUphold(caseId, appeal.appealId, '指控不成立 the allegation was not borne out');
    expect(await answered(caseId, upheld.outcome?.requestId)).toMatchObject({ status: 'accepted', requested: 'certificates.set-aside-withdrawal' });

    // The timer planned again for the set-aside marks it due at once, and evidence review has its plan to make again.
    const due = await waitForCase(p, CAST.applicant, caseId, 'to have its surveillance due', (c) => c.status === 'certified' && c.surveillanceDueBy === date);
    expect(due.certificate?.nextSurveillanceBy).toBe(date);
    const plansDue = async () => (await send<{ caseId: string; kind: string }[]>(p, 'evidence-review', 'GET', '/audit-plans/due', { as: CAST.lead, expect: 200 })).body;
    expect(await eventually('the surveillance plan to be due', async () => (await plansDue()).find((e) => e.caseId === caseId))).toMatchObject({ kind: 'surveillance-1' });
  }, 480_000);
});
