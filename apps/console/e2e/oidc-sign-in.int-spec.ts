import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '@gbt/testing';
// The test provider and the whole-system stack live outside the console project: the same helpers the directory's and end-to-end tests use.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTestProvider, type TestProvider } from '../../directory/src/testing/oidc-provider';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startStack } from '../../../tools/e2e/stack';
import { DIST, ensureBuilt, ROOT } from '../server/build';
import { startConsoleProcess, type ConsoleProcess } from '../server/testing';
// playwright-core has no test runner: its web-first assertions come from a small local adapter.
import { expect } from './expect';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, '.infra', 'screenshots', 'oidc');
const PHONE = { width: 390, height: 844 };
const OIDC_ENV = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI', 'OIDC_PROVIDER_NAME', 'OIDC_SCOPE', 'OIDC_ROLE_CLAIM', 'OIDC_ROLE_MAP'] as const;

/**
 * Sign-in with the body's identity provider in real headless Chromium: the console's button sends
 * the browser to a real OpenID provider (oidc-provider, started here), the person signs in at its
 * form, and the console's callback page finishes the sign-in at the directory (code + PKCE).
 */
describe('sign-in with the body’s identity provider in a browser', () => {
  let provider: TestProvider;
  let stack: Awaited<ReturnType<typeof startStack>>;
  let server: ConsoleProcess;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(SHOTS, { recursive: true });
    // The console's port is chosen first: the provider's client and the directory name its callback.
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/oidc/callback`;
    provider = await startTestProvider('console', redirectUri, { 'mei.lin': { email: `mei.lin.${Date.now()}@cb.example`, email_verified: true, name: 'Lin Mei', groups: ['cb-reviewers'] } });
    // The stack's services take their settings from this process's environment, as `npm start` does.
    Object.assign(process.env, {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_PROVIDER_NAME: 'CB SSO',
      OIDC_SCOPE: 'openid profile email groups',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: JSON.stringify({ 'cb-reviewers': 'reviewer' }),
    });
    try {
      stack = await startStack(['directory']);
    } finally {
      for (const name of OIDC_ENV) delete process.env[name];
    }
    const directory = stack.url('directory');
    server = await startConsoleProcess({ dist: DIST, port, services: { applications: directory, 'evidence-review': directory, scoring: directory, certificates: directory, directory } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await stack?.stop();
    await provider?.stop();
    expect(errors).toEqual([]);
  }, 90_000);

  async function open(lang: 'zh-CN' | 'en'): Promise<Page> {
    const ctx = await browser.newContext({ viewport: PHONE, isMobile: true });
    await ctx.addInitScript(`localStorage.setItem('console.lang', ${JSON.stringify(lang)})`);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  }

  it.each([
    ['zh-CN', '通过 CB SSO 登录'],
    ['en', 'Sign in with CB SSO'],
  ] as const)('signs a reviewer in at the provider and back in the console as the directory person with the mapped role (%s, 390 px)', async (lang, button) => {
    const p = await open(lang);
    await p.goto(`${server.url}/signin?next=${encodeURIComponent('/account')}`);
    await expect(p.getByTestId('signin-oidc')).toHaveText(button);
    expect(await p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await p.screenshot({ path: join(SHOTS, `signin-${lang}.png`), fullPage: true });
    await p.getByTestId('signin-oidc').click();
    await p.waitForURL((url) => url.origin === provider.issuer);
    await p.getByTestId('op-account').fill('mei.lin');
    await p.getByTestId('op-submit').click();
    await p.waitForURL((url) => url.origin === server.url && url.pathname === '/account');
    await expect(p.getByTestId('signed-in-as')).toHaveText('Lin Mei');
    const me = (await p.evaluate<unknown>(`fetch('/api/directory/auth/oidc').then((r) => r.json())`)) as { configured: boolean };
    expect(me.configured).toBe(true);
    await p.context().close();
  }, 120_000);

  it('refuses a callback whose state this tab did not start (a sign-in started elsewhere)', async () => {
    const p = await open('en');
    await p.goto(`${server.url}/oidc/callback?code=stolen&state=${'s'.repeat(43)}`);
    await expect(p.getByTestId('error')).toContainText('This sign-in was not started in this browser tab');
    await expect(p.getByTestId('signed-in-as')).not.toBeVisible();
    await p.context().close();
  }, 60_000);
});
