import { randomUUID } from 'node:crypto';
import { defaultCatalogue } from '@gbt/catalogue';
import { creditCodeCheckCharacter } from '@gbt/contracts';
import { certificationCaseEvents, EventRegistry, organisationEvents, Topics } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { EventPublisher } from '@gbt/messaging';
import { readTopic, testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { queueOfTask, reviewStream } from './review/review-cycles';
import { planTasks, QUEUES } from './tasks/task-plan';
import { startEvidenceReview, type ReviewHarness } from './testing/harness';

const TOPIC_OF: Record<string, string> = { certification: Topics.certificationCase, applications: Topics.organisation };

describe('reviewing a case: assessments, information requests, corrective actions, SLAs', () => {
  let h: Awaited<ReturnType<typeof startEvidenceReview>>;
  let reviews: ReviewHarness['reviews'];
  let store: MongoEventStore;
  let publisher: EventPublisher;
  const caseId = `case-${randomUUID()}`;
  const first17 = `91330000${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase().replace(/[IOSVZ]/g, '2')}`;
  const organisationId = `org-${first17}${creditCodeCheckCharacter(first17)}`;
  const tasks = planTasks(caseId, defaultCatalogue);

  const envelope = (type: string, streamId: string, data: Record<string, unknown>) => testEnvelope(type, streamId, data);

  beforeAll(async () => {
    h = await startEvidenceReview();
    reviews = h.reviews;
    store = h.app.get(MongoEventStore);
    publisher = new EventPublisher(testKafka(), { registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]), topicFor: (e) => TOPIC_OF[e.type.split('.')[0]!]! });
    const creditCode = organisationId.slice(4);
    await publisher.publish([
      envelope('applications.organisation-registered', organisationId, { organisationId, creditCode, name: 'Acme', address: 'Hangzhou', contacts: [{ name: 'A', phone: '12345', email: 'a@acme.example' }], outlets: [], registeredBy: 'alice.applicant' }),
      envelope('certification.application-drafted', caseId, { caseId, organisationId, catalogueVersion: 'gbt27922-2011.v1', scope: { productCategories: ['appliances'], serviceCategories: [], sites: [], outlets: [] } }),
    ]);
    await reviews.plan(caseId, organisationId, 'gbt27922-2011.v1', new Date());
  });
  afterAll(async () => {
    await publisher.disconnect();
    await h.close();
  });

  const as = (user: string) => h.as(user);
  /** Reserves a task for a reviewer (as a lead would) and lets them claim it. */
  async function claim(taskId: string, reviewer: string) {
    const queue = queueOfTask(taskId);
    await h.http().post(`/tasks/${taskId}/reassign`).set(as('lena.lead')).send({ reviewerId: reviewer }).expect(200);
    const claimed = await h.http().post(`/queues/${queue}/claim`).set(as(reviewer)).expect(200);
    expect(claimed.body).toMatchObject({ taskId, claimedBy: reviewer });
    return claimed.body;
  }
  const assess = (taskId: string, reviewer: string, requirementId: string, assessment: Record<string, unknown>) =>
    h.http().post(`/tasks/${taskId}/assessments`).set(as(reviewer)).send({ requirementId, assessment });

  it('refuses results for a task you do not hold, an unknown requirement and impossible samples, changing nothing', async () => {
    const task = tasks.find((t) => t.indicatorId === '5.3.2')!;
    await claim(task.taskId, 'rita.reviewer');
    const version = await store.streamVersion(reviewStream(caseId));
    expect((await assess(task.taskId, 'roy.reviewer', task.requirementIds[0]!, { outcome: 'conforming' }).expect(409)).body.detail).toBe(
      `task ${task.taskId} is not claimed by roy.reviewer; claim it first`,
    );
    expect((await assess(task.taskId, 'rita.reviewer', '9.9.9', { outcome: 'conforming' }).expect(422)).body.detail).toBe(`requirement 9.9.9 is not part of task ${task.taskId}`);
    const sampled = await assess(task.taskId, 'rita.reviewer', task.requirementIds[0]!, { outcome: 'sampled', sample: { checked: 3, failed: 4 } }).expect(400);
    expect(sampled.body.errors).toEqual(['assessment.sample.failed: sample.failed cannot exceed sample.checked']);
    await h.http().post(`/tasks/${task.taskId}/complete`).set(as('rita.reviewer')).expect(422);
    // 5.3.2.2 is a qualitative requirement in the default catalogue: a sampled result would break scoring later.
    const notSampled = await assess(task.taskId, 'rita.reviewer', '5.3.2.2', { outcome: 'sampled', sample: { checked: 3, failed: 1 } }).expect(422);
    expect(notSampled.body.code).toBe('NotSampled');
    expect(await store.streamVersion(reviewStream(caseId))).toBe(version);
  });

  it('stops the SLA clock while the applicant is asked for information', async () => {
    const shanghai = (local: string) => new Date(`${local}+08:00`);
    const paused = `case-${randomUUID()}`;
    h.clock.set(shanghai('2025-03-03T09:00:00'));
    await publisher.publish([envelope('certification.application-drafted', paused, { caseId: paused, organisationId, catalogueVersion: 'gbt27922-2011.v1', scope: { productCategories: ['x'], serviceCategories: [], sites: [], outlets: [] } })]);
    await reviews.plan(paused, organisationId, 'gbt27922-2011.v1', shanghai('2025-03-03T09:00:00')); // a Monday
    const task = planTasks(paused, defaultCatalogue).find((t) => t.indicatorId === '5.3.1')!;
    const before = (await h.http().get(`/tasks/${task.taskId}`).set(as('lena.lead')).expect(200)).body.slaDueAt;
    expect(before).toBe(shanghai('2025-03-17T09:00:00').toISOString()); // 10 working days
    await claim(task.taskId, 'roy.reviewer');
    h.clock.set(shanghai('2025-03-04T09:00:00'));
    const asked = await h.http().post(`/tasks/${task.taskId}/information-requests`).set(as('roy.reviewer')).send({ question: '请提供投诉处理记录 complaint records please' }).expect(200);
    expect(asked.body).toMatchObject({ slaDueAt: null, claimedBy: null, waitingForApplicantSince: shanghai('2025-03-04T09:00:00').toISOString() });
    h.clock.set(shanghai('2025-03-06T09:00:00'));
    await waitFor(async () => (await h.http().post(`/tasks/${task.taskId}/information`).set(as('alice.applicant')).send({ answer: 'attached as doc-1' })).status === 200, 30_000, 'alice to answer');
    const after = (await h.http().get(`/tasks/${task.taskId}`).set(as('lena.lead')).expect(200)).body;
    expect(after).toMatchObject({ waitingForApplicantSince: null, slaDueAt: shanghai('2025-03-19T09:00:00').toISOString() });
    await h.http().post(`/tasks/${task.taskId}/information`).set(as('bob.applicant')).send({ answer: 'not mine' }).expect(404);
  });

  it('publishes the results for scoring once every task is done and every nonconformity corrected by someone else\'s verification', async () => {
    for (const task of tasks) await h.http().post(`/tasks/${task.taskId}/reassign`).set(as('lena.lead')).send({ reviewerId: 'rita.reviewer' }).expect(200);
    const claimedByRita: string[] = [];
    for (const queue of Object.values(QUEUES)) {
      for (;;) {
        const res = await h.http().post(`/queues/${queue}/claim`).set(as('rita.reviewer')).expect((r) => expect([200, 204]).toContain(r.status));
        if (res.status === 204 || !String(res.body.taskId).startsWith(caseId)) break;
        claimedByRita.push(res.body.taskId);
      }
    }
    expect(claimedByRita.sort()).toEqual(tasks.map((t) => t.taskId).sort());
    for (const task of tasks) {
      for (const requirementId of task.requirementIds) {
        const state = (await h.http().get(`/tasks/${task.taskId}`).set(as('rita.reviewer'))).body;
        if (state.assessments[requirementId]) continue;
        const assessment = requirementId === '5.1.2.2' ? { outcome: 'nonconformity', finding: '无售后服务管理师', severity: 'major' } : { outcome: 'conforming' };
        await assess(task.taskId, 'rita.reviewer', requirementId, assessment).expect(200);
      }
      await h.http().post(`/tasks/${task.taskId}/complete`).set(as('rita.reviewer')).expect(200);
    }
    const waiting = await h.http().get(`/cases/${caseId}/review`).set(as('alice.applicant')).expect(200);
    expect(waiting.body.nonconformities['nc-5.1.2.2']).toMatchObject({ raisedBy: 'rita.reviewer', closed: false });
    await h.http().post(`/cases/${caseId}/nonconformities/nc-5.1.2.2/corrections`).set(as('alice.applicant')).send({ note: 'hired a 售后服务管理师', documentIds: ['doc-9'] }).expect(201);
    expect((await h.http().post(`/cases/${caseId}/nonconformities/nc-5.1.2.2/verification`).set(as('rita.reviewer')).send({ accepted: true }).expect(403)).body.code).toBe('SelfVerification');
    await h.http().post(`/cases/${caseId}/nonconformities/nc-5.1.2.2/verification`).set(as('roy.reviewer')).send({ accepted: true }).expect(200);

    const published = await readTopic(testKafka(), Topics.review, (all) => all.some((m) => m.key?.toString() === reviewStream(caseId) && JSON.parse(m.value!.toString()).type === 'review.results-published'));
    const types = published.filter((m) => m.key?.toString() === reviewStream(caseId)).map((m) => JSON.parse(m.value!.toString()));
    const results = types.find((e) => e.type === 'review.results-published');
    expect(results.data).toMatchObject({ caseId, catalogueVersion: 'gbt27922-2011.v1', openNonconformitiesWaived: false, findings: [{ requirementId: '5.1.2.2', recordedBy: 'rita.reviewer' }] });
    const order = types.map((e) => e.type);
    expect(order.indexOf('review.document-review-completed')).toBeLessThan(order.indexOf('review.on-site-evaluation-completed'));
    expect(order.indexOf('review.corrective-action-verified')).toBeLessThan(order.indexOf('review.results-published'));
  });

  it('escalates a task whose SLA has run out to the lead reviewer', async () => {
    const late = `case-${randomUUID()}`;
    await reviews.plan(late, organisationId, 'gbt27922-2011.v1', new Date('2024-03-01T01:00:00Z'));
    const review = await waitFor(async () => {
      const { state } = await reviews.load(late);
      return state.status !== 'none' && Object.values(state.tasks).every((t) => t.escalated) ? state : undefined;
    }, 30_000, 'the overdue tasks to escalate');
    expect(review.dueAt).toBe('2024-03-15T01:00:00.000Z');
    const escalated = (await store.readStream(reviewStream(late))).filter((e) => e.type === 'review.task-escalated');
    expect(escalated).toHaveLength(planTasks(late, defaultCatalogue).length);
    expect(escalated[0]).toMatchObject({ actor: { id: 'sla-timer' }, data: { escalatedTo: 'lead-reviewer' } });
  });
});
