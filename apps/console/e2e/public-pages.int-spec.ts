import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { applyAndAccept, CAST, draftApplication, evaluate, registerOrganisation, waitForDecisionBasis } from '../../../tools/scenario';
import { ROOT } from '../server/build';
import { startConsoleStack, type ConsoleStack } from './console-stack';
// playwright-core has no test runner: its web-first assertions come from a small local adapter.
import { expect } from './expect';

/** Screenshots of the public pages and the issue-17 screens, zh and en, desktop and phone, for people to look at: git-ignored. */
const SHOTS = join(ROOT, '.infra', 'screenshots', 'public');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1360, height: 900 };
const LANGS = ['zh-CN', 'en'] as const;
const HOLDER = '厦门公示电器 Public Pages Appliances';
/** The smallest PDF the service's content check takes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * The console's shell and public pages in real headless Chromium against the four services as
 * `npm start` runs them: a decision shows received, then applied; the public pages fit a 390 px
 * phone; the registry's search survives back; a sign-in is shared by two tabs and a sign-out ends
 * both; a draft survives a reload; a refused upload shows as failed; unknown addresses get a 404 page.
 */
describe('console shell and public pages in a browser', () => {
  let running: ConsoleStack | undefined;
  let browser: Browser;
  let base = '';
  let number = '';
  const errors: string[] = [];
  /** Console errors a test provokes on purpose (a refused upload's 415), each allowed once. */
  const expected: RegExp[] = [];

  beforeAll(async () => {
    running = await startConsoleStack();
    ({ browser, base } = running);
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await running?.stop();
    const unexpected = errors.filter((e) => {
      const i = expected.findIndex((re) => re.test(e));
      if (i < 0) return true;
      expected.splice(i, 1);
      return false;
    });
    expect(unexpected).toEqual([]);
  }, 90_000);

  async function context(viewport = DESKTOP, lang: (typeof LANGS)[number] = 'zh-CN'): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
    // Browser-side code as text: this file is type-checked without the DOM's types.
    await ctx.addInitScript(`localStorage.setItem('console.lang', ${JSON.stringify(lang)})`);
    return ctx;
  }
  async function page(ctx: BrowserContext, who: string): Promise<Page> {
    const p = await ctx.newPage();
    p.on('console', (m) => m.type() === 'error' && errors.push(`${who}: ${m.text()}`));
    p.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    return p;
  }
  async function signIn(p: Page, user: string, path: string): Promise<void> {
    await p.goto(`${base}/signin?next=${encodeURIComponent(path)}`);
    await p.click(`button[data-user="${user}"]`);
    await p.waitForURL((url) => url.pathname === path);
  }
  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const scrollWidth = (p: Page) => p.evaluate<number>('document.documentElement.scrollWidth');

  it('shows a decision as received, then applied, with the form locked meanwhile, and keeps its draft over a reload', async () => {
    const p = (running as ConsoleStack).stack.platform;
    const { caseId } = await applyAndAccept(p, CAST, { name: HOLDER });
    await evaluate(p, CAST, caseId);
    await waitForDecisionBasis(p, CAST.decider, caseId);
    const dan = await page(await context(), 'dan.decider');
    await signIn(dan, CAST.decider, `/cases/${caseId}`);
    // The thresholds beside the score, from the scoring rules; the two hashes each explained.
    await expect(dan.getByTestId('thresholds')).toContainText('五星级 ≥ 95');
    await expect(dan.getByTestId('thresholds')).toContainText('达标 ≥ 70');
    await expect(dan.getByText('上方评分表内容的指纹')).toBeVisible();
    await expect(dan.getByText('评审报告（各条款评价与不符合项）的指纹')).toBeVisible();
    const form = dan.getByTestId('decision-form');
    await form.getByLabel('决定理由').fill('评价结果符合要求 the evaluation meets the standard');
    await dan.reload();
    await expect(dan.getByTestId('decision-form').getByLabel('决定理由')).toHaveValue('评价结果符合要求 the evaluation meets the standard');
    await shot(dan, 'decision-draft-kept-zh-desktop');

    // Every phase the status line goes through, and whether the form was locked in it.
    await dan.evaluate(`(() => {
      const seen = (window.phases = []);
      new MutationObserver(() => {
        const phase = document.querySelector('[data-testid="command-status"]')?.getAttribute('data-phase');
        const locked = document.querySelector('[data-testid="decision-form"] fieldset')?.disabled ?? null;
        const entry = phase + ':' + locked;
        if (phase && seen.at(-1) !== entry) seen.push(entry);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await dan.getByTestId('decision-form').getByRole('button', { name: '作出决定' }).click();
    await expect(dan.getByTestId('command-status')).toHaveAttribute('data-phase', 'applied', { timeout: 90_000 });
    await expect(dan.getByTestId('command-status')).toContainText('已生效');
    const phases = await dan.evaluate<string[]>('window.phases');
    expect(phases).toContain('received:true');
    expect(phases.indexOf('received:true')).toBeLessThan(phases.findIndex((x) => x.startsWith('applied')));
    await expect(dan.getByTestId('case-status')).toContainText('已获证', { timeout: 60_000 });
    await shot(dan, 'decision-applied-zh-desktop');
    number = (await dan.getByTestId('certificate').locator('dd').first().innerText()).trim();
    expect(number).toMatch(/^GBT27922-/);
    await dan.context().close();
  }, 300_000);

  it('fits the public pages on a 390 px phone in zh and en, with a 404 page for unknown addresses', async () => {
    expect(number).not.toBe('');
    const paths: [string, string, string][] = [
      ['signin', '/signin', 'signin'],
      ['registry', `/registry?q=${encodeURIComponent('公示电器')}`, 'registry-results'],
      ['verify', `/verify/${encodeURIComponent(number)}`, 'verify-status'],
      ['404', '/no/such/page', 'not-found'],
    ];
    for (const lang of LANGS) {
      for (const viewport of [PHONE, DESKTOP]) {
        const ctx = await context(viewport, lang);
        const visitor = await page(ctx, `public ${lang} ${viewport.width}`);
        for (const [name, path, testId] of paths) {
          await visitor.goto(`${base}${path}`);
          if (testId === 'signin') await expect(visitor.locator('form')).toBeVisible();
          else if (testId === 'registry-results') await expect(visitor.getByTestId(viewport === PHONE ? 'registry-cards' : 'registry-results')).toContainText(number, { timeout: 30_000 });
          else await expect(visitor.getByTestId(testId)).toBeVisible({ timeout: 30_000 });
          await visitor.evaluate('document.fonts.ready.then(() => true)');
          // No horizontal scroll on a phone (the page and language named in a failure).
          if (viewport === PHONE) {
            const width = await scrollWidth(visitor);
            expect({ page: name, lang, width, fits: width <= PHONE.width }).toMatchObject({ fits: true });
          }
          await shot(visitor, `${name}-${lang}-${viewport.width}`);
        }
        await expect(visitor.getByTestId('not-found')).toContainText(lang === 'en' ? 'Page not found' : '页面不存在');
        await ctx.close();
      }
    }
  }, 180_000);

  it('keeps the registry search in the address, so that its results survive going back', async () => {
    const visitor = await page(await context(PHONE), 'registry visitor');
    await visitor.goto(`${base}/registry`);
    await visitor.getByTestId('registry-query').fill('公示电器');
    await visitor.getByRole('button', { name: '查询', exact: true }).click();
    await visitor.waitForURL((url) => url.searchParams.get('q') === '公示电器');
    await expect(visitor.getByTestId('registry-cards')).toContainText(number, { timeout: 30_000 });
    await visitor.getByTestId('registry-cards').getByRole('link', { name: number }).click();
    await expect(visitor.getByTestId('verify-status')).toBeVisible();
    await visitor.goBack();
    await expect(visitor.getByTestId('registry-cards')).toContainText(number, { timeout: 30_000 });
    await expect(visitor.getByTestId('registry-query')).toHaveValue('公示电器');
    await shot(visitor, 'registry-after-back-zh-390');
    await visitor.context().close();
  }, 60_000);

  it('shares a sign-in between two tabs, and a sign-out in one ends it in both', async () => {
    const ctx = await context();
    const first = await page(ctx, 'tab 1');
    await signIn(first, CAST.applicant, '/');
    const second = await page(ctx, 'tab 2');
    await second.goto(`${base}/`);
    await expect(second.getByTestId('signed-in-as')).toBeVisible();
    expect(second.url()).not.toContain('/signin');
    await shot(second, 'second-tab-signed-in-zh-desktop');
    await second.getByRole('button', { name: '退出' }).click();
    await expect(first.getByTestId('signed-in-as')).not.toBeVisible();
    await first.waitForURL((url) => url.pathname === '/signin');
    await ctx.close();
  }, 60_000);

  it('shows the upload limits, a refused upload as failed, opens and removes a document, and keeps a registration draft over a reload', async () => {
    const p = (running as ConsoleStack).stack.platform;
    const { organisationId } = await registerOrganisation(p, CAST.applicant, { name: '福州上传电器 Upload Appliances' });
    const { caseId } = await draftApplication(p, CAST.applicant, organisationId);
    const ctx = await context();
    const alice = await page(ctx, 'alice.applicant');
    await signIn(alice, CAST.applicant, `/cases/${caseId}`);
    const form = alice.getByTestId('upload-form');
    await expect(form.getByTestId('upload-limits')).toContainText('PDF, PNG, JPEG, DOCX, XLSX');
    await expect(form.getByTestId('upload-limits')).toContainText('20 MB');
    expect(await form.getByLabel('选择文件', { exact: true }).getAttribute('accept')).toContain('.docx');

    // Bytes that are no PDF: the service refuses them (415) and the bar says failed, not 100%.
    expected.push(/alice\.applicant: Failed to load resource: .*415/);
    await form.getByLabel('要求条款').selectOption('5.1.1.1');
    await form.getByLabel('选择文件', { exact: true }).setInputFiles({ name: '不是PDF.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
    await form.getByRole('button', { name: '上传', exact: true }).click();
    await expect(form.locator('.progress')).toHaveAttribute('data-state', 'failed');
    await expect(form.locator('.progress')).toContainText('上传失败');
    expect(await form.getByRole('progressbar').getAttribute('value')).not.toBe('100');
    await shot(alice, 'upload-failed-zh-desktop');

    // A real one: stored, opened in a new tab, removed again.
    await form.getByLabel('选择文件', { exact: true }).setInputFiles({ name: '售后服务部门设置.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { name: '上传', exact: true }).click();
    await expect(alice.getByTestId('evidence')).toContainText('售后服务部门设置.pdf');
    await expect(form.locator('.progress')).toHaveAttribute('data-state', 'done');
    const [tab] = await Promise.all([ctx.waitForEvent('page'), alice.getByRole('button', { name: '打开 售后服务部门设置.pdf' }).click()]);
    await expect(async () => expect(tab.url()).toMatch(/^blob:/)).toPass();
    await tab.close();
    await alice.getByRole('button', { name: '移除 售后服务部门设置.pdf' }).click();
    await expect(alice.getByText('尚未上传证明材料。')).toBeVisible();
    await shot(alice, 'upload-removed-zh-desktop');

    // A draft of the registration form survives a reload.
    await alice.goto(`${base}/organisations/new`);
    await alice.getByLabel('组织名称').fill('草稿电器 Draft Appliances');
    await alice.reload();
    await expect(alice.getByLabel('组织名称')).toHaveValue('草稿电器 Draft Appliances');
    await ctx.close();
  }, 120_000);

  it('paints the public verify page without waiting for the 10 MB font (first contentful paint reported, not asserted)', async () => {
    const ctx = await context(PHONE);
    const visitor = await page(ctx, 'fcp');
    const fonts: string[] = [];
    visitor.on('request', (r) => r.resourceType() === 'font' && fonts.push(new URL(r.url()).pathname));
    await visitor.goto(`${base}/verify/${encodeURIComponent(number)}`);
    await expect(visitor.getByTestId('verify-status')).toBeVisible({ timeout: 30_000 });
    const fcp = await visitor.evaluate<number>("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
    process.stdout.write(`[public pages] verify page first contentful paint ${fcp.toFixed(0)} ms; fonts requested: ${fonts.join(', ') || 'none'}\n`);
    expect(fcp).toBeGreaterThan(0);
    await ctx.close();
  }, 60_000);
});
