import { randomUUID } from 'node:crypto';
import {
  certificateEvents,
  deadLetterTopic,
  EventRegistry,
  MessageHeaders,
  reviewEvents,
  scorecardEvents,
  Topics,
  type EventEnvelope,
} from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import type { KafkaMessage } from 'kafkajs';
import { EventPublisher, toMessage } from '@gbt/messaging';
import { readTopic, testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { draftWithEvidence, startApplications, type Harness } from './testing/harness';

const TOPIC_OF: Record<string, string> = { review: Topics.review, scoring: Topics.scorecard, certificates: Topics.certificate };

describe('the lifecycle driven by review, scoring and certificate events from Kafka', () => {
  let h: Harness;
  let store: MongoEventStore;
  let publisher: EventPublisher;
  const versions = new Map<string, number>();

  beforeAll(async () => {
    h = await startApplications();
    store = h.app.get(MongoEventStore);
    publisher = new EventPublisher(testKafka(), {
      registry: new EventRegistry([...reviewEvents, ...scorecardEvents, ...certificateEvents]),
      topicFor: (e) => TOPIC_OF[e.type.split('.')[0]!]!,
    });
  });
  afterAll(async () => {
    await publisher.disconnect();
    await h.close();
  });

  /** An event as another service would publish it, about `caseId`, done by `actor`. */
  function external(type: string, actor: string, data: Record<string, unknown>): EventEnvelope {
    const streamId = `${type.split('.')[0]}-${data.caseId}`;
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    return testEnvelope(type, streamId, data, { streamVersion, actor, occurredAt: h.clock.now() });
  }

  async function acceptedCase() {
    const { caseId, version } = await draftWithEvidence(h);
    const submitted = (await h.http().post(`/cases/${caseId}/submit`).set('authorization', h.bearer('alice.applicant')).set('if-match', `"${version}"`).expect(200)).body.version;
    await h.http().post(`/cases/${caseId}/accept`).set('authorization', h.bearer('lena.lead')).set('if-match', `"${submitted}"`).expect(200);
    return caseId;
  }

  const stateOf = async (caseId: string) => (await h.http().get(`/cases/${caseId}`).set('authorization', h.bearer('ada.admin')).expect(200)).body;
  const reaches = (caseId: string, status: string, extra: (b: Record<string, unknown>) => boolean = () => true) =>
    waitFor(async () => {
      const body = await stateOf(caseId);
      return body.status === status && extra(body) ? body : undefined;
    }, 30_000, `case ${caseId} to be ${status}`);

  async function toDecision(caseId: string) {
    await publisher.publish([
      external('review.evaluator-assigned', 'lena.lead', { caseId, personId: 'rita.reviewer' }),
      external('review.document-review-completed', 'rita.reviewer', { caseId }),
      external('review.nonconformity-raised', 'rita.reviewer', { caseId, nonconformityId: 'nc-1', requirementId: '5.1.2.2', finding: '无售后服务管理师', rectifyBy: '2027-03-01T00:00:00Z' }),
    ]);
    await reaches(caseId, 'under-evaluation', (b) => Object.keys(b.nonconformities as object).length === 1);
    await publisher.publish([
      external('review.corrective-action-verified', 'roy.reviewer', { caseId, nonconformityId: 'nc-1' }),
      external('review.on-site-evaluation-completed', 'rita.reviewer', { caseId }),
    ]);
    await reaches(caseId, 'under-evaluation', (b) => b.phase === 'ready-for-scoring');
    await publisher.publish([
      external('scoring.scorecard-issued', 'scoring-service', { caseId, scorecardId: 'sc-1', catalogueVersion: 'gbt27922-2011.v1', score: 96.5, level: 'five-star', specialDeductions: 0, passed: true, openNonconformitiesWaived: false }),
    ]);
    return reaches(caseId, 'decision-pending');
  }

  it('certifies, suspends and reinstates a case from other services\' events, each applied once', async () => {
    const caseId = await acceptedCase();
    await toDecision(caseId);
    const granted = external('certificates.grant-certification', 'dan.decider', { caseId, certificateNumber: 'GBT27922-2027-000001', level: 'five-star', scorecardId: 'sc-1' });
    await publisher.publish([granted]);
    const certified = await reaches(caseId, 'certified');
    expect(certified.certificate).toMatchObject({ number: 'GBT27922-2027-000001', level: 'five-star', cycle: 1 });
    expect(certified.evaluators).toEqual(['rita.reviewer', 'roy.reviewer']);

    const versionAfterGrant = await store.streamVersion(caseId);
    await publisher.publish([granted, granted]);
    await publisher.publish([external('certificates.suspend-certificate', 'dan.decider', { caseId, reason: 'complaints unanswered', months: 3 })]);
    await reaches(caseId, 'suspended');
    // the suspension and the status snapshot after it, once
    expect(await store.streamVersion(caseId)).toBe(versionAfterGrant + 2);
    await publisher.publish([external('certificates.reinstate-certificate', 'dan.decider', { caseId })]);
    await reaches(caseId, 'certified');

    const history = await store.readStream(caseId);
    expect(history.filter((e) => e.type === 'certification.certification-granted')).toHaveLength(1);
    expect(history.find((e) => e.type === 'certification.certification-granted')).toMatchObject({ causationId: granted.eventId, correlationId: granted.correlationId, actor: { id: 'dan.decider' } });
  });

  /** Every message on a topic up to its end as it is now. */
  async function wholeTopic(topic: string): Promise<KafkaMessage[]> {
    const admin = testKafka().admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    return readTopic(testKafka(), topic, ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0));
  }

  it('answers every request with a request id: accepted, or rejected with the refusal code, and never parks a refusal', async () => {
    const caseId = await acceptedCase();
    await toDecision(caseId);
    const version = await store.streamVersion(caseId);
    const byEvaluator = external('certificates.grant-certification', 'rita.reviewer', { caseId, requestId: randomUUID(), certificateNumber: 'GBT27922-2027-000003', level: 'five-star', scorecardId: 'sc-1' });
    const byDecider = external('certificates.grant-certification', 'dan.decider', { caseId, requestId: randomUUID(), certificateNumber: 'GBT27922-2027-000004', level: 'five-star', scorecardId: 'sc-1' });
    await publisher.publish([byEvaluator]);
    const answerTo = (request: EventEnvelope) => (m: KafkaMessage) => JSON.parse(String(m.value)).data.requestId === request.data.requestId;
    const rejected = JSON.parse(String((await readTopic(testKafka(), Topics.certificationReplies, (all) => all.some(answerTo(byEvaluator)))).find(answerTo(byEvaluator))!.value));
    expect(rejected).toMatchObject({
      type: 'certification.request-rejected',
      causationId: byEvaluator.eventId,
      data: { caseId, requestId: byEvaluator.data.requestId, requested: 'certificates.grant-certification', code: 'EvaluatorCannotDecide', reason: 'rita.reviewer took part in the evaluation and cannot make the certification decision' },
    });
    expect(await store.streamVersion(caseId)).toBe(version);

    await publisher.publish([byDecider, byDecider]);
    await reaches(caseId, 'certified');
    const replies = await readTopic(testKafka(), Topics.certificationReplies, (all) => all.some(answerTo(byDecider)));
    expect(replies.filter(answerTo(byDecider)).map((m) => JSON.parse(String(m.value)).type)).toEqual(['certification.request-accepted']);
    // Other test files' instances read the same topic (and park it for their own reasons): only ours count.
    const parked = (await wholeTopic(deadLetterTopic(Topics.certificate))).filter(
      (m) => [byEvaluator.eventId, byDecider.eventId].includes(m.headers?.[MessageHeaders.eventId]?.toString() ?? '') && m.headers?.[MessageHeaders.dlqConsumerGroup]?.toString() === `${h.config.database}.lifecycle`,
    );
    expect(parked).toEqual([]);
  });

  it('applies and answers a request still on the topic under its former, fact-like name (sent before the rename, ADR 0025)', async () => {
    const caseId = await acceptedCase();
    await toDecision(caseId);
    const request = external('certificates.grant-certification', 'dan.decider', { caseId, requestId: randomUUID(), certificateNumber: 'GBT27922-2027-000005', level: 'five-star', scorecardId: 'sc-1' });
    // The publisher refuses the former name, so it goes on the topic as an older certificates service sent it.
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: Topics.certificate, acks: -1, messages: [toMessage({ ...request, type: 'certificates.certification-granted' })] }).finally(() => producer.disconnect());
    const certified = await reaches(caseId, 'certified');
    expect(certified.certificate).toMatchObject({ number: 'GBT27922-2027-000005' });
    const answer = (m: KafkaMessage) => JSON.parse(String(m.value)).data.requestId === request.data.requestId;
    const replies = await readTopic(testKafka(), Topics.certificationReplies, (all) => all.some(answer));
    expect(replies.filter(answer).map((m) => JSON.parse(String(m.value)))).toMatchObject([
      { type: 'certification.request-accepted', causationId: request.eventId, data: { caseId, requested: 'certificates.grant-certification' } },
    ]);
  });

  it('parks a request without a request id (sent before requests had ids) that it refuses, with the reason, changing nothing', async () => {
    const caseId = await acceptedCase();
    await toDecision(caseId);
    const version = await store.streamVersion(caseId);
    const byEvaluator = external('certificates.grant-certification', 'rita.reviewer', { caseId, certificateNumber: 'GBT27922-2027-000002', level: 'five-star', scorecardId: 'sc-1' });
    await publisher.publish([byEvaluator]);
    // Other test files' service instances read the same topic and park it for their own reasons: find ours.
    const ours = (m: KafkaMessage) =>
      m.headers?.[MessageHeaders.eventId]?.toString() === byEvaluator.eventId && m.headers?.[MessageHeaders.dlqConsumerGroup]?.toString() === `${h.config.database}.lifecycle`;
    const dead = await readTopic(testKafka(), deadLetterTopic(Topics.certificate), (all) => all.some(ours));
    const parked = dead.find(ours)!;
    expect(parked.headers![MessageHeaders.dlqReason]!.toString()).toBe(
      'handler failed: EvaluatorCannotDecide: rita.reviewer took part in the evaluation and cannot make the certification decision',
    );
    expect((await stateOf(caseId)).status).toBe('decision-pending');
    expect(await store.streamVersion(caseId)).toBe(version);
  });

  it('parks an event about a case it never had', async () => {
    const ghost = external('review.document-review-completed', 'rita.reviewer', { caseId: `case-${randomUUID()}` });
    await publisher.publish([ghost]);
    const ours = (m: KafkaMessage) => m.headers?.[MessageHeaders.eventId]?.toString() === ghost.eventId && m.headers?.[MessageHeaders.dlqConsumerGroup]?.toString() === `${h.config.database}.lifecycle`;
    const dead = await readTopic(testKafka(), deadLetterTopic(Topics.review), (all) => all.some(ours));
    expect(dead.find(ours)!.headers![MessageHeaders.dlqReason]!.toString()).toMatch(/unknown case/);
  });
});
