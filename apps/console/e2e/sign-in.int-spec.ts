import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
// The whole-system test tooling lives in tools/, which is no Nx project: the same helpers every end-to-end test uses.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually, registerOrganisation, send, type Platform } from '../../../tools/scenario';
import { ROOT } from '../server/build';
import { startConsoleStack, type ConsoleStack } from './console-stack';
// playwright-core has no test runner: its web-first assertions come from a small local adapter.
import { expect } from './expect';

/** Screenshots of sign-in and the administrator's pages, zh and en, desktop and phone: git-ignored. */
const SHOTS = join(ROOT, '.infra', 'screenshots', 'sign-in');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1360, height: 900 };
type Lang = 'zh-CN' | 'en';
const WORDS = {
  'zh-CN': { signOut: '退出', expiring: '60 天内到期', wrongPassword: '邮箱或密码错误。' },
  en: { signOut: 'Sign out', expiring: 'ends within 60 days', wrongPassword: 'The email address or the password is wrong.' },
} as const;
const PASSWORD = 'correct horse battery staple';

/** The code an authenticator app shows now for a base32 secret (RFC 6238 as the directory checks it). */
const totpNow = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
/**
 * The code of the next 30 s step, which the directory takes too (one step of clock drift): a code is
 * good once, so a sign-in right after the enrolment cannot use the code the enrolment used.
 */
const totpNext = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + 30_000 });
const isoDay = (daysFromToday: number) => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);

/**
 * Sign-in through the directory in real headless Chromium, on the services and the directory as
 * `npm start` runs them: a company's first person registers, signs out and in with a password; an
 * administrator enrols an authenticator app (the code computed here), signs in with it, records a
 * qualification for a reviewer and sees it, with its expiry warning, in the staff list.
 */
describe('sign-in through the directory and the administrator’s pages in a browser', () => {
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

  async function open(lang: Lang, viewport = DESKTOP): Promise<Page> {
    const ctx = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
    // Browser-side code as text: this file is type-checked without the DOM's types.
    await ctx.addInitScript(`localStorage.setItem('console.lang', ${JSON.stringify(lang)})`);
    const page = await ctx.newPage();
    // A refused sign-in is a 4xx the page words; Chromium logs every failed fetch as an error, so only page errors count.
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  }
  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const fitsWidth = (p: Page) => p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  async function signInWithPassword(p: Page, email: string, totpSecret?: string): Promise<void> {
    await p.goto(`${base}/signin`);
    await p.getByTestId('signin-email').fill(email);
    await p.getByTestId('signin-password').fill(PASSWORD);
    await p.getByTestId('signin-submit').click();
    if (totpSecret) {
      await expect(p.getByTestId('signin-totp')).toBeVisible();
      await p.getByTestId('signin-totp').fill(totpNext(totpSecret));
      await p.getByTestId('signin-submit').click();
    }
    await expect(p.getByTestId('signed-in-as')).toBeVisible();
  }

  it.each([
    ['zh-CN', PHONE],
    ['en', DESKTOP],
  ] as const)('registers a company person, who signs out and in again with the password (%s)', async (lang, viewport) => {
    const p = await open(lang, viewport);
    const email = `first.${lang.toLowerCase()}.${Date.now()}@example.cn`;
    await p.goto(`${base}/register`);
    await p.getByTestId('register-name').fill(`First ${lang}`);
    await p.getByTestId('register-email').fill(email);
    await p.getByTestId('register-password').fill(PASSWORD);
    await shot(p, `register-${lang}-${viewport.width}`);
    expect(await fitsWidth(p)).toBe(true);
    await p.getByRole('button', { name: lang === 'en' ? 'Register and sign in' : '注册并登录' }).click();
    await p.waitForURL((url) => url.pathname === '/organisations/new');
    await expect(p.getByTestId('signed-in-as')).toHaveText(`First ${lang}`);

    await p.getByRole('button', { name: WORDS[lang].signOut }).click();
    await p.waitForURL((url) => url.pathname === '/signin');
    await expect(p.getByTestId('signed-in-as')).not.toBeVisible();
    // The refresh token is gone with the sign-out: a reload does not sign back in.
    await p.goto(`${base}/`);
    await p.waitForURL((url) => url.pathname === '/signin');

    await p.getByTestId('signin-email').fill(email);
    await p.getByTestId('signin-password').fill('not the password at all');
    await p.getByTestId('signin-submit').click();
    await expect(p.getByTestId('error')).toContainText(WORDS[lang].wrongPassword);
    await shot(p, `signin-refused-${lang}-${viewport.width}`);
    await signInWithPassword(p, email);
    // A reload keeps the sign-in: the access token lived in memory, the kept refresh token gets a new one.
    await p.reload();
    await expect(p.getByTestId('signed-in-as')).toHaveText(`First ${lang}`);
    // A second factor is optional for an applicant: enrolled from their own account page, asked for at the next sign-in.
    await p.getByTestId('signed-in-as').click();
    await p.getByRole('button', { name: lang === 'en' ? 'Set up an authenticator app' : '绑定身份验证器应用' }).click();
    await expect(p.getByTestId('totp-secret')).toBeVisible();
    const secret = (await p.getByTestId('totp-secret').textContent()) ?? '';
    await p.getByTestId('totp-code').fill(totpNow(secret));
    await p.getByRole('button', { name: lang === 'en' ? 'Turn on and sign in' : '启用并登录' }).click();
    await expect(p.getByRole('status')).toBeVisible();
    await p.getByRole('button', { name: WORDS[lang].signOut }).click();
    await p.waitForURL((url) => url.pathname === '/signin');
    await signInWithPassword(p, email, secret);
    await p.context().close();
  }, 120_000);

  it.each([
    ['en', DESKTOP],
    ['zh-CN', PHONE],
  ] as const)('an administrator enrols TOTP, signs in with it and records a qualification seen in the staff list (%s)', async (lang, viewport) => {
    const email = `admin.${lang.toLowerCase()}.${Date.now()}@example.cn`;
    await send(platform, 'directory', 'POST', '/staff', { as: 'ada.admin', json: { name: `Admin ${lang}`, email, roles: ['administrator'], password: PASSWORD } });
    const p = await open(lang, viewport);
    await p.goto(`${base}/signin`);
    await p.getByTestId('signin-email').fill(email);
    await p.getByTestId('signin-password').fill(PASSWORD);
    await p.getByTestId('signin-submit').click();
    // An administrator must have a second factor: the directory hands an enrolment ticket, the page the secret.
    await expect(p.getByTestId('totp-secret')).toBeVisible();
    await expect(p.getByTestId('totp-uri')).toContainText('otpauth://totp/');
    await shot(p, `totp-enrolment-${lang}-${viewport.width}`);
    const secret = (await p.getByTestId('totp-secret').textContent()) ?? '';
    await p.getByTestId('totp-code').fill(totpNow(secret));
    await p.getByRole('button', { name: lang === 'en' ? 'Turn on and sign in' : '启用并登录' }).click();
    await expect(p.getByTestId('signed-in-as')).toHaveText(`Admin ${lang}`);
    await p.getByRole('button', { name: WORDS[lang].signOut }).click();
    await p.waitForURL((url) => url.pathname === '/signin');

    await signInWithPassword(p, email, secret);
    await p.goto(`${base}/staff/${encodeURIComponent('rita.reviewer')}`);
    const registration = `CCAA-${lang}-${Date.now()}`;
    await p.getByTestId('qualification-productCategories').fill('家用电器, 电子产品');
    await p.getByTestId('qualification-registrationNumber').fill(registration);
    await p.getByTestId('qualification-validFrom').fill(isoDay(-300));
    await p.getByTestId('qualification-validUntil').fill(isoDay(30));
    await p.getByRole('button', { name: lang === 'en' ? 'Record a qualification' : '登记资格' }).click();
    await expect(p.getByTestId('person-history')).toContainText(lang === 'en' ? 'Qualification recorded' : '已登记资格');
    await shot(p, `person-${lang}-${viewport.width}`);
    expect(await fitsWidth(p)).toBe(true);

    await p.goto(`${base}/staff`);
    const rita = p.locator('[data-person="rita.reviewer"]');
    await expect(rita).toContainText(registration);
    await expect(rita).toContainText(WORDS[lang].expiring);
    await shot(p, `staff-${lang}-${viewport.width}`);
    expect(await fitsWidth(p)).toBe(true);
    await p.context().close();
  }, 120_000);

  it('an applicant invites a colleague from the members page, who follows the demo outbox link in, and resets a forgotten password the same way (zh, phone)', async () => {
    const { organisationId } = await registerOrganisation(platform, 'alice.applicant', { name: '邀请电器 Invitation Appliances' });
    // The directory makes Alice the first member once it has read the registration from Kafka.
    await eventually('Alice is a member in the directory', async () => {
      const members = await send<{ members: string[] }>(platform, 'directory', 'GET', `/organisations/${organisationId}/members`, { as: 'alice.applicant' });
      return members.body.members.includes('alice.applicant');
    });
    const alice = await open('zh-CN', PHONE);
    await alice.goto(`${base}/signin`);
    await alice.click('button[data-user="alice.applicant"]');
    await expect(alice.getByTestId('signed-in-as')).toBeVisible();
    await alice.goto(`${base}/members`);
    const colleague = `colleague.${Date.now()}@example.cn`;
    await alice.getByTestId('invite-email').fill(colleague);
    await alice.getByRole('button', { name: '邀请', exact: true }).click();
    await expect(alice.getByTestId('invitations')).toContainText(colleague);
    await shot(alice, 'members-zh-CN-390');
    expect(await fitsWidth(alice)).toBe(true);
    await alice.context().close();

    const p = await open('zh-CN', PHONE);
    await p.goto(`${base}/demo/mails`);
    await p.locator(`[data-to="${colleague}"] a`).first().click();
    await p.waitForURL((url) => url.pathname === '/invitation');
    await p.getByRole('textbox', { name: '姓名' }).fill('Colleague Chen');
    await p.getByRole('textbox', { name: '新密码' }).fill(PASSWORD);
    await p.getByRole('button', { name: '接受邀请' }).click();
    await expect(p.getByTestId('signed-in-as')).toHaveText('Colleague Chen');
    await p.getByRole('button', { name: WORDS['zh-CN'].signOut }).click();
    await p.waitForURL((url) => url.pathname === '/signin');

    await p.goto(`${base}/password-reset`);
    await p.getByRole('textbox', { name: '电子邮箱' }).fill(colleague);
    await p.getByRole('button', { name: '发送重设链接' }).click();
    await expect(p.getByTestId('reset-requested')).toBeVisible();
    await p.goto(`${base}/demo/mails`);
    await shot(p, 'demo-mails-zh-CN-390');
    await p.locator(`[data-to="${colleague}"] a[href^="/password-reset"]`).first().click();
    await p.getByRole('textbox', { name: '新密码' }).fill(`${PASSWORD} again`);
    await p.getByRole('button', { name: '设置新密码' }).click();
    await expect(p.getByTestId('password-set')).toBeVisible();
    await p.goto(`${base}/signin`);
    await p.getByTestId('signin-email').fill(colleague);
    await p.getByTestId('signin-password').fill(`${PASSWORD} again`);
    await p.getByTestId('signin-submit').click();
    await expect(p.getByTestId('signed-in-as')).toHaveText('Colleague Chen');
    await p.context().close();
  }, 120_000);
});
