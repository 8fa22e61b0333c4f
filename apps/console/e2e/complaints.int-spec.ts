import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CAST, certify } from '../../../tools/scenario';
import { ROOT } from '../server/build';
import { startConsoleStack, type ConsoleStack } from './console-stack';
// playwright-core has no test runner: its web-first assertions come from a small local adapter.
import { expect } from './expect';

/** Screenshots of the complaint screens, zh and en, desktop and phone: git-ignored. */
const SHOTS = join(ROOT, '.infra', 'screenshots', 'complaints');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1360, height: 900 };
type Lang = 'zh-CN' | 'en';

/**
 * Complaints in real headless Chromium against the services as `npm start` runs them: anyone
 * complains from the verify page on a phone (no account) and gets an acknowledgement number; a
 * complaint handler sees it with the contact details and takes it up and asks the holder; the
 * holder sees the question on its case, not who complained, and answers.
 */
describe('complaints in a browser', () => {
  let running: ConsoleStack | undefined;
  let browser: Browser;
  let base = '';
  const errors: string[] = [];

  beforeAll(async () => {
    running = await startConsoleStack();
    ({ browser, base } = running);
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await running?.stop();
    expect(errors).toEqual([]);
  }, 90_000);

  async function open(path: string, lang: Lang, viewport: { width: number; height: number }, user?: string): Promise<Page> {
    const ctx: BrowserContext = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
    // Browser-side code as text: this file is type-checked without the DOM's types.
    await ctx.addInitScript(`localStorage.setItem('console.lang', ${JSON.stringify(lang)})`);
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(`${user ?? 'public'}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${user ?? 'public'}: ${e.message}`));
    if (!user) {
      await page.goto(`${base}${path}`);
      return page;
    }
    await page.goto(`${base}/signin?next=${encodeURIComponent(path)}`);
    await page.click(`button[data-user="${user}"]`);
    await page.waitForURL((url) => url.pathname === path);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const fitsWidth = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  it('takes a complaint from the verify page on a phone, and the handler and the holder each see their part', async () => {
    const certified = await certify(running!.stack.platform, CAST, { name: `厦门投诉电器 Complaint Appliances ${Date.now()}` });
    const number = certified.certificateNumber;

    // The public: the verify page says complaints are handled and leads to the form, on a phone, no account.
    const phone = await open(`/verify/${number}`, 'zh-CN', PHONE);
    await expect(phone.getByTestId('complaint-tally')).toContainText('近 12 个月收到投诉 0 件，已办结 0 件');
    await phone.getByRole('link', { name: '投诉该企业的售后服务' }).click();
    await phone.waitForURL((url) => url.pathname === '/complaints/new');
    expect(await phone.getByTestId('complaint-number').inputValue()).toBe(number);
    await expect(phone.getByText('只有留下姓名和电话或电子邮箱，我们才能答复您')).toBeVisible();
    await phone.getByTestId('complaint-description').fill('空调维修拖了三个月 the repair took three months');
    await phone.getByLabel('姓名').fill('王小明');
    await phone.getByLabel('电话').fill('+86 138 0000 1234');
    expect(await fitsWidth(phone)).toBe(true);
    await shot(phone, 'form-zh-phone');
    await phone.getByTestId('complaint-submit').click();
    await expect(phone.getByTestId('complaint-receipt')).toContainText('您的受理编号为 TS-');
    const reference = /TS-\d{4}-\d{6}/.exec(await phone.getByTestId('complaint-receipt').innerText())![0];
    expect(await fitsWidth(phone)).toBe(true);
    await shot(phone, 'receipt-zh-phone');
    await phone.context().close();

    // The complaint handler: listed with the certificate complaints, the contact details shown; taken up, then a question to the holder.
    const dan = await open('/complaints', 'en', DESKTOP, 'dan.decider');
    await dan.getByRole('link', { name: reference }).click();
    await expect(dan.getByTestId('complaint-contact')).toContainText('王小明 · +86 138 0000 1234');
    await dan.getByTestId('complaint-accept').click();
    await expect(dan.getByText('being investigated')).toBeVisible();
    await dan.getByTestId('complaint-note').fill('Please send your repair records for March.');
    await dan.getByRole('button', { name: 'Ask the holder (the note is the question)' }).click();
    await expect(dan.getByText('waiting for the holder’s answer')).toBeVisible();
    await shot(dan, 'complaint-en-desktop');
    await dan.context().close();

    // The holder: the question on its case and in its timeline, never who complained; answered on a phone in English.
    const alice = await open(`/cases/${certified.caseId}`, 'en', PHONE, 'alice.applicant');
    await expect(alice.getByTestId('case-complaint')).toContainText('Please send your repair records for March.');
    await expect(alice.getByText(`${reference}: Information requested from the certificate holder`)).toBeVisible();
    expect(await alice.content()).not.toContain('王小明');
    await alice.getByTestId('complaint-answer').fill('Records enclosed with the repair tickets.');
    await alice.getByRole('button', { name: 'Send answer' }).click();
    await expect(alice.getByTestId('case-complaint')).toContainText('Your answer: Records enclosed with the repair tickets.');
    expect(await fitsWidth(alice)).toBe(true);
    await shot(alice, 'holder-en-phone');
    await alice.context().close();
  }, 300_000);
});
