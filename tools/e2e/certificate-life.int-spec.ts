import { randomUUID } from 'node:crypto';
import { certificateEvents, EventRegistry, reviewEvents, scorecardEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { verifyCertificate, verifySealedPdf } from '@gbt/certificate-core';
import { draftWithEvidence, startApplications, type Harness } from '../../apps/applications/src/testing/harness';
import { certificatesStream } from '../../apps/certificates/src/certificates/certificates.aggregate';
import { startCertificates, type CertificatesHarness } from '../../apps/certificates/src/testing/harness';
import { loadPublishedKeys } from '../verify-certificate';

const TOPIC_OF: Record<string, string> = { review: Topics.review, scoring: Topics.scorecard };
const at = (iso: string) => new Date(iso);

/**
 * Three years of one certificate with a fake clock: the applications service (the lifecycle's only
 * writer) and the certificates service on real Kafka, MongoDB-wire and Redis; the test plays the
 * reviewers' and scoring services' events.
 */
describe('a certificate\'s whole life: issue, surveillances, suspension, renewal, recertification, withdrawal', () => {
  let apps: Harness;
  let certs: CertificatesHarness;
  let publisher: EventPublisher;
  const versions = new Map<string, number>();

  beforeAll(async () => {
    apps = await startApplications();
    certs = await startCertificates({ clock: apps.clock });
    publisher = new EventPublisher(testKafka(), { registry: new EventRegistry([...reviewEvents, ...scorecardEvents, ...certificateEvents]), topicFor: (e) => TOPIC_OF[e.type.split('.')[0]!]! });
  });
  afterAll(async () => {
    await publisher.disconnect();
    await certs.close();
    await apps.close();
  });

  function external(type: string, actor: string, data: Record<string, unknown>): EventEnvelope {
    const streamId = `${type.split('.')[0]}-${data.caseId}`;
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    return testEnvelope(type, streamId, data, { streamVersion, actor, occurredAt: apps.clock.now() });
  }
  const lifecycle = async (caseId: string) => (await apps.http().get(`/cases/${caseId}`).set('authorization', apps.bearer('ada.admin')).expect(200)).body;
  const reaches = (caseId: string, test: (b: Record<string, any>) => boolean, what: string) =>
    waitFor(async () => {
      const body = await lifecycle(caseId);
      return test(body) ? body : undefined;
    }, 30_000, what);
  const registry = (number: string) => certs.http().get(`/registry/certificates/${number}`).expect(200).then((r) => r.body);
  const registryShows = (number: string, status: string) =>
    waitFor(async () => {
      const res = await certs.http().get(`/registry/certificates/${number}`);
      return res.status === 200 && res.body.status === status ? res.body : undefined;
    }, 30_000, `${number} to be ${status}`);
  const published = async (caseId: string) => (await certs.app.get(MongoEventStore).readStream(certificatesStream(caseId))).map((e) => e.type);
  const as = (user: string) => certs.as(user);

  /** The evaluation the test plays: a five-star (first) or four-star (recertification) result ready for a decision. */
  async function evaluate(caseId: string, scorecardId: string, score: number, level: string) {
    await publisher.publish([
      external('review.evaluator-assigned', 'lena.lead', { caseId, personId: 'rita.reviewer' }),
      external('review.document-review-completed', 'rita.reviewer', { caseId }),
      external('review.on-site-evaluation-completed', 'rita.reviewer', { caseId }),
      external('review.results-published', 'rita.reviewer', { caseId, catalogueVersion: 'gbt27922-2011.v1', findings: [], openNonconformitiesWaived: false }),
    ]);
    await reaches(caseId, (b) => b.phase === 'ready-for-scoring', 'ready for scoring');
    await publisher.publish([external('scoring.scorecard-issued', 'scoring-service', { caseId, scorecardId, catalogueVersion: 'gbt27922-2011.v1', score, level, specialDeductions: 0, passed: true, openNonconformitiesWaived: false })]);
    await reaches(caseId, (b) => b.status === 'decision-pending' || b.phase === 'decision-pending', 'decision pending');
  }

  let last = "";
  async function grant(caseId: string, level: string) {
    const basis = await waitFor(async () => {
      const res = await certs.http().get(`/cases/${caseId}/decision-basis`).set(as('dan.decider'));
      expect([200, 404]).toContain(res.status); // 404 until the case's first events arrive
      last = `${res.status} ${JSON.stringify(res.body).slice(0, 600)}`;
      const b = res.body;
      return b.awaitingDecision && b.scorecard && b.reviewReport ? b : undefined;
    }, 30_000, 'the decision basis').catch((e) => { throw new Error(`${e.message}: ${last}`); });
    const decided = await certs.http().post(`/cases/${caseId}/decision`).set(as('dan.decider'))
      .send({ outcome: 'grant', level, reasons: '评价结果符合要求 evaluation meets the standard', scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash })
      .expect(201);
    return decided.body.certificateNumber as string;
  }

  it('lives three years and every status change, timer and date query is right', async () => {
    const { caseId, version } = await draftWithEvidence(apps);
    const submitted = (await apps.http().post(`/cases/${caseId}/submit`).set('authorization', apps.bearer('alice.applicant')).set('if-match', `"${version}"`).expect(200)).body.version;
    await apps.http().post(`/cases/${caseId}/accept`).set('authorization', apps.bearer('lena.lead')).set('if-match', `"${submitted}"`).expect(200);
    await evaluate(caseId, `sc-${randomUUID()}`, 96.5, 'five-star');

    // Issue: 2027-03-01 10:00 in Shanghai.
    await certs.advanceTo(at('2027-03-01T02:00:00Z'));
    const first = await grant(caseId, 'five-star');
    expect(first).toMatch(/^GBT27922-2027-\d{6}-\d{2}$/);
    const issued = await reaches(caseId, (b) => b.status === 'certified', 'certified');
    expect(issued.certificate).toMatchObject({ number: first, level: 'five-star', validUntil: '2030-02-28T16:00:00.000Z', nextSurveillanceBy: '2028-03-01T02:00:00.000Z' });
    // Valid through 2030-02-28 in Shanghai (ADR 26): the registry says so as calendar dates.
    expect(await registryShows(first, 'valid')).toMatchObject({ holder: { creditCode: '91350100M000100Y43' }, level: 'five-star', levelName: { zh: '五星级' }, validFrom: '2027-03-01', validUntil: '2030-02-28' });

    // The signed certificate and its sealed PDF verify against the published keys; altered, they do not.
    const keys = loadPublishedKeys((await certs.http().get('/.well-known/certificate-keys.json').expect(200)).body);
    const signed = (await waitFor(async () => { const r = await certs.http().get(`/registry/certificates/${first}/certificate.json`); return r.status === 200 ? r : undefined; }, 30_000, 'the signed certificate')).body;
    expect(verifyCertificate(signed, keys)).toMatchObject({ valid: true });
    expect(verifyCertificate({ ...signed, payload: { ...signed.payload, level: 'compliant' } }, keys)).toMatchObject({ valid: false });
    const pdf = await waitFor(async () => {
      const r = await certs.http().get(`/registry/certificates/${first}/certificate.pdf`).buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
      return r.status === 200 ? (r.body as Buffer) : undefined;
    }, 60_000, 'the PDF to be rendered');
    expect(verifySealedPdf(pdf, keys)).toMatchObject({ valid: true });
    const tampered = Buffer.from(pdf);
    tampered[Math.floor(pdf.length / 2)] ^= 1;
    expect(verifySealedPdf(tampered, keys)).toMatchObject({ valid: false });

    // First surveillance: falls due 60 days ahead, reminded 30 days ahead, passed in time.
    await certs.advanceTo(at('2028-01-02T00:00:00Z'));
    await reaches(caseId, (b) => b.surveillanceDueBy === '2028-03-01T02:00:00.000Z', 'surveillance due');
    await certs.advanceTo(at('2028-02-05T00:00:00Z'));
    await certs.advanceTo(at('2028-02-10T02:00:00Z'));
    await certs.http().post(`/certificates/${first}/surveillance`).set(as('roy.reviewer')).send({ passed: true }).expect(202);
    await reaches(caseId, (b) => b.certificate.nextSurveillanceBy === '2029-02-10T02:00:00.000Z', 'the next surveillance date');
    await certs.advanceTo(at('2028-03-02T00:00:00Z')); // the first round's overdue timer fires and finds it passed
    expect((await lifecycle(caseId)).status).toBe('certified');

    // A scope extension issues version 2 of the same certificate, signed again.
    await certs.advanceTo(at('2028-06-01T02:00:00Z'));
    await certs.http().post(`/certificates/${first}/scope`).set(as('dan.decider')).send({ change: 'extension', scope: { productCategories: ['家用电器 household appliances', '厨房电器 kitchen appliances'], serviceCategories: ['维修 repair'] } }).expect(202);
    const refused = await certs.http().post(`/certificates/${first}/scope`).set(as('dan.decider')).send({ change: 'extension', scope: { productCategories: [] } }).expect(422);
    expect(refused.body).toMatchObject({ code: 'InvalidScopeChange', detail: `certificate ${first}: an extension must add to the scope and remove nothing` });
    const v2 = await waitFor(async () => {
      const r = await certs.http().get(`/registry/certificates/${first}/certificate.json`);
      return r.status === 200 && r.body.payload.version === 2 ? r.body : undefined;
    }, 30_000, 'version 2 of the certificate');
    expect(v2.payload.scope.productCategories).toContain('厨房电器 kitchen appliances');
    expect(v2.payload.issuedOn).toBe('2028-06-01');
    expect(verifyCertificate(v2, keys)).toMatchObject({ valid: true });

    // Second surveillance fails: suspended for the default three months.
    await certs.advanceTo(at('2029-01-20T02:00:00Z'));
    await certs.http().post(`/certificates/${first}/surveillance`).set(as('roy.reviewer')).send({ passed: false, reason: '投诉处理超时 complaints unanswered' }).expect(202);
    const suspended = await registryShows(first, 'suspended');
    expect(suspended.suspendedUntil).toBe('2029-04-20T02:00:00.000Z');

    // A restart keeps every pending timer, and the deadline timer still knows its job.
    await certs.stop();
    certs = await startCertificates({ clock: apps.clock, database: certs.database, prefix: certs.prefix, keysDir: certs.keysDir });
    const pending = await certs.timers.ofCase(caseId);
    expect(pending.find((t) => t.kind === 'suspension-deadline')).toMatchObject({ state: 'delayed', dueAt: '2029-04-20T02:00:00.000Z' });
    expect(pending.find((t) => t.kind === 'expiry')).toMatchObject({ state: 'delayed', dueAt: '2030-02-28T16:00:00.000Z' });

    await certs.advanceTo(at('2029-02-15T02:00:00Z'));
    await certs.http().post(`/certificates/${first}/reinstatement`).set(as('dan.decider')).expect(202);
    await registryShows(first, 'valid');
    expect((await lifecycle(caseId)).certificate.nextSurveillanceBy).toBe('2030-02-10T02:00:00.000Z');
    await certs.advanceTo(at('2029-04-21T00:00:00Z')); // the suspension deadline passes harmlessly
    expect((await lifecycle(caseId)).status).toBe('certified');

    // Renewal reminders, then recertification before expiry.
    await certs.advanceTo(at('2029-12-02T00:00:00Z'));
    await waitFor(async () => (await published(caseId)).includes('certificates.renewal-reminder'), 30_000, 'the 90-day renewal reminder');
    await certs.advanceTo(at('2029-12-15T02:00:00Z'));
    const before = await reaches(caseId, (b) => b.surveillanceDueBy === '2030-02-10T02:00:00.000Z', 'the third surveillance due');
    await apps.http().post(`/cases/${caseId}/recertification`).set('authorization', apps.bearer('alice.applicant')).set('if-match', `"${before.version}"`).send({ catalogueVersion: 'gbt27922-2011.v1' }).expect(200);
    await reaches(caseId, (b) => b.status === 'recertifying', 'recertifying');
    await evaluate(caseId, `sc-${randomUUID()}`, 92, 'four-star');
    await certs.advanceTo(at('2030-01-10T02:00:00Z'));
    const second = await grant(caseId, 'four-star');
    expect(second).not.toBe(first);
    const renewed = await reaches(caseId, (b) => b.status === 'certified' && b.certificate.number === second, 'the new certificate');
    expect(renewed.certificate).toMatchObject({ cycle: 2, level: 'four-star', validUntil: '2033-02-28T16:00:00.000Z' });
    expect(await registryShows(first, 'superseded')).toMatchObject({ supersededBy: second });
    await registryShows(second, 'valid');

    // The old certificate's expiry and reminders fire and do nothing; the new one is withdrawn for a serious breach.
    await certs.advanceTo(at('2030-03-02T00:00:00Z'));
    expect((await lifecycle(caseId)).status).toBe('certified');
    await certs.advanceTo(at('2030-06-01T02:00:00Z'));
    await certs.http().post(`/certificates/${second}/withdrawal`).set(as('dan.decider')).send({ reason: '虚假宣传 serious breach: misleading claims' }).expect(202);
    await registryShows(second, 'withdrawn');
    // Only the holder may ask to cancel, and a withdrawn certificate cannot be cancelled.
    await certs.http().post(`/certificates/${second}/cancellation`).set(as('bob.applicant')).send({ reason: 'not ours' }).expect(404);
    const tooLate = await waitFor(async () => {
      const r = await certs.http().post(`/certificates/${second}/cancellation`).set(as('alice.applicant')).send({ reason: '停业 closing down' });
      return r.status === 404 ? undefined : r; // 404 until the holder's membership has reached this service
    }, 30_000, 'the holder to be known');
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('NotAllowedInState');

    const firstHistory = (await registry(first)).history.map((h: { change: string; status: string }) => `${h.change}:${h.status}`);
    expect(firstHistory).toEqual([
      'issued:valid',
      'surveillance-passed:valid',
      'scope-extension:valid',
      'surveillance-failed:valid',
      'suspended:suspended',
      'reinstated:valid',
      'recertification-started:valid',
      'superseded:superseded',
    ]);
    const validOn = async (number: string, on: string) => (await certs.http().get(`/registry/certificates/${number}/validity`).query({ on }).expect(200)).body;
    expect(await validOn(first, '2027-02-28')).toMatchObject({ valid: false, status: 'not-yet-issued' });
    expect(await validOn(first, '2027-06-01')).toMatchObject({ valid: true, status: 'valid' });
    expect(await validOn(first, '2029-02-01')).toMatchObject({ valid: false, status: 'suspended', reason: expect.stringContaining('complaints unanswered') });
    expect(await validOn(first, '2029-06-01')).toMatchObject({ valid: true, status: 'valid' });
    expect(await validOn(first, '2030-02-01')).toMatchObject({ valid: false, status: 'superseded' });
    expect(await validOn(second, '2030-02-01')).toMatchObject({ valid: true });
    expect(await validOn(second, '2030-07-01')).toMatchObject({ valid: false, status: 'withdrawn', reason: expect.stringContaining('serious breach') });

    // Each timer acted once: one certificate per number and version, one 90-day reminder for the first certificate,
    // three surveillances falling due, and no expiry or overdue suspension from timers whose dates had moved on.
    const types = await published(caseId);
    expect(types.filter((t) => t === 'certificates.certificate-issued')).toHaveLength(3);
    expect(types.filter((t) => t === 'certificates.renewal-reminder')).toHaveLength(1);
    const history = (await apps.app.get(MongoEventStore).readStream(caseId)).map((e) => e.type);
    expect(history.filter((t) => t === 'certification.surveillance-due')).toHaveLength(3);
    expect(history.filter((t) => t === 'certification.certificate-expired')).toHaveLength(0);
    expect(history.filter((t) => t === 'certification.certificate-suspended')).toHaveLength(1);
    expect(history.filter((t) => t === 'certification.certification-granted')).toHaveLength(2);
  });
});
