import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { deniedCase } from '../../../tools/e2e/appeal-journeys';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { applyAndAccept, CAST, evaluate, eventually, grant, send, waitForCase, waitForCertificate } from '../../../tools/scenario';
import { ROOT } from '../server/build';
import { demoSignIn, phonePage, startConsoleStack, type ConsoleStack } from './console-stack';
// playwright-core has no test runner: its web-first assertions come from a small local adapter.
import { expect } from './expect';

/** Screenshots for people to look at: git-ignored. */
const SHOTS = join(ROOT, '.infra', 'screenshots', 'appeals');

/**
 * Issue 19's appeals in the console, on a 390 px phone: the applicant appeals a denial with the
 * period left shown (zh); the decision maker who denied it finds it on the appeals page and is told
 * why he may not handle it (en); the other decision maker takes it from her appeals page and dismisses
 * it (zh); the applicant reads the outcome with its reasons and the appeal's lines in the timeline (en).
 */
describe('appeals in the console', () => {
  let running: ConsoleStack | undefined;
  let browser: Browser;
  let base = '';
  const errors: string[] = [];

  beforeAll(async () => {
    running = await startConsoleStack();
    ({ browser, base } = running);
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await running?.stop();
    // The refused attempt to handle the appeal is logged by the browser once (403).
    expect(errors.filter((e) => !/403/.test(e))).toEqual([]);
  }, 90_000);

  const phone = (lang: 'zh-CN' | 'en', who: string) => phonePage(browser, lang, who, errors);
  const signIn = (p: Page, user: string, path: string) => demoSignIn(p, base, user, path);
  const fits = (p: Page) => p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it('lets the applicant appeal a denial, tells the decider why he may not handle it, and shows the outcome with its reasons', async () => {
    const caseId = await deniedCase((running as ConsoleStack).stack.platform, '泉州申诉 Quanzhou Appeals Co');
    const path = `/cases/${caseId}`;

    const alice = await phone('zh-CN', 'alice.applicant');
    await signIn(alice, CAST.applicant, path);
    const form = alice.getByTestId('appeal-form');
    await expect(form).toContainText('对该决定提出申诉', { timeout: 60_000 });
    await expect(form.getByTestId('appeal-period')).toContainText('申诉期还剩 30 天');
    await form.getByLabel('申诉理由').fill('5.1.3 的证据被忽略了');
    expect(await fits(alice)).toBe(true);
    await alice.screenshot({ path: join(SHOTS, 'applicant-appeals-zh-390.png'), fullPage: true });
    await form.getByRole('button', { name: '提交申诉' }).click();
    const appeal = alice.getByTestId('appeal');
    await expect(appeal.getByTestId('appeal-status')).toContainText('处理中');
    await expect(alice.getByTestId('appeal-not-allowed')).toContainText('为什么现在不能对该决定提出申诉');
    await expect(alice.getByTestId('timeline')).toContainText('对不予认证的决定提出申诉');

    const dan = await phone('en', 'dan.decider');
    await signIn(dan, CAST.decider, '/appeals');
    await expect(dan.getByTestId('appeals-open')).toContainText('Appeal against the denial of certification');
    await dan.getByTestId('appeals-open').getByRole('link').first().click();
    await dan.getByRole('button', { name: 'Handle this appeal' }).click();
    await expect(dan.getByTestId('appeals').getByTestId('error')).toContainText('A person who took a decision of this case cannot handle its appeal.');
    expect(await fits(dan)).toBe(true);
    await dan.screenshot({ path: join(SHOTS, 'decider-refused-en-390.png'), fullPage: true });

    // The other decision maker, who took no part, takes it from her appeals page and dismisses it.
    const dora = await phone('zh-CN', 'dora.decider');
    await signIn(dora, 'dora.decider', '/appeals');
    await dora.getByTestId('appeals-open').getByRole('link').first().click();
    await dora.getByRole('button', { name: '处理此申诉' }).click();
    const answer = dora.getByTestId('appeal-outcome-form');
    await answer.getByLabel('处理结果').selectOption('dismissed');
    await answer.getByLabel('理由（申诉人可见）').fill('The scoring follows the rules.');
    expect(await fits(dora)).toBe(true);
    await dora.screenshot({ path: join(SHOTS, 'handler-answers-zh-390.png'), fullPage: true });
    await answer.getByRole('button', { name: '答复申诉' }).click();
    await expect(dora.getByTestId('appeal-status')).toContainText('驳回');

    const aliceEn = await phone('en', 'alice.applicant');
    await signIn(aliceEn, CAST.applicant, path);
    await expect(aliceEn.getByTestId('appeal-status')).toContainText('Dismissed', { timeout: 30_000 });
    await expect(aliceEn.getByTestId('appeal-outcome')).toContainText('The scoring follows the rules.');
    await expect(aliceEn.getByTestId('timeline')).toContainText('dismissed the appeal against the denial of certification; the decision stands');
    expect(await fits(aliceEn)).toBe(true);
    await aliceEn.screenshot({ path: join(SHOTS, 'applicant-outcome-en-390.png'), fullPage: true });
  }, 420_000);

  it('shows another decision maker the level to decide again after an upheld appeal against it, and the history of it (ADR 0038)', async () => {
    const platform = (running as ConsoleStack).stack.platform;
    // Set up over HTTP: granted below what the scorecard supports, appealed, and upheld by Dora.
    const { caseId } = await applyAndAccept(platform, CAST, { name: '漳州等级申诉 Zhangzhou Level Appeals Co' });
    const scored = await evaluate(platform, CAST, caseId);
    const { certificateNumber } = await grant(platform, CAST.decider, caseId, 'compliant');
    await waitForCertificate(platform, CAST.applicant, caseId, certificateNumber);
    const appealable = async () => (await send<{ appealable: { kind: string } | null }>(platform, 'certificates', 'GET', `/cases/${caseId}/appeals`, { as: CAST.applicant, expect: 200 })).body.appealable?.kind;
    await eventually('the level to be appealable', async () => (await appealable()) === 'level');
    const appeal = (await send<{ appealId: string }>(platform, 'certificates', 'POST', `/cases/${caseId}/appeals`, { as: CAST.applicant, json: { grounds: '评分支持更高等级' }, expect: 201 })).body;
    await eventually('Dora to take the appeal', async () => (await send(platform, 'certificates', 'POST', `/cases/${caseId}/appeals/${appeal.appealId}/handler`, { as: 'dora.decider', json: {}, expect: [200, 403] })).status === 200);
    await send(platform, 'certificates', 'POST', `/cases/${caseId}/appeals/${appeal.appealId}/outcome`, { as: 'dora.decider', json: { outcome: 'upheld', reasons: 'The level should follow the scorecard.' }, expect: 200 });
    await waitForCase(platform, CAST.applicant, caseId, 'to have its level reopened', (c) => Boolean((c as { levelReopened?: unknown }).levelReopened));

    // Dirk decides the level again: not Dan, whose grant was set aside, nor Dora, who upheld the appeal (ISO/IEC 17065 7.13).
    const dirk = await phone('en', 'dirk.decider');
    await signIn(dirk, 'dirk.decider', `/cases/${caseId}`);
    const form = dirk.getByTestId('decision-form');
    await expect(form.getByTestId('redecide-level')).toContainText('decide the level again', { timeout: 60_000 });
    const level = scored.score?.level ?? '';
    await form.getByLabel('Level').selectOption(level);
    await form.getByLabel('Reasons').fill('The scorecard supports the higher level.');
    expect(await fits(dirk)).toBe(true);
    await dirk.screenshot({ path: join(SHOTS, 'redecide-level-en-390.png'), fullPage: true });
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expect(dirk.getByTestId('timeline')).toContainText('re-decided the level on appeal', { timeout: 60_000 });

    const alice = await phone('zh-CN', 'alice.applicant');
    await signIn(alice, CAST.applicant, `/cases/${caseId}`);
    await expect(alice.getByTestId('timeline')).toContainText('因申诉重新决定等级', { timeout: 30_000 });
    await expect(alice.getByTestId('timeline')).toContainText('针对等级的申诉成立');
    expect(await fits(alice)).toBe(true);
    await alice.screenshot({ path: join(SHOTS, 'level-redecided-zh-390.png'), fullPage: true });
  }, 420_000);
});
