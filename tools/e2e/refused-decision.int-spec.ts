import { deadLetterTopic, MessageHeaders, Topics } from '@gbt/contracts';
import { ensureTopics } from '@gbt/messaging';
import { testKafka } from '@gbt/testing';
import { applyAndAccept, CAST, eventually, evaluate, readCase, send, waitForDecisionBasis } from '../scenario';
import { startStack, type Stack } from './stack';
import { messagesBetween, skipToEnds, topicEnds, type TopicEnds } from './topic-range';

/** The topics a request and its answer travel on: a refusal must end as an answer, never on their dead-letter topics. */
const DEAD_LETTER_TOPICS = [deadLetterTopic(Topics.certificate), deadLetterTopic(Topics.certificationReplies)];

/**
 * A decision the lifecycle refuses, across the four services as `npm start` runs them. The
 * certificates service checks a decision against its copy of the case (the status snapshots) and
 * the lifecycle checks it again; they differ when the copy lags. Here it lags for good: the
 * certificates service is stopped while a conflict of interest is declared against the decision
 * maker, and its snapshot consumer is moved past that change. Its pre-check then lets the grant
 * through, and only the applications service can refuse it.
 */
describe('a decision the lifecycle refuses, across every service and real Kafka', () => {
  let stack: Stack;
  const kafka = testKafka();
  beforeAll(async () => {
    stack = await startStack();
  }, 180_000);
  afterAll(() => stack?.stop(), 90_000);

  it('ends visibly rejected with the refusal code in the certificates service, its number voided, and nothing dead-lettered', async () => {
    const p = stack.platform;
    await ensureTopics(kafka, DEAD_LETTER_TOPICS.map((topic) => ({ topic })));
    const before = new Map<string, TopicEnds>();
    for (const topic of DEAD_LETTER_TOPICS) before.set(topic, await topicEnds(kafka, topic));

    const { caseId } = await applyAndAccept(p, CAST, { name: '厦门爱克美 Acme Xiamen (refused decision)' });
    await evaluate(p, CAST, caseId);
    const basis = await waitForDecisionBasis(p, CAST.decider, caseId);

    // The certificates service's copy of the case stops here.
    await stack.kill('certificates', 'SIGTERM');
    const version = (await readCase(p, CAST.lead, caseId)).version;
    await send(p, 'applications', 'POST', `/cases/${caseId}/conflicts-of-interest`, {
      as: CAST.lead,
      ifMatch: version,
      json: { personId: CAST.decider, reason: '曾任申请人顾问 was the applicant\'s consultant' },
      expect: 200,
    });
    // Once the change is published, the snapshot consumer is moved past it.
    await eventually('the conflict to be published', async () => {
      const ends = await topicEnds(kafka, Topics.certificationCase);
      const start = new Map([...ends].map(([partition, end]) => [partition, Math.max(0, end - 200)]));
      const recent = await messagesBetween(kafka, Topics.certificationCase, start, ends);
      return recent.some((m) => {
        const e = JSON.parse(String(m.value));
        return e.streamId === caseId && e.type === 'certification.conflict-of-interest-declared';
      });
    });
    await skipToEnds(kafka, `${stack.database('certificates')}.lifecycle`, Topics.certificationCase);
    await stack.restart('certificates');

    const decision = await send(p, 'certificates', 'POST', `/cases/${caseId}/decision`, {
      as: CAST.decider,
      json: { outcome: 'grant', level: basis.score?.level, reasons: '评价结果符合要求 the evaluation meets the standard', scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash },
      expect: 201,
    });
    const { requestId, statusUrl, certificateNumber } = decision.body as { requestId: string; statusUrl: string; certificateNumber: string };
    expect(decision.body).toMatchObject({ status: 'requested', requested: 'certificates.grant-certification' });
    expect(certificateNumber).toMatch(/^GBT27922-\d{4}-\d{6}-\d{2}$/);

    const answered = await eventually('the lifecycle\'s answer', async () => {
      const reply = await send(p, 'certificates', 'GET', statusUrl, { as: CAST.decider, expect: 200 });
      return reply.body.status !== 'requested' ? reply.body : undefined;
    });
    expect(answered).toMatchObject({ requestId, status: 'rejected', code: 'ConflictOfInterest', voidedNumber: certificateNumber });
    const after = (await send(p, 'certificates', 'GET', `/cases/${caseId}/decision-basis`, { as: CAST.decider, expect: 200 })).body as { decisions: unknown[] };
    expect(after.decisions).toEqual([expect.objectContaining({ requestId, certificateNumber, answer: { outcome: 'rejected', code: 'ConflictOfInterest', reason: expect.stringContaining('conflict of interest') } })]);
    // The voided number was never issued: the registry does not know it, and the lifecycle never certified.
    await send(p, 'certificates', 'GET', `/registry/certificates/${certificateNumber}`, { expect: 404 });
    expect((await readCase(p, CAST.lead, caseId)).status).toBe('decision-pending');

    // Other test runs share these topics and park messages of their own on purpose: none may be this stack's or this case's.
    for (const topic of DEAD_LETTER_TOPICS) {
      const parked = await messagesBetween(kafka, topic, before.get(topic) ?? new Map(), await topicEnds(kafka, topic));
      const ours = parked.filter((m) => m.headers?.[MessageHeaders.dlqConsumerGroup]?.toString().startsWith(stack.run) || String(m.value).includes(caseId));
      expect(ours.map((m) => m.headers?.[MessageHeaders.dlqReason]?.toString())).toEqual([]);
    }
  }, 300_000);
});
