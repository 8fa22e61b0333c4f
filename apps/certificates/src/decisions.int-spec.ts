import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '@gbt/certificate-core';
import { certificationCaseEvents, directoryEvents, EventRegistry, organisationEvents, requestReplyEvents, reviewEvents, scorecardEvents, scorecardRevisionEvents, Topics } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { EventPublisher, JsonLogger } from '@gbt/messaging';
import { personFacts, testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { defaultCatalogue, score } from '@gbt/catalogue';
import { certificatesStream } from './certificates/certificates.aggregate';
import { NumberAllocator } from './certificates/number-allocator';
import { RedisConnection } from './redis-connection';
import { startCertificates, type CertificatesHarness } from './testing/harness';

const TOPIC_OF: Record<string, string> = { certification: Topics.certificationCase, applications: Topics.organisation, review: Topics.review, scoring: Topics.scorecard, directory: Topics.directory };
const scorecard = { caseId: '', scorecardId: '', catalogueVersion: 'gbt27922-2011.v1', score: 91, level: 'four-star', specialDeductions: 0, passed: true, openNonconformitiesWaived: false };

describe('certification decisions, the registry\'s refusals and its rate limit', () => {
  let h: CertificatesHarness;
  let publisher: EventPublisher;

  beforeAll(async () => {
    h = await startCertificates({ settings: { registryRateLimitPerMinute: 5 } });
    publisher = new EventPublisher(testKafka(), {
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents, ...reviewEvents, ...scorecardEvents, ...scorecardRevisionEvents, ...requestReplyEvents, ...directoryEvents]),
      topicFor: (e) => (e.type.startsWith('certification.request-') ? Topics.certificationReplies : TOPIC_OF[e.type.split('.')[0]!]!),
    });
  });
  afterAll(async () => {
    await publisher.disconnect();
    await h.close();
  });

  /** Plays the applications, review and scoring services: a case waiting for a decision, evaluated by `evaluator`. */
  async function pendingCase(evaluator: string) {
    const caseId = `case-${randomUUID()}`;
    const scorecardId = `sc-${randomUUID()}`;
    let v = 0;
    const lifecycle = (type: string, data: Record<string, unknown>) => testEnvelope(`certification.${type}`, caseId, data, { streamVersion: ++v });
    const scored = { scorecardId, catalogueVersion: 'gbt27922-2011.v1', score: 91, level: 'four-star', specialDeductions: 0, passed: true, openNonconformitiesWaivedBy: null };
    const scope = { productCategories: ['家电'], serviceCategories: [], sites: [], outlets: [] };
    // What this service keeps of a case: the status snapshot the lifecycle publishes after each change.
    const statusChanged = () =>
      lifecycle('case-status-changed', {
        caseId, organisationId: 'org-91350100M000100Y43', catalogueVersion: 'gbt27922-2011.v1', status: 'decision-pending', phase: 'decision-pending', reason: null, scope,
        evaluators: [evaluator], conflicts: [], openNonconformities: [], score: { scorecardId, catalogueVersion: 'gbt27922-2011.v1', score: 91, level: 'four-star', specialDeductions: 0 },
        level: 'four-star', certificate: null, surveillanceDueBy: null, suspendedUntil: null,
        availableCommands: ['withdraw-application', 'declare-conflict-of-interest', 'grant-certification', 'deny-certification'],
        changes: [{ type: 'certification.case-scored', data: scored }],
      });
    await publisher.publish([
      lifecycle('application-drafted', { caseId, organisationId: 'org-91350100M000100Y43', catalogueVersion: 'gbt27922-2011.v1', scope: { productCategories: ['家电'], serviceCategories: [], sites: [], outlets: [] } }),
      lifecycle('application-submitted', {}),
      lifecycle('application-accepted', { acceptedBy: 'lena.lead' }),
      lifecycle('evaluator-assigned', { personId: evaluator }),
      lifecycle('document-review-completed', { completedBy: evaluator }),
      lifecycle('on-site-evaluation-completed', { completedBy: evaluator }),
      lifecycle('case-scored', scored),
      statusChanged(),
      testEnvelope('scoring.scorecard-issued', `scorecards-${caseId}`, { ...scorecard, caseId, scorecardId }),
    ]);
    const basis = await waitFor(async () => {
      const res = await h.http().get(`/cases/${caseId}/decision-basis`).set(h.as('dan.decider'));
      return res.status === 200 && res.body.awaitingDecision && res.body.scorecard ? res.body : undefined;
    }, 30_000, 'the case to wait for a decision');
    return { caseId, scorecardId, basis };
  }

  it('binds a decision to what was read, refuses evaluators, unsupported levels and bad input, and goes stale when the scorecard is corrected', async () => {
    const { caseId, scorecardId, basis } = await pendingCase('rita.reviewer');
    const decide = (body: Record<string, unknown>, user = 'dan.decider') => h.http().post(`/cases/${caseId}/decision`).set(h.as(user)).send(body);
    const good = { outcome: 'grant', level: 'four-star', reasons: 'meets the standard', scorecardHash: basis.scorecard.hash, reviewReportHash: null };

    expect((await decide({ ...good, scorecardHash: 'a'.repeat(64) }).expect(409)).body.code).toBe('BasisChanged');
    expect((await decide({ ...good, level: 'five-star' }).expect(422)).body.detail).toBe('the scorecard supports at most level four-star, not five-star');
    expect((await decide({ outcome: 'maybe', reasons: '' }).expect(400)).body.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^outcome:/), expect.stringMatching(/^reasons:/), expect.stringMatching(/^scorecardHash:/)]));
    await decide(good, 'rita.reviewer').expect(403);
    expect(await h.app.get(MongoEventStore).streamVersion(certificatesStream(caseId))).toBe(0);

    const granted = (await decide(good).expect(201)).body;
    expect(granted.certificateNumber).toMatch(/^GBT27922-\d{4}-\d{6}-\d{2}$/);
    expect((await decide(good).expect(409)).body.code).toBe('AlreadyDecided');

    const corrected = score(defaultCatalogue, { findings: [], exclusions: [], specialDeductions: [], specialBonuses: [] });
    if (!corrected.ok) throw new Error(corrected.problems.join('; '));
    await publisher.publish([
      testEnvelope('scoring.scorecard-corrected', `scorecards-${caseId}`, {
        caseId, scorecardId: `sc-${randomUUID()}`, previousScorecardId: scorecardId, reason: 'a finding was mis-recorded', catalogueVersion: 'gbt27922-2011.v1',
        score: corrected.scorecard.score, level: corrected.scorecard.level, passed: corrected.scorecard.passed, scorecard: corrected.scorecard, input: { findings: [] },
      }),
    ]);
    const stale = await waitFor(async () => {
      const b = (await h.http().get(`/cases/${caseId}/decision-basis`).set(h.as('dan.decider'))).body;
      return b.decisions[0]?.stale ? b : undefined;
    }, 30_000, 'the decision to go stale');
    expect(stale.decisions[0]).toMatchObject({ decisionId: granted.decisionId, stale: expect.stringContaining('was corrected') });
  });

  it('refuses a decision maker the directory does not qualify for the case or relates to its organisation, and the basis says why (issue 18)', async () => {
    const { caseId, basis } = await pendingCase('rita.reviewer');
    const good = { outcome: 'grant', level: 'four-star', reasons: 'meets the standard', scorecardHash: basis.scorecard.hash, reviewReportHash: null };
    const ivy = `decider-${randomUUID().slice(0, 8)}`;
    const facts = personFacts(ivy, h.clock.now());
    const as = { authorization: `Bearer ${await h.issuer.sign({ sub: ivy, roles: ['decision-maker'], exp: 3_600 })}` };
    const notForYou = (headers: Record<string, string>, code: string | null) =>
      waitFor(async () => {
        const b = (await h.http().get(`/cases/${caseId}/decision-basis`).set(headers).expect(200)).body;
        return (b.notForYou?.code ?? null) === code ? b : undefined;
      }, 30_000, `the basis to say ${code}`);
    const today = shanghaiDate(h.clock.now());

    // Qualified for household appliances written another way than the case's "家电": not the same category.
    await publisher.publish([facts.registered(['decision-maker']), facts.qualified(['家用电器'], '2020-01-01', '2035-12-31')]);
    expect((await notForYou(as, 'NotQualified')).notForYou.params).toMatchObject({ personId: ivy, categories: '家电' });
    expect((await h.http().post(`/cases/${caseId}/decision`).set(as).send(good).expect(403)).body.code).toBe('NotQualified');

    await publisher.publish([facts.qualified(['家电'], '2020-01-01', '2035-12-31'), facts.related('org-91350100M000100Y43', today)]);
    expect((await notForYou(as, 'RelatedToOrganisation')).notForYou.params).toMatchObject({ organisationId: 'org-91350100M000100Y43', kind: 'consultancy' });
    expect((await h.http().post(`/cases/${caseId}/decision`).set(as).send(good).expect(403)).body.code).toBe('RelatedToOrganisation');

    // The demo decision maker, qualified and unrelated, may.
    await notForYou(h.as('dan.decider'), null);
    await h.http().post(`/cases/${caseId}/decision`).set(h.as('dan.decider')).send(good).expect(201);
  });

  it('ends a grant the lifecycle rejects visibly rejected, with its number voided, and lets the cycle be decided again', async () => {
    const { caseId, basis } = await pendingCase('rita.reviewer');
    const good = { outcome: 'grant', level: 'four-star', reasons: 'meets the standard', scorecardHash: basis.scorecard.hash, reviewReportHash: null };
    const granted = await h.http().post(`/cases/${caseId}/decision`).set(h.as('dan.decider')).send(good).expect(201);
    expect(granted.body).toMatchObject({ status: 'requested', requested: 'certificates.grant-certification', statusUrl: `/cases/${caseId}/requests/${granted.body.requestId}` });
    expect(granted.headers.location).toBe(granted.body.statusUrl);

    // The applications service's answer, as it publishes it when the lifecycle refuses the grant.
    await publisher.publish([
      testEnvelope('certification.request-rejected', `reply-${granted.body.requestId}`, {
        caseId, requestId: granted.body.requestId, requested: 'certificates.grant-certification', code: 'ConflictOfInterest', reason: 'dan.decider has a declared conflict of interest with this applicant',
      }),
    ]);
    const status = await waitFor(async () => {
      const res = await h.http().get(granted.body.statusUrl).set(h.as('dan.decider'));
      return res.status === 200 && res.body.status !== 'requested' ? res.body : undefined;
    }, 30_000, 'the rejection to be recorded');
    expect(status).toMatchObject({ status: 'rejected', code: 'ConflictOfInterest', voidedNumber: granted.body.certificateNumber });
    const basisAfter = (await h.http().get(`/cases/${caseId}/decision-basis`).set(h.as('dan.decider')).expect(200)).body;
    expect(basisAfter.decisions[0]).toMatchObject({ decisionId: granted.body.decisionId, answer: { outcome: 'rejected', code: 'ConflictOfInterest' } });
    const events = await h.app.get(MongoEventStore).readStream(certificatesStream(caseId));
    expect(events.filter((e) => e.type === 'certificates.certificate-number-voided').map((e) => e.data.number)).toEqual([granted.body.certificateNumber]);

    const again = await h.http().post(`/cases/${caseId}/decision`).set(h.as('roy.reviewer')).send(good);
    expect(again.status).toBe(403);
    const retaken = (await h.http().post(`/cases/${caseId}/decision`).set(h.as('dan.decider')).send({ ...good, outcome: 'deny', reasons: 'retaken' }).expect(201)).body;
    expect(retaken).toMatchObject({ status: 'requested', certificateNumber: null });
  });

  it('refuses another evaluator\'s decision in a case they evaluated', async () => {
    const { caseId, basis } = await pendingCase('dan.decider');
    const res = await h.http().post(`/cases/${caseId}/decision`).set(h.as('dan.decider')).send({ outcome: 'deny', reasons: 'no', scorecardHash: basis.scorecard.hash, reviewReportHash: null }).expect(403);
    expect(res.body.code).toBe('EvaluatorCannotDecide');
  });

  it('hands out distinct certificate numbers to 50 concurrent first decisions', async () => {
    const allocator = h.app.get(NumberAllocator);
    const numbers = await Promise.all(Array.from({ length: 50 }, () => allocator.allocate(`case-${randomUUID()}`, 1, 2031)));
    expect(new Set(numbers).size).toBe(50);
  });

  it('answers bad registry requests with 4xx naming the problem, and limits each address', async () => {
    const r1 = await h.http().get('/registry/certificates/GBT27922-2027-000042-00').expect(400);
    expect(r1.body.detail).toMatch(/check digits/);
    expect(r1.headers).toMatchObject({ 'ratelimit-limit': '5', 'ratelimit-remaining': '4' });
    await h.http().get('/registry/certificates/GBT27922-2027-000042-06').expect(404);
    expect((await h.http().get('/registry/certificates').query({ level: 'six-star' }).expect(400)).body.errors[0]).toMatch(/^level:/);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await h.http().get('/registry/certificates').query({ holder: 'x' })).status);
    expect(statuses).toContain(429);
    const limited = await h.http().get('/registry/certificates').query({ holder: 'x' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body.detail).toMatch(/^too many registry requests from this address: at most 5 a minute, try again in \d+ s$/);
    // The verification page shares the address's count.
    const page = await h.http().get('/verify/GBT27922-2027-000042-06');
    expect(page.status).toBe(429);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    // Behind the console's server (a proxy on this machine), each browser's forwarded address has a count of its own.
    const browser = (address: string) => h.http().get('/registry/certificates').query({ holder: 'x' }).set('x-forwarded-for', address);
    const behindProxy: number[] = [];
    for (let i = 0; i < 6; i++) behindProxy.push((await browser('203.0.113.9')).status);
    expect(behindProxy).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await browser('203.0.113.10')).status).toBe(200);
    // Health, metrics and signed-in staff endpoints are not limited.
    await h.http().get('/health').expect(200);
    await h.http().get('/health/live').expect(200);
    await h.http().get('/metrics').expect(200);
    expect((await h.http().get(`/cases/case-${randomUUID()}/decision-basis`).set(h.as('dan.decider'))).status).not.toBe(429);
    // The count is in Redis under this instance's prefix, where every replica reads it.
    expect(await h.app.get(RedisConnection).client.keys(`{${h.prefix}:registry-rate:*`)).not.toHaveLength(0);
  });

  it('shares each address\'s count with every replica of the service', async () => {
    for (let i = 0; i < 7 && (await h.http().get('/registry/certificates').query({ holder: 'x' })).status !== 429; i++);
    const replica = await startCertificates({ prefix: h.prefix, settings: { registryRateLimitPerMinute: 5 } });
    try {
      const res = await replica.http().get('/registry/certificates').query({ holder: 'x' });
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await replica.close();
    }
  });

  it('keeps answering the registry while Redis does not, counting on this replica alone, with one warning', async () => {
    const search = async () => (await h.http().get('/registry/certificates').query({ holder: 'x' })).status;
    for (let i = 0; i < 7 && (await search()) !== 429; i++);
    expect(await search()).toBe(429);
    const redis = h.app.get(RedisConnection);
    const warn = jest.spyOn(h.app.get(JsonLogger), 'warn');
    redis.rateLimits.disconnect();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push(await search());
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(warn.mock.calls.filter(([msg]) => msg.startsWith('registry rate limit: Redis does not answer'))).toHaveLength(1);
    } finally {
      warn.mockRestore();
      await redis.rateLimits.connect();
    }
    // The shared count again, which still refuses this address.
    expect(await search()).toBe(429);
  });
});
