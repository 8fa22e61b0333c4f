import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { embeddedCertificate, verifySealedPdf } from '@gbt/certificate-core';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { applyAndAccept, CAST, certificateOf, evaluate, grant, publishedKeys, recordSurveillance, registryEntry, send, suspend, validityOn, verificationPage, waitForCase, waitForCertificate, waitForRegistry, withdraw, type Platform } from '../../../tools/scenario';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { verifyCommand } from '../../../tools/verify-certificate';
import { ROOT } from '../server/build';
import { startConsoleStack, type ConsoleStack } from './console-stack';
import { expect } from './expect';

/** Screenshots for people to look at (git-ignored). */
const SHOTS = join(ROOT, '.infra', 'screenshots', 'dates');
const DAY = 86_400_000;

interface Issued {
  readonly caseId: string;
  readonly number: string;
}
/** What every surface must say: calendar dates in Asia/Shanghai, valid through the end of the last. */
interface Dates {
  readonly validFrom: string;
  readonly validUntil: string;
}

/**
 * One validity rule on five surfaces (issue 17, ADR 26): two certificates granted on the service
 * clock either side of midnight in Shanghai (23:55 on 30 November and 00:30 on 1 December 2026),
 * and the PDF, the public registry, the QR verification page (and the validity check), the console
 * in Chromium and the offline verifier all give the same dates; at the end of the last day the
 * first expires on every surface at once while the second is still valid. A certificate no longer
 * valid downloads as a PDF stamped with its status (expired, suspended, withdrawn) and the day it
 * began, sealed like the original, while the signed JSON stays the one issued.
 */
describe('certificate dates and stamped PDFs on every public surface, around midnight in Shanghai', () => {
  let running: ConsoleStack | undefined;
  let p: Platform;

  beforeAll(async () => {
    running = await startConsoleStack();
    p = running.stack.platform;
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(() => running?.stop(), 90_000);

  const stack = () => (running as ConsoleStack).stack;

  async function pdfOf(number: string): Promise<{ bytes: Buffer; status: string | null }> {
    const response = await fetch(`${p.url('certificates')}/registry/certificates/${encodeURIComponent(number)}/certificate.pdf`);
    expect(response.status).toBe(200);
    return { bytes: Buffer.from(await response.arrayBuffer()), status: response.headers.get('x-certificate-status') };
  }

  /** The console's public verify page and the holder's case page in Chromium, in a time zone far from Shanghai. */
  async function consoleShows(issued: Issued, lang: 'zh-CN' | 'en', name: string): Promise<{ validity: string; status: string; panel: string }> {
    const ctx = await (running as ConsoleStack).browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript(`localStorage.setItem('console.lang', ${JSON.stringify(lang)}); localStorage.setItem('console.zone', 'America/New_York')`);
    try {
      const page: Page = await ctx.newPage();
      await page.goto(`${(running as ConsoleStack).base}/verify/${encodeURIComponent(issued.number)}`);
      const validity = (await page.getByTestId('verify-validity').innerText()).trim();
      const status = `${(await page.getByTestId('verify-status').innerText()).trim()}: ${(await page.getByTestId('verify-reason').innerText()).trim()}`;
      await page.screenshot({ path: join(SHOTS, `${name}-verify-${lang}.png`), fullPage: true });
      await page.goto(`${(running as ConsoleStack).base}/signin?next=${encodeURIComponent(`/cases/${issued.caseId}`)}`);
      await page.click(`button[data-user="${CAST.applicant}"]`);
      await page.waitForURL((url) => url.pathname === `/cases/${issued.caseId}`);
      const panel = (await page.getByTestId('certificate').innerText()).trim();
      await page.screenshot({ path: join(SHOTS, `${name}-case-${lang}.png`), fullPage: true });
      return { validity, status, panel };
    } finally {
      await ctx.close();
    }
  }

  /** The five surfaces for one certificate now: each must state `dates`. */
  async function fiveSurfaces(issued: Issued, dates: Dates, name: string) {
    const { number } = issued;
    // 1. The PDF: the signed data it was rendered from (attached inside it) and the dates in its bytes.
    const pdf = await pdfOf(number);
    const attached = embeddedCertificate(pdf.bytes) as { payload: { issuedOn: string; validUntil: string } };
    expect({ issuedOn: attached.payload.issuedOn, validUntil: attached.payload.validUntil }).toEqual({ issuedOn: dates.validFrom, validUntil: dates.validUntil });
    expect(pdf.bytes.toString('latin1')).toContain(`(issued ${dates.validFrom}; valid until ${dates.validUntil}`);
    // 2. The public registry.
    const entry = await registryEntry(p, number);
    expect({ validFrom: entry.validFrom, validUntil: entry.validUntil }).toEqual(dates);
    // 3. The QR verification page and the validity check: valid through the last day, not the day after.
    const page = await verificationPage(p, number);
    expect(page).toContain(`data-valid-from="${dates.validFrom}" data-valid-until="${dates.validUntil}"`);
    expect(await validityOn(p, number, dates.validUntil)).toMatchObject({ valid: true });
    const dayAfter = new Date(Date.parse(`${dates.validUntil}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    expect(await validityOn(p, number, dayAfter)).toMatchObject({ valid: false, status: 'expired', code: 'validity.ended', params: { validUntil: dates.validUntil } });
    // 4. The console, in Chinese and English, with its time zone set to New York.
    for (const lang of ['zh-CN', 'en'] as const) {
      const shown = await consoleShows(issued, lang, name);
      expect(shown.validity).toBe(`${dates.validFrom} – ${dates.validUntil}`);
      expect(shown.panel).toContain(`${dates.validFrom} – ${dates.validUntil}`);
    }
    // 5. The offline verifier asking the registry.
    const cli = await verifyCommand([number, '--registry', p.url('certificates')]);
    expect(cli.stdout).toContain(`valid until ${dates.validUntil})`);
    return { entry, pdf, cli };
  }

  async function issue(name: string, at: string): Promise<Issued> {
    const applied = await applyAndAccept(p, CAST, { name });
    const scored = await evaluate(p, CAST, applied.caseId);
    await stack().setNow(at);
    const { certificateNumber } = await grant(p, CAST.decider, applied.caseId, scored.score?.level ?? 'five-star');
    await waitForCertificate(p, CAST.applicant, applied.caseId, certificateNumber);
    return { caseId: applied.caseId, number: certificateNumber };
  }

  it('gives the same dates everywhere, expires everywhere at the end of the last day, and stamps what is no longer valid', async () => {
    await stack().setNow('2026-11-30T06:00:00Z');
    // Granted at 23:55 on 30 November in Shanghai (15:55 UTC) and at 00:30 on 1 December (16:30 UTC the same UTC day).
    const evening = await issue('福州晚间电器 Evening Appliances', '2026-11-30T15:55:00Z');
    const night = await issue('福州子夜电器 Midnight Appliances', '2026-11-30T16:30:00Z');
    const eveningView = await waitForCase(p, CAST.applicant, evening.caseId, 'to be certified', (c) => c.status === 'certified');
    const nightView = await waitForCase(p, CAST.applicant, night.caseId, 'to be certified', (c) => c.status === 'certified');
    // The lifecycle's instants: granted before / after Shanghai midnight, ending at Shanghai midnight after the last day.
    expect(certificateOf(eveningView).validFrom < '2026-11-30T16:00:00.000Z').toBe(true);
    expect(certificateOf(eveningView).validUntil).toBe('2029-11-29T16:00:00.000Z');
    expect(certificateOf(nightView).validUntil).toBe('2029-11-30T16:00:00.000Z');

    const eveningDates = { validFrom: '2026-11-30', validUntil: '2029-11-29' };
    const nightDates = { validFrom: '2026-12-01', validUntil: '2029-11-30' };
    const issuedJson = await send(p, 'certificates', 'GET', `/registry/certificates/${night.number}/certificate.json`, { expect: 200 });
    const atIssue = await fiveSurfaces(evening, eveningDates, 'issued-2355');
    expect(atIssue.pdf.status).toBe('valid');
    expect(atIssue.cli).toMatchObject({ code: 0 });
    expect(atIssue.entry.standing).toMatchObject({ status: 'valid', reason: 'issued', params: { validUntil: eveningDates.validUntil } });
    await fiveSurfaces(night, nightDates, 'issued-0030');

    // Three years on, every surveillance passed in time (as the demo's expired certificate).
    for (let round = 1; ; round++) {
      const dueBy = certificateOf(await waitForCase(p, CAST.applicant, evening.caseId, 'to be certified', (c) => c.status === 'certified')).nextSurveillanceBy;
      if (dueBy >= certificateOf(eveningView).validUntil) break;
      await stack().setNow(new Date(Date.parse(dueBy) - 50 * DAY));
      for (const c of [evening, night]) {
        const due = await waitForCase(p, CAST.applicant, c.caseId, `to show surveillance ${round} due`, (v) => v.surveillanceDueBy !== null);
        await recordSurveillance(p, CAST.verifier, c.number, { passed: true });
        await waitForCase(p, CAST.applicant, c.caseId, `to record surveillance ${round}`, (v) => v.surveillanceDueBy === null && v.certificate?.nextSurveillanceBy !== due.certificate?.nextSurveillanceBy);
      }
    }

    // 23:58 on its last day in Shanghai: still valid.
    await stack().setNow('2029-11-29T15:58:00Z');
    expect((await registryEntry(p, evening.number)).standing).toMatchObject({ status: 'valid' });
    expect(await verifyCommand([evening.number, '--registry', p.url('certificates')])).toMatchObject({ code: 0 });

    // Midnight: the expiry timer fires; every surface says expired, through the same last day.
    await stack().setNow('2029-11-29T16:00:05Z');
    await waitForCase(p, CAST.applicant, evening.caseId, 'to expire', (c) => c.status === 'expired');
    const expired = await waitForRegistry(p, evening.number, 'expired');
    expect(expired.standing).toMatchObject({ status: 'expired', reason: 'validity-ended', params: { since: '2029-11-29T16:00:00.000Z', validUntil: '2029-11-29' } });
    expect(expired.history.at(-1)).toMatchObject({ change: 'expired', code: 'certificate.expired', params: { validUntil: '2029-11-29' } });
    const afterExpiry = await fiveSurfaces(evening, eveningDates, 'expired');
    expect(afterExpiry.cli).toMatchObject({ code: 3 });
    expect(afterExpiry.cli.stdout).toContain('STATUS expired validity-ended {"since":"2029-11-29T16:00:00.000Z","validUntil":"2029-11-29"}');
    // Stamped, and still the sealed, genuine certificate.
    const keys = await publishedKeys(p);
    expect(afterExpiry.pdf.status).toBe('expired');
    expect(afterExpiry.pdf.bytes.toString('latin1')).toContain('EXPIRED since 2029-11-30)');
    expect(verifySealedPdf(afterExpiry.pdf.bytes, keys)).toMatchObject({ valid: true });
    const expiredPage = await consoleShows(evening, 'zh-CN', 'expired-status');
    expect(expiredPage.status).toContain('过期');
    expect(expiredPage.status).toContain('有效期至 2029-11-29，已届满');
    // The other was granted half an hour later by the clock, but on the next day in Shanghai: valid one day more.
    const stillValid = await registryEntry(p, night.number);
    expect(stillValid.standing).toMatchObject({ status: 'valid' });
    expect((await pdfOf(night.number)).status).toBe('valid');

    // Suspended, then withdrawn: each downloads stamped with its status and day; the signed JSON stays as issued.
    await suspend(p, CAST.decider, night.number, '投诉处理超时 complaints unanswered');
    await waitForRegistry(p, night.number, 'suspended');
    const suspendedPdf = await pdfOf(night.number);
    expect(suspendedPdf.status).toBe('suspended');
    expect(suspendedPdf.bytes.toString('latin1')).toContain('(issued 2026-12-01; valid until 2029-11-30; SUSPENDED since 2029-11-30)');
    expect(verifySealedPdf(suspendedPdf.bytes, keys)).toMatchObject({ valid: true });
    await withdraw(p, CAST.decider, night.number, '虚假宣传 false claims');
    const withdrawn = await waitForRegistry(p, night.number, 'withdrawn');
    const withdrawnPdf = await pdfOf(night.number);
    expect(withdrawnPdf.status).toBe('withdrawn');
    expect(withdrawnPdf.bytes.toString('latin1')).toContain('WITHDRAWN since 2029-11-30)');
    expect(verifySealedPdf(withdrawnPdf.bytes, keys)).toMatchObject({ valid: true });
    expect(embeddedCertificate(withdrawnPdf.bytes)).toEqual(issuedJson.body);
    expect((await send(p, 'certificates', 'GET', `/registry/certificates/${night.number}/certificate.json`, { expect: 200 })).body).toEqual(issuedJson.body);
    expect(withdrawn.history.map((h) => h.code)).toEqual(['certificate.issued', ...withdrawn.history.slice(1, -2).map(() => 'certificate.surveillance-passed'), 'certificate.suspended', 'certificate.withdrawn']);
    const withdrawnPage = await consoleShows(night, 'en', 'withdrawn-status');
    expect(withdrawnPage.status).toContain('Withdrawn on 2029-11-30: 虚假宣传 false claims');
  }, 1_200_000);
});
