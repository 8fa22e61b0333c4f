import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// The whole-system test tooling lives in tools/, which is no Nx project: the same helpers every end-to-end test uses.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { acceptApplication, eventually, registerOrganisation, send, waitForReviewPlan, type Platform } from '../../../tools/scenario';
import { ROOT } from '../server/build';
import { startConsoleStack, type ConsoleStack } from './console-stack';
// playwright-core has no test runner: its web-first assertions come from a small local adapter.
import { expect } from './expect';

/** Screenshots of the applicant's screens and the reviewer's notes, zh and en, desktop and phone: git-ignored. */
const SHOTS = join(ROOT, '.infra', 'screenshots', 'applicant');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1360, height: 900 };
type Lang = 'zh-CN' | 'en';
/** The smallest PDF the service's content check takes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** Scored requirements of gbt27922-2011.v1 the applicant documents: 39 less the five the body observes itself (mystery shopper, customer survey). */
const NEEDED = 34;

/**
 * The applicant's side of an application in real headless Chromium against the four services as
 * `npm start` runs them: the organisation picked by name, the checklist of every requirement with
 * what it expects, its guidance and what is missing, the count dropping as evidence is attached,
 * a submission that asks first while evidence is missing, then what happens next; and the
 * reviewer's task page with the evaluator notes beside the evidence.
 */
describe("the applicant's checklist and the requirement notes in a browser", () => {
  let running: ConsoleStack | undefined;
  let browser: Browser;
  let platform: Platform;
  let base = '';
  const errors: string[] = [];

  beforeAll(async () => {
    running = await startConsoleStack();
    ({ browser, base } = running);
    platform = running.stack.platform;
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await running?.stop();
    expect(errors).toEqual([]);
  }, 90_000);

  async function open(user: string, path: string, lang: Lang = 'zh-CN', viewport = DESKTOP): Promise<Page> {
    const ctx: BrowserContext = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
    // Browser-side code as text: this file is type-checked without the DOM's types.
    await ctx.addInitScript(`localStorage.setItem('console.lang', ${JSON.stringify(lang)})`);
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(`${user}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${user}: ${e.message}`));
    await page.goto(`${base}/signin?next=${encodeURIComponent(path)}`);
    await page.click(`button[data-user="${user}"]`);
    await page.waitForURL((url) => url.pathname === path);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  /** The same case page in the other language and on a phone, each photographed; the phone must not scroll sideways. */
  async function photograph(user: string, path: string, name: string, ready: (page: Page, lang: Lang) => Promise<void>) {
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        const page = await open(user, path, lang, viewport);
        await ready(page, lang);
        await shot(page, `${name}-${lang === 'en' ? 'en' : 'zh'}-${size}`);
        if (size === 'phone') expect(await fitsWidth(page)).toBe(true);
        await page.context().close();
      }
    }
  }

  it('lets the applicant pick the organisation by name, work through the checklist, submit and see what happens next', async () => {
    const organisation = await registerOrganisation(platform, 'alice.applicant', { name: `厦门清单电器 Checklist Appliances ${Date.now()}` });
    const alice = await open('alice.applicant', '/applications/new');
    // Picked by name from the applicant's organisations (the directory catches up with the registration).
    const picker = alice.getByLabel('申请组织');
    await expect(async () => {
      await alice.reload();
      await expect(picker.locator('option', { hasText: organisation.name })).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await picker.selectOption({ label: `${organisation.name} (${organisation.creditCode})` });
    await alice.getByLabel('产品类别').fill('家用电器 household appliances');
    await alice.getByLabel('服务类别').fill('安装 installation, 维修 repair');
    await shot(alice, '01-new-application-picker-zh-desktop');
    await alice.getByRole('button', { name: '创建申请草稿' }).click();
    await alice.waitForURL(/\/cases\/case-/);
    const path = new URL(alice.url()).pathname;
    const caseId = path.split('/').pop() as string;

    // Names, not ids: the organisation's name heads the case.
    await expect(alice.getByTestId('case-organisation')).toHaveText(organisation.name);
    // Every requirement with what it expects and its guidance; the missing ones counted.
    const count = alice.getByTestId('missing-count');
    await expect(count).toHaveAttribute('data-missing', String(NEEDED));
    await expect(count).toContainText(`还有 ${NEEDED} 项要求`);
    await expect(alice.getByTestId('checklist').locator('li[data-requirement]')).toHaveCount(40);
    const department = alice.locator('li[data-requirement="5.1.1.1"]');
    await expect(department).toHaveAttribute('data-state', 'missing');
    await expect(department).toContainText('组织架构图');
    await department.getByText('解读与示例').click();
    await expect(department.getByTestId('guidance')).toContainText('提交组织架构图');
    await expect(alice.locator('li[data-requirement="5.3.1.4"]')).toHaveAttribute('data-state', 'optional');
    await shot(alice, '02-checklist-all-missing-zh-desktop');

    // Evidence attached from the checklist (the upload form comes with the requirement chosen): the count drops and the requirement lists the file.
    await department.getByRole('button', { name: '为 5.1.1.1 售后服务部门 上传材料' }).click();
    await expect(alice.getByLabel('要求条款')).toHaveValue('5.1.1.1');
    await alice.getByLabel('选择文件', { exact: true }).setInputFiles({ name: '组织架构图.pdf', mimeType: 'application/pdf', buffer: PDF });
    await alice.getByRole('button', { name: '上传', exact: true }).click();
    await expect(count).toHaveAttribute('data-missing', String(NEEDED - 1));
    await expect(department).toHaveAttribute('data-state', 'attached');
    await expect(department.getByTestId('attached')).toContainText('组织架构图.pdf');
    await alice.getByLabel('只显示缺少材料的要求').check();
    await expect(alice.getByTestId('checklist').locator('li[data-requirement]')).toHaveCount(NEEDED - 1);
    await alice.getByLabel('只显示缺少材料的要求').uncheck();
    await photograph('alice.applicant', path, '03-checklist-one-attached', async (page) => {
      await expect(page.getByTestId('case-organisation')).toHaveText(organisation.name);
      await expect(page.getByTestId('missing-count')).toHaveAttribute('data-missing', String(NEEDED - 1));
    });

    // Withdrawal is its own section, away from submit, and needs a reason and a confirmation.
    const ending = alice.getByTestId('end-application');
    await expect(alice.getByTestId('case-actions').getByRole('button', { name: '撤回申请' })).toHaveCount(0);
    await ending.locator('summary').click();
    await expect(ending.getByRole('button', { name: '撤回申请' })).toBeDisabled();

    // Submitting with evidence missing asks first, naming how many.
    await alice.getByTestId('case-actions').getByRole('button', { name: '提交申请' }).click();
    await expect(alice.getByTestId('submit-confirm')).toContainText(`还有 ${NEEDED - 1} 项要求没有证明材料`);
    await shot(alice, '04-submit-confirmation-zh-desktop');
    await alice.getByRole('button', { name: '仍然提交' }).click();
    await expect(alice.getByTestId('case-status')).toContainText('已提交');
    const next = alice.getByTestId('next-steps');
    await expect(next.locator('li')).toHaveCount(5);
    await expect(next.locator('li[aria-current="step"]')).toHaveAttribute('data-step', 'acceptance');
    await expect(next).toContainText('文件评审');
    await expect(next).toContainText('认证决定');
    await expect(alice.getByTestId('checklist')).toHaveCount(0);
    await photograph('alice.applicant', path, '05-what-happens-next', async (page) => {
      await expect(page.getByTestId('case-organisation')).toHaveText(organisation.name);
      await expect(page.getByTestId('next-steps').locator('li[aria-current="step"]')).toHaveAttribute('data-step', 'acceptance');
    });

    // The reviewer's task page: the evaluator notes beside the evidence of 5.1.1.1.
    await acceptApplication(platform, 'lena.lead', caseId);
    const plan = await waitForReviewPlan(platform, 'lena.lead', caseId);
    const [taskId] = Object.entries(plan.tasks).find(([, t]) => t.requirementIds.includes('5.1.1.1')) ?? [];
    if (!taskId) throw new Error(`no task of ${caseId} covers 5.1.1.1`);
    const reserved = await send<{ queue: string }>(platform, 'evidence-review', 'POST', `/tasks/${taskId}/reassign`, { as: 'lena.lead', json: { reviewerId: 'rita.reviewer' }, expect: 200 });
    // Reserved for Rita, so her claims from that queue reach it; others' tasks claimed meanwhile are given back.
    const held: string[] = [];
    await eventually(`rita.reviewer to claim ${taskId}`, async () => {
      const reply = await send<{ taskId: string }>(platform, 'evidence-review', 'POST', `/queues/${reserved.body.queue}/claim`, { as: 'rita.reviewer', expect: [200, 204] });
      if (reply.status === 200 && reply.body.taskId !== taskId) held.push(reply.body.taskId);
      return reply.status === 200 && reply.body.taskId === taskId;
    });
    for (const other of held) await send(platform, 'evidence-review', 'POST', `/tasks/${other}/release`, { as: 'rita.reviewer' }).catch(() => undefined);
    const taskPath = `/tasks/${encodeURIComponent(taskId)}`;
    const showNotes = async (page: Page, title: string) => {
      await page.locator('nav.card button', { hasText: '5.1.1.1' }).click();
      await expect(page.getByTestId('evaluator-notes')).toContainText(title);
      await expect(page.getByTestId('outcome-form')).toBeVisible();
    };
    const rita = await open('rita.reviewer', taskPath);
    await showNotes(rita, '评价时应注意');
    await expect(rita.getByTestId('evaluator-notes')).toContainText('核对架构图中是否有明确的售后服务部门');
    await expect(rita.getByRole('button', { name: /组织架构图\.pdf/ })).toBeVisible();
    await photograph('rita.reviewer', taskPath, '06-reviewer-task-with-evaluator-notes', (page, lang) => showNotes(page, lang === 'en' ? 'What to check' : '评价时应注意'));
  });
});
