import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_USERS } from '@gbt/auth';
// The whole-system test tooling lives in tools/, which is no Nx project: the same helpers every end-to-end test uses.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startStack, type Stack } from '../../../tools/e2e/stack';
import { DIST, ensureBuilt } from '../server/build';
import { startConsoleProcess, type ConsoleProcess } from '../server/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ConsoleStack {
  readonly stack: Stack;
  readonly server: ConsoleProcess;
  readonly browser: Browser;
  /** The console's address. */
  readonly base: string;
  stop(): Promise<void>;
}

/**
 * The four services as `npm start` runs them, the console server in its own process in demo mode
 * (the sign-in page offers the demo users, with tokens of this stack) and Debian's headless Chromium.
 */
export async function startConsoleStack(): Promise<ConsoleStack> {
  ensureBuilt();
  const [stack, browser] = await Promise.all([
    startStack(),
    chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] }),
  ]);
  const scratch = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  const tokensFile = join(scratch, 'tokens.json');
  writeFileSync(tokensFile, JSON.stringify(Object.fromEntries(DEMO_USERS.map((u) => [u.id, { name: u.name, roles: u.roles, token: stack.platform.token(u.id) }]))));
  const services = { applications: stack.url('applications'), 'evidence-review': stack.url('evidence-review'), scoring: stack.url('scoring'), certificates: stack.url('certificates'), directory: stack.url('directory') };
  const server = await startConsoleProcess({ dist: DIST, services, demo: true, demoTokensFile: tokensFile });
  return {
    stack,
    server,
    browser,
    base: server.url,
    stop: async () => {
      await browser.close();
      await server.stop();
      await stack.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** A phone-sized page (390 x 844) in a language, whose console errors and page errors go to `errors` labelled `who`. */
export async function phonePage(browser: Browser, lang: 'zh-CN' | 'en', who: string, errors: string[]): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  await ctx.addInitScript(`localStorage.setItem('console.lang', ${JSON.stringify(lang)})`);
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(`${who}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
  return page;
}

/** Signs a demo person in with the sign-in page's one-click button and waits to land on `path`. */
export async function demoSignIn(page: Page, base: string, user: string, path: string): Promise<void> {
  await page.goto(`${base}/signin?next=${encodeURIComponent(path)}`);
  await page.click(`button[data-user="${user}"]`);
  await page.waitForURL((url) => url.pathname === path);
}
