import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { applyAndAccept, CAST, draftApplication, evaluate, recordSurveillance, registerOrganisation, waitForDecisionBasis, waitForRegistry } from '../../../tools/scenario';
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
  let certifiedCase = '';
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
    certifiedCase = caseId;
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

  it('takes the verify page date as YYYY-MM-DD in zh and en, typed or picked from the calendar, whatever the browser locale', async () => {
    expect(number).not.toBe('');
    const cases = [
      ['zh-CN', 'en-US', '查询'],
      ['en', 'en-US', 'Check'],
      ['en', 'de-DE', 'Check'],
    ] as const;
    for (const [lang, locale, check] of cases) {
      const ctx = await browser.newContext({ viewport: DESKTOP, locale });
      await ctx.addInitScript(`localStorage.setItem('console.lang', ${JSON.stringify(lang)})`);
      const visitor = await page(ctx, `verify date ${lang} ${locale}`);
      await visitor.goto(`${base}/verify/${encodeURIComponent(number)}`);
      const field = visitor.getByTestId('verify-date');
      // Today in Shanghai, in ISO order (a native date field would show 12/01/2026 in en-US, 01.12.2026 in de-DE).
      expect(await field.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await field.fill('2099-01-05');
      await visitor.getByRole('button', { name: check, exact: true }).click();
      await expect(visitor.getByTestId('validity')).toContainText('2099-01-05');
      // The calendar helper writes into the field in the same order.
      await visitor.locator('input.date-picker').fill('2027-03-01', { force: true });
      await expect(field).toHaveValue('2027-03-01');
      await shot(visitor, `verify-date-${lang}-${locale}`);
      // A day that does not exist is refused in the form, in words, and not sent.
      await field.fill('2027-02-30');
      const refused = await visitor.evaluate<{ valid: boolean; message: string }>(
        `(() => { const el = document.querySelector('[data-testid="verify-date"]'); return { valid: el.checkValidity(), message: el.validationMessage }; })()`,
      );
      expect(refused).toEqual({ valid: false, message: lang === 'en' ? 'Enter a date that exists, written YYYY-MM-DD' : '请输入存在的日期，格式 YYYY-MM-DD' });
      await ctx.close();
    }
  }, 90_000);

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

  // Last: it suspends the certificate the tests above use.
  it("words the suspension the lifecycle makes after a failed surveillance in the reader's language, the reviewer's words quoted as written", async () => {
    expect(number).not.toBe('');
    const p = (running as ConsoleStack).stack.platform;
    await recordSurveillance(p, CAST.reviewer, number, { passed: false, reason: '投诉未按时答复' });
    await waitForRegistry(p, number, 'suspended');
    // The QR code's page (the certificates service's own, bilingual) words the status line from the same code.
    const qr = await (await fetch(`${p.url('certificates')}/verify/${encodeURIComponent(number)}`)).text();
    const statusLine = /<p class="status[^>]*>([\s\S]*?)<\/p>/.exec(qr)?.[1] ?? '';
    expect(statusLine).toContain('监督不合格，暂停，整改期限');
    expect(statusLine).toContain('Suspended after a failed surveillance');
    expect(statusLine).not.toContain('surveillance failed:');
    const words = {
      'zh-CN': { verify: '监督不合格，暂停，整改期限', timeline: '监督不合格，暂停，整改期限', failed: '监督未通过：“投诉未按时答复”', log: '已记录于公开日志，树大小 ' },
      en: { verify: 'Suspended after a failed surveillance, to be fixed by', timeline: 'Suspended after a failed surveillance, to be fixed by', failed: 'Surveillance failed: “投诉未按时答复”', log: 'Recorded in the public log at tree size ' },
    } as const;
    for (const lang of LANGS) {
      const ctx = await context(DESKTOP, lang);
      const visitor = await page(ctx, `suspended ${lang}`);
      await visitor.goto(`${base}/verify/${encodeURIComponent(number)}`);
      await expect(visitor.getByTestId('verify-reason')).toContainText(words[lang].verify, { timeout: 30_000 });
      await expect(visitor.getByTestId('verify-reason')).toContainText('投诉未按时答复');
      expect(await visitor.getByTestId('verify-reason').innerText()).not.toContain('surveillance failed');
      // The suspension is in the public log, under a signed tree head (the page asks again while it is not yet).
      await expect(visitor.getByTestId('verify-log')).toContainText(words[lang].log, { timeout: 30_000 });
      await shot(visitor, `verify-suspended-${lang}`);
      const dan = await page(ctx, `dan.decider ${lang}`);
      await signIn(dan, CAST.decider, `/cases/${certifiedCase}`);
      await expect(dan.getByTestId('case-reason')).toContainText(words[lang].verify, { timeout: 30_000 });
      await expect(dan.getByTestId('timeline')).toContainText(words[lang].timeline);
      await expect(dan.getByTestId('timeline')).toContainText(words[lang].failed);
      expect(await dan.getByTestId('timeline').innerText()).not.toContain('surveillance failed:');
      await shot(dan, `case-suspended-${lang}`);
      await ctx.close();
    }
  }, 120_000);
});
