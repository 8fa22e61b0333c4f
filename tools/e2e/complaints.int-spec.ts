import { randomUUID } from 'node:crypto';
import { EventRegistry, reviewEvents, scorecardEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { draftWithEvidence, startApplications, type Harness } from '../../apps/applications/src/testing/harness';
import { startCertificates, type CertificatesHarness } from '../../apps/certificates/src/testing/harness';

const TOPIC_OF: Record<string, string> = { review: Topics.review, scoring: Topics.scorecard };
const at = (iso: string) => new Date(iso);
const COMPLAINANT = { name: '王小明', phone: '+86 138 0000 1234' };

/**
 * Issue 19's complaints over HTTP, the applications service (the lifecycle's only writer) and the
 * certificates service on real Kafka, MongoDB-wire and Redis: a public complaint leads to an
 * extraordinary surveillance that fails, the certificate is suspended, and the complaint is closed
 * founded; the registry shows the count and never who complained; the public form is rate limited.
 */
describe('a public complaint about a certified company', () => {
  let apps: Harness;
  let certs: CertificatesHarness;
  let publisher: EventPublisher;
  const versions = new Map<string, number>();

  beforeAll(async () => {
    apps = await startApplications();
    // Three complaints an hour from one address: the test's fourth is refused.
    certs = await startCertificates({ clock: apps.clock, complaints: { ratePerHour: 3, answerWorkingDays: 20, reminderWorkingDays: 5 } });
    publisher = new EventPublisher(testKafka(), { registry: new EventRegistry([...reviewEvents, ...scorecardEvents]), topicFor: (e) => TOPIC_OF[e.type.split('.')[0]!]! });
  }, 120_000);
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
  const reaches = (caseId: string, test: (b: Record<string, unknown>) => boolean, what: string) =>
    waitFor(async () => {
      const body = await lifecycle(caseId);
      return test(body) ? body : undefined;
    }, 30_000, what);
  const as = (user: string) => certs.as(user);

  /** A five-star certificate, issued on 2027-03-01, as certificate-life.int-spec.ts gets one. */
  async function certified(): Promise<{ caseId: string; number: string }> {
    const { caseId, version } = await draftWithEvidence(apps);
    const submitted = (await apps.http().post(`/cases/${caseId}/submit`).set('authorization', apps.bearer('alice.applicant')).set('if-match', `"${version}"`).expect(200)).body.version;
    await apps.http().post(`/cases/${caseId}/accept`).set('authorization', apps.bearer('lena.lead')).set('if-match', `"${submitted}"`).expect(200);
    await publisher.publish([
      external('review.evaluator-assigned', 'lena.lead', { caseId, personId: 'rita.reviewer' }),
      external('review.document-review-completed', 'rita.reviewer', { caseId }),
      external('review.on-site-evaluation-completed', 'rita.reviewer', { caseId }),
      external('review.results-published', 'rita.reviewer', { caseId, catalogueVersion: 'gbt27922-2011.v1', findings: [], openNonconformitiesWaived: false }),
    ]);
    await reaches(caseId, (b) => b.phase === 'ready-for-scoring', 'ready for scoring');
    await publisher.publish([external('scoring.scorecard-issued', 'scoring-service', { caseId, scorecardId: `sc-${randomUUID()}`, catalogueVersion: 'gbt27922-2011.v1', score: 96.5, level: 'five-star', specialDeductions: 0, passed: true, openNonconformitiesWaived: false })]);
    await reaches(caseId, (b) => b.status === 'decision-pending' || b.phase === 'decision-pending', 'decision pending');
    await certs.advanceTo(at('2027-03-01T02:00:00Z'));
    const basis = await waitFor(async () => {
      const res = await certs.http().get(`/cases/${caseId}/decision-basis`).set(as('dan.decider'));
      return res.body.awaitingDecision && res.body.scorecard && res.body.reviewReport ? res.body : undefined;
    }, 30_000, 'the decision basis');
    const decided = await certs.http().post(`/cases/${caseId}/decision`).set(as('dan.decider'))
      .send({ outcome: 'grant', level: 'five-star', reasons: '评价结果符合要求 evaluation meets the standard', scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash })
      .expect(201);
    await reaches(caseId, (b) => b.status === 'certified', 'certified');
    const number = decided.body.certificateNumber as string;
    await waitFor(async () => (await certs.http().get(`/registry/certificates/${number}`)).status === 200 || undefined, 30_000, 'the registry entry');
    return { caseId, number };
  }
  const registryShows = (number: string, status: string) =>
    waitFor(async () => {
      const res = await certs.http().get(`/registry/certificates/${number}`);
      return res.status === 200 && res.body.status === status ? res.body : undefined;
    }, 30_000, `${number} to be ${status}`);

  it('leads to an extraordinary surveillance that fails, a suspension and a founded closure; the registry counts it without the complainant', async () => {
    const { caseId, number } = await certified();
    await certs.advanceTo(at('2027-06-01T02:00:00Z'));

    // Anyone, no account: the acknowledgement number at once, the answer due in 20 working days.
    const filed = await certs.http().post('/complaints').send({ kind: 'certificate', certificateNumber: number, description: '空调维修拖了三个月 the air-conditioner repair took three months', contact: COMPLAINANT }).expect(201);
    expect(filed.body).toMatchObject({ reference: expect.stringMatching(/^TS-2027-\d{6}$/), receivedAt: '2027-06-01T02:00:00.000Z', contactGiven: true });
    const { reference } = filed.body as { reference: string };
    const aboutBody = await certs.http().post('/complaints').send({ kind: 'body', description: '审核员迟到 the auditor came late' }).expect(201);
    // Bad input is refused, saying what is wrong; it counts towards the limit too.
    const unnamed = await certs.http().post('/complaints').send({ kind: 'certificate', description: 'no number' }).expect(400);
    expect(JSON.stringify(unnamed.body)).toContain('names its certificate number');
    const limited = await certs.http().post('/complaints').send({ kind: 'body', description: 'a fourth within the hour' }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.detail).toContain('at most 3 an hour');

    // The registry shows that complaints are handled, never who complained.
    const tally = await certs.http().get(`/registry/certificates/${number}/complaints`).expect(200);
    expect(tally.body).toEqual({ certificateNumber: number, receivedLast12Months: 1, closedLast12Months: 0 });
    const page = await certs.http().get(`/verify/${number}`).expect(200);
    expect(page.text).toContain('data-complaints-received="1"');
    for (const shown of [JSON.stringify((await certs.http().get(`/registry/certificates/${number}`).expect(200)).body), JSON.stringify(tally.body), page.text]) {
      expect(shown).not.toContain(COMPLAINANT.name);
      expect(shown).not.toContain(COMPLAINANT.phone);
    }

    // Staff lists keep the two kinds apart; the contact details are for complaint handlers only.
    const certificateList = await certs.http().get('/complaints').query({ kind: 'certificate' }).set(as('dan.decider')).expect(200);
    expect(certificateList.body.items.map((i: { reference: string }) => i.reference)).toEqual([reference]);
    const bodyList = await certs.http().get('/complaints').query({ kind: 'body' }).set(as('ada.admin')).expect(200);
    expect(bodyList.body.items).toMatchObject([{ reference: aboutBody.body.reference, kind: 'body', certificateNumber: null }]);
    await certs.http().get(`/complaints/${reference}`).set(as('alice.applicant')).expect(403);
    expect((await certs.http().get(`/complaints/${reference}`).set(as('lena.lead')).expect(200)).body).toMatchObject({ status: 'received', contact: { name: COMPLAINANT.name, phone: COMPLAINANT.phone, email: null } });

    // Triage links it to the certificate; a request for information reaches the holder on their case.
    await certs.http().post(`/complaints/${reference}/information-requests`).set(as('dan.decider')).send({ question: 'Your repair records?' }).expect(409);
    await certs.http().post(`/complaints/${reference}/triage`).set(as('lena.lead')).send({ decision: 'accepted', kind: 'certificate', certificateNumber: number }).expect(200);
    const asked = await certs.http().post(`/complaints/${reference}/information-requests`).set(as('dan.decider')).send({ question: '请提供三月的维修记录 your repair records for March?' }).expect(200);
    const requestId = asked.body.requests[0].requestId as string;
    const holderSees = await waitFor(async () => {
      const r = await certs.http().get(`/cases/${caseId}/complaints`).set(as('alice.applicant'));
      return r.status === 200 ? r.body : undefined; // 404 until the holder's membership has reached this service
    }, 30_000, 'the holder to see the complaint');
    expect(holderSees.items).toMatchObject([{ reference, status: 'investigating', requests: [{ requestId, question: '请提供三月的维修记录 your repair records for March?', answer: null }] }]);
    const seen = JSON.stringify(holderSees);
    for (const secret of [COMPLAINANT.name, COMPLAINANT.phone, '空调维修拖了三个月']) expect(seen).not.toContain(secret);
    await certs.http().get(`/cases/${caseId}/complaints`).set(as('bob.applicant')).expect(404);
    await certs.http().post(`/cases/${caseId}/complaints/${reference}/information`).set(as('alice.applicant')).send({ requestId, answer: '记录见附件 records enclosed' }).expect(200);
    await certs.http().post(`/cases/${caseId}/complaints/${reference}/information`).set(as('alice.applicant')).send({ requestId, answer: 'again' }).expect(409);

    // An extraordinary surveillance, outside the yearly timer: it fails and the lifecycle suspends the certificate.
    await certs.http().post(`/complaints/${reference}/extraordinary-surveillance/result`).set(as('roy.reviewer')).send({ passed: false, reason: 'x' }).expect(409);
    await certs.http().post(`/complaints/${reference}/extraordinary-surveillance`).set(as('dan.decider')).send({ note: '现场核查维修时效 check repair times on site' }).expect(200);
    await certs.http().post(`/complaints/${reference}/closure`).set(as('dan.decider')).send({ outcome: 'founded-suspension', reasons: 'early' }).expect(409);
    const result = await certs.http().post(`/complaints/${reference}/extraordinary-surveillance/result`).set(as('roy.reviewer')).send({ passed: false, reason: '维修超时 repairs overdue' }).expect(202);
    expect(result.body).toMatchObject({ certificateNumber: number, requested: 'certificates.record-surveillance', status: 'requested' });
    await registryShows(number, 'suspended');
    await waitFor(async () => (await certs.http().get(result.body.statusUrl).set(as('dan.decider'))).body.status === 'accepted' || undefined, 30_000, 'the surveillance accepted');

    // Closed founded, with suspension: already suspended by the failed surveillance, so no second request.
    const closed = await certs.http().post(`/complaints/${reference}/closure`).set(as('dan.decider')).send({ outcome: 'founded-suspension', reasons: '投诉属实 the complaint is founded' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'founded-suspension', surveillance: 'failed' });
    expect(closed.body.history.map((h: { type: string }) => h.type)).toEqual([
      'complaints.complaint-received',
      'complaints.complaint-triaged',
      'complaints.information-requested',
      'complaints.information-provided',
      'complaints.surveillance-ordered',
      'complaints.surveillance-recorded',
      'complaints.complaint-closed',
    ]);
    expect((await lifecycle(caseId)).status).toBe('suspended');
    expect((await certs.http().get(`/registry/certificates/${number}/complaints`).expect(200)).body).toMatchObject({ receivedLast12Months: 1, closedLast12Months: 1 });
    expect((await certs.http().get('/complaints').query({ kind: 'certificate' }).set(as('dan.decider')).expect(200)).body.items).toEqual([]);

    // The complaint about the body is still open: reminded five working days before its answer is due, escalated when it is.
    const bodyReference = aboutBody.body.reference as string;
    const dueBy = new Date(aboutBody.body.answerDueBy);
    await certs.advanceTo(new Date(dueBy.getTime() - 86_400_000));
    const reminded = (await certs.http().get(`/complaints/${bodyReference}`).set(as('ada.admin')).expect(200)).body;
    expect(reminded).toMatchObject({ escalated: false, history: expect.arrayContaining([expect.objectContaining({ type: 'complaints.answer-reminder', data: expect.objectContaining({ escalated: false }) })]) });
    await certs.advanceTo(at('2027-07-05T02:00:00Z'));
    const overdue = await waitFor(async () => {
      const r = await certs.http().get(`/complaints/${bodyReference}`).set(as('ada.admin')).expect(200);
      return r.body.escalated ? r.body : undefined;
    }, 30_000, 'the escalation');
    expect(overdue.history.filter((h: { type: string }) => h.type === 'complaints.answer-reminder').map((h: { data: { escalated: boolean } }) => h.data.escalated)).toEqual([false, true]);
    expect((await certs.http().get('/complaints').query({ kind: 'body' }).set(as('ada.admin')).expect(200)).body.items).toMatchObject([{ escalated: true }]);
  }, 240_000);
});
