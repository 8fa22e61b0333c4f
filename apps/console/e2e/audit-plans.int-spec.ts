import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { shanghaiDate } from '@gbt/certificate-core';
import { certificationCaseEvents, EventRegistry, Topics } from '@gbt/contracts';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka } from '@gbt/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { applyAndAccept, CAST, send } from '../../../tools/scenario';
import { ROOT } from '../server/build';
import { demoSignIn, phonePage, startConsoleStack, type ConsoleStack } from './console-stack';
// playwright-core has no test runner: its web-first assertions come from a small local adapter.
import { expect } from './expect';

/** Screenshots for people to look at: git-ignored. */
const SHOTS = join(ROOT, '.infra', 'screenshots', 'audit-plans');
const PHONE = { width: 390, height: 844 };

/**
 * Issue 19's audit plan in the console, on a 390 px phone: the lead proposes the initial audit's
 * plan (a refused one worded from the library's problem codes), reads the man-day lines and the
 * sampled outlets with why and the seed (zh); the applicant confirms the revision shown (en); a
 * reviewer's site task names the outlet to visit (zh); a surveillance timer puts the plan to make
 * on the lead's home page (en).
 */
describe('the audit plan in the console', () => {
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
    // The refused proposal's 422 is logged by the browser once.
    expect(errors.filter((e) => !/422/.test(e))).toEqual([]);
  }, 90_000);

  const phone = (lang: 'zh-CN' | 'en', who: string) => phonePage(browser, lang, who, errors);
  const signIn = (p: Page, user: string, path: string) => demoSignIn(p, base, user, path);
  // Against the phone's width itself: a mobile page wider than its viewport is zoomed out, not clipped.
  const fits = (p: Page) => p.evaluate<boolean>(`document.documentElement.scrollWidth <= ${PHONE.width}`);
  const fitsElement = (p: Page, testId: string) => p.evaluate<boolean>(`document.querySelector('[data-testid="${testId}"]').getBoundingClientRect().right <= ${PHONE.width}`);

  it('lets the lead propose and the applicant confirm, worded in zh and en, on a phone', async () => {
    const outlets = Array.from({ length: 9 }, (_, i) => ({ name: `鼓楼门店 ${i + 1} Gulou outlet`, address: `福州市五四路 ${i + 1} 号 ${i + 1} Wusi Road, Fuzhou` }));
    const { caseId } = await applyAndAccept((running as ConsoleStack).stack.platform, CAST, { name: '福州连锁电器 Fuzhou Chain Appliances', outlets, employees: 40 });
    const path = `/cases/${caseId}/audit-plans`;

    const lead = await phone('zh-CN', 'lena.lead');
    await signIn(lead, CAST.lead, path);
    const initial = lead.locator('#audit-initial');
    await expect(initial).toContainText('未策划', { timeout: 60_000 });
    const form = lead.getByTestId('propose-initial');
    await form.getByLabel('开始日期').fill('2027-03-08');
    await form.getByLabel('结束日期').fill('2027-03-08');
    await form.getByLabel('审核组长（人员编号）').fill(CAST.reviewer);
    await form.getByRole('button', { name: '提出审核计划' }).click();
    // One auditor for one day cannot spend the on-site time: the library's problem, worded.
    await expect(form.getByTestId('plan-problems')).toContainText('1 名审核员在 1 天内完成不了');
    await form.getByLabel('结束日期').fill('2027-03-10');
    await form.getByLabel('审核员（人员编号）').fill(CAST.verifier);
    await form.getByRole('button', { name: '提出审核计划' }).click();
    await expect(form.getByRole('status')).toContainText('已提出第 1 版');
    await expect(initial).toContainText('已提出，等待申请人确认');
    await expect(initial.getByTestId('man-days')).toContainText('员工 40 人，所在档 11 至 50 人');
    await expect(initial.getByTestId('man-days')).toContainText('走访 3 个网点');
    await expect(initial.getByTestId('sampled-outlet')).toHaveCount(3);
    await expect(initial.getByTestId('outlet-sample')).toContainText('共 9 个网点中走访 3 个');
    expect((await initial.getByTestId('sample-seed').innerText()).trim()).toMatch(/^[0-9a-f]{32}$/);
    expect(await fits(lead)).toBe(true);
    await lead.screenshot({ path: join(SHOTS, 'lead-proposed-zh-390.png'), fullPage: true });

    const alice = await phone('en', 'alice.applicant');
    await signIn(alice, CAST.applicant, path);
    const shown = alice.locator('#audit-initial');
    await expect(shown).toContainText('proposed, waiting for the applicant', { timeout: 30_000 });
    await expect(shown.getByTestId('man-days')).toContainText('3 outlets visited, 0.5 person-days on site each');
    await expect(shown.getByTestId('sampled-outlet').first()).toContainText('Gulou outlet');
    expect(await fits(alice)).toBe(true);
    await alice.screenshot({ path: join(SHOTS, 'applicant-asked-en-390.png'), fullPage: true });
    await alice.getByRole('button', { name: 'Confirm revision 1' }).click();
    // Answered, the plan shows as confirmed and asks nothing more.
    await expect(shown.getByTestId('audit-status-initial')).toContainText('confirmed');
    await expect(shown.getByRole('button', { name: 'Confirm revision 1' })).toHaveCount(0);
    await alice.screenshot({ path: join(SHOTS, 'applicant-confirmed-en-390.png'), fullPage: true });

    // The confirmed plan's site tasks: a reviewer's task page says which outlet to visit.
    const platform = (running as ConsoleStack).stack.platform;
    const programme = await send<{ audits: { plan: { sites: { id: string; name: string; address: string }[] } }[] }>(platform, 'evidence-review', 'GET', `/cases/${caseId}/audit-plans`, { as: CAST.applicant, expect: 200 });
    const site = programme.body.audits[0]!.plan.sites[0]!;
    const rita = await phone('zh-CN', 'rita.reviewer');
    await signIn(rita, CAST.reviewer, `/tasks/${caseId}.site.${site.id}`);
    await expect(rita.getByRole('heading', { name: `现场走访：${site.name}` })).toBeVisible({ timeout: 30_000 });
    await expect(rita.getByTestId('site-visit')).toContainText(site.address);
    expect(await fits(rita)).toBe(true);
    await rita.screenshot({ path: join(SHOTS, 'site-task-zh-390.png'), fullPage: true });

    // The surveillance timer fires (the lifecycle's fact, played here): the lead's home page lists the plan to make.
    const publisher = new EventPublisher(testKafka(), { registry: new EventRegistry(certificationCaseEvents), topicFor: () => Topics.certificationCase });
    try {
      await publisher.publish([testEnvelope('certification.surveillance-due', caseId, { dueBy: '2028-03-01T02:00:00.000Z' }, { streamVersion: 1_000, actor: 'certificates' })]);
    } finally {
      await publisher.disconnect();
    }
    const home = await phone('en', 'lena.lead home');
    await signIn(home, CAST.lead, '/');
    await expect(home.getByTestId('plans-due')).toContainText('First surveillance, due by 2028-03-01', { timeout: 30_000 });
    await expect(home.getByTestId('plans-due')).toContainText('Fuzhou Chain Appliances');
    expect(await fitsElement(home, 'plans-due')).toBe(true);
    await home.screenshot({ path: join(SHOTS, 'lead-home-plans-due-en-390.png'), fullPage: true });
  }, 300_000);

  it("shows a surveillance plan's site tasks, lets its auditor record a finding, and flags the outlet, zh and en, on a phone", async () => {
    const platform = (running as ConsoleStack).stack.platform;
    const outlets = Array.from({ length: 9 }, (_, i) => ({ name: `仓山门店 ${i + 1} Cangshan outlet`, address: `福州市仓山区 ${i + 1} 号 ${i + 1} Cangshan Road, Fuzhou` }));
    const { caseId } = await applyAndAccept(platform, CAST, { name: '仓山连锁 Cangshan Chain', outlets, employees: 40 });
    const plans = `/cases/${caseId}/audit-plans`;
    type Programme = { outlets: { id: string; name: string }[]; audits: { plan: { outletSample: { outlets: { id: string }[] } } | null }[] };
    await expect(async () => {
      const known = await send<Programme>(platform, 'evidence-review', 'GET', plans, { as: CAST.applicant, expect: 200 });
      if (known.body.outlets.length !== 9) throw new Error('evidence review does not know the outlets yet');
    }).toPass({ timeout: 60_000 });
    const team = [{ personId: CAST.reviewer, role: 'lead-auditor' }, { personId: CAST.verifier, role: 'auditor' }];
    // The audit begins today (the stack's Beijing date): its visits may be recorded from its first day.
    const now = (running as ConsoleStack).stack.now();
    const [startDate, endDate] = [shanghaiDate(now), shanghaiDate(new Date(now.getTime() + 86_400_000))];
    await send(platform, 'evidence-review', 'POST', `${plans}/surveillance-1`, { as: CAST.lead, json: { mode: 'on-site', startDate, endDate, team }, expect: 201 });
    await send(platform, 'evidence-review', 'POST', `${plans}/surveillance-1/confirmation`, { as: CAST.applicant, json: { revision: 1 }, expect: 200 });
    const programme = (await send<Programme>(platform, 'evidence-review', 'GET', plans, { as: CAST.applicant, expect: 200 })).body;
    const sampled = programme.audits[1]!.plan!.outletSample.outlets.map((o) => o.id);
    const outlet = programme.outlets.find((o) => o.id === sampled[0])!;

    // The plan's lead auditor sees a site task per sampled outlet and records a finding at the first.
    const rita = await phone('zh-CN', 'rita.reviewer surveillance');
    // Her home page queues the outlets she is to visit; each leads to the case's audit page.
    await signIn(rita, CAST.reviewer, '/');
    await expect(async () => {
      await rita.reload();
      await expect(rita.getByTestId('site-visits-due')).toContainText(outlet.name, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(rita.getByTestId('site-visits-due')).toContainText(`仓山连锁 Cangshan Chain，第一次监督审核，${startDate} 至 ${endDate}`);
    expect(await fitsElement(rita, 'site-visits-due')).toBe(true);
    await rita.screenshot({ path: join(SHOTS, 'reviewer-home-visits-zh-390.png'), fullPage: true });
    await rita.getByTestId('site-visits-due').getByRole('link', { name: outlet.name }).click();
    const tasks = rita.getByTestId('site-tasks-surveillance-1');
    await expect(tasks.getByTestId('site-task')).toHaveCount(sampled.length, { timeout: 30_000 });
    await expect(tasks).toContainText(`共 ${sampled.length} 个网点，尚有 ${sampled.length} 个待走访`);
    const first = tasks.getByTestId('site-task').first();
    await first.locator('summary').click();
    const form = rita.getByTestId(`visit-${outlet.id}`);
    await form.getByLabel('走访结果').selectOption('finding');
    await form.getByLabel('在该网点发现的问题').fill('未张贴服务承诺 service pledge not displayed');
    await form.getByRole('button', { name: '记录走访结果' }).click();
    await expect(first).toContainText('已走访，有发现');
    await expect(first).toContainText('service pledge not displayed');
    expect(await fits(rita)).toBe(true);
    await rita.screenshot({ path: join(SHOTS, 'surveillance-site-tasks-zh-390.png'), fullPage: true });

    // The finding flags the outlet (read back from Kafka): the lead sees it, in en, for the next audit.
    const lena = await phone('en', 'lena.lead flags');
    await signIn(lena, CAST.lead, plans);
    await expect(async () => {
      await lena.reload();
      await expect(lena.getByTestId('flagged-outlets')).toContainText(outlet.name, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(lena.getByTestId('flagged-outlets')).toContainText('the next audit visits them in addition to its random draw');
    await expect(lena.getByTestId('site-tasks-surveillance-1')).toContainText('Visited, finding');
    expect(await fits(lena)).toBe(true);
    await lena.screenshot({ path: join(SHOTS, 'flagged-outlets-en-390.png'), fullPage: true });
  }, 300_000);
});
