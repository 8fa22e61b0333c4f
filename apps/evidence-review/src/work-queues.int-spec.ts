import { randomUUID } from 'node:crypto';
import { defaultCatalogue } from '@gbt/catalogue';
import { certificationCaseEvents, EventRegistry, organisationEvents, Topics } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { reviewStream } from './review/review-cycles';
import { planTasks, QUEUES } from './tasks/task-plan';
import { WorkQueues } from './tasks/work-queues';
import { startEvidenceReview, type ReviewHarness } from './testing/harness';

const TOPIC_OF: Record<string, string> = { certification: Topics.certificationCase, applications: Topics.organisation };

describe('reviewer work queues on real Redis, Kafka and the database', () => {
  let h: Awaited<ReturnType<typeof startEvidenceReview>>;
  let reviews: ReviewHarness['reviews'];
  let queues: WorkQueues;
  let publisher: EventPublisher;

  beforeAll(async () => {
    h = await startEvidenceReview();
    reviews = h.reviews;
    queues = h.app.get(WorkQueues);
    publisher = new EventPublisher(testKafka(), { registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]), topicFor: (e) => TOPIC_OF[e.type.split('.')[0]!]! });
  });
  afterAll(async () => {
    await publisher.disconnect();
    await h.close();
  });

  const envelope = (type: string, streamId: string, streamVersion: number, data: Record<string, unknown>) => testEnvelope(type, streamId, data, { streamVersion });
  const drafted = (caseId: string, organisationId = 'org-x') =>
    envelope('certification.application-drafted', caseId, 1, { caseId, organisationId, catalogueVersion: 'gbt27922-2011.v1', scope: { productCategories: ['appliances'], serviceCategories: [], sites: [], outlets: [] } });
  const tasksOf = async (caseId: string) =>
    (await Promise.all(Object.values(QUEUES).map((q) => queues.queue(q).getJobs(['prioritized', 'waiting', 'active', 'delayed', 'completed'])))).flat().filter((j) => j?.data.caseId === caseId);

  it('plans a case\'s review once, however often its acceptance is delivered', async () => {
    const caseId = `case-${randomUUID()}`;
    const accepted = envelope('certification.application-accepted', caseId, 4, { acceptedBy: 'lena.lead' });
    await publisher.publish([drafted(caseId), accepted]);
    const tasks = await waitFor(async () => {
      const found = await tasksOf(caseId);
      return found.length >= planTasks(caseId, defaultCatalogue).length ? found : undefined;
    }, 30_000, 'the planned tasks');
    await publisher.publish([accepted, { ...accepted, eventId: randomUUID() }]);
    // A later event of the same stream (same partition) shows the duplicates were handled before it.
    await publisher.publish([envelope('certification.conflict-of-interest-declared', caseId, 5, { personId: 'sentinel', reason: 'marks the end of the redelivery' })]);
    await waitFor(async () => (await h.db.collection('review_cases').countDocuments({ _id: caseId as never, conflicts: 'sentinel' })) > 0, 30_000, 'the sentinel');
    const again = await tasksOf(caseId);
    expect(again.map((j) => j.id).sort()).toEqual(tasks.map((j) => j.id).sort());
    expect(again.length).toBe(planTasks(caseId, defaultCatalogue).length);
    expect((await h.app.get(MongoEventStore).readStream(reviewStream(caseId))).filter((e) => e.type === 'review.tasks-planned')).toHaveLength(1);
  });

  it('takes a withdrawn case\'s work out of the queues', async () => {
    const caseId = `case-${randomUUID()}`;
    await publisher.publish([drafted(caseId), envelope('certification.application-accepted', caseId, 4, { acceptedBy: 'lena.lead' })]);
    await waitFor(async () => (await tasksOf(caseId)).length === planTasks(caseId, defaultCatalogue).length, 30_000, 'the planned tasks');
    await publisher.publish([envelope('certification.application-withdrawn', caseId, 5, { reason: 'changed our plans' })]);
    await waitFor(async () => (await tasksOf(caseId)).length === 0, 30_000, 'the tasks to leave the queues');
    expect((await reviews.load(caseId)).state.status).toBe('cancelled');
  });

  it('plans a review of its own for each recertification, once, and takes it out of the queues when the certificate expires first', async () => {
    const caseId = `case-${randomUUID()}`;
    await publisher.publish([drafted(caseId), envelope('certification.application-accepted', caseId, 4, { acceptedBy: 'lena.lead' })]);
    const first = planTasks(caseId, defaultCatalogue);
    await waitFor(async () => (await tasksOf(caseId)).length === first.length, 30_000, 'the first cycle\'s tasks');
    const started = envelope('certification.recertification-started', caseId, 20, { catalogueVersion: 'gbt27922-2011.v1' });
    await publisher.publish([started, { ...started, eventId: randomUUID() }]);
    const second = planTasks(caseId, defaultCatalogue, 2);
    const ofSecond = async () => (await tasksOf(caseId)).filter((j) => j.data.taskId.startsWith(`${caseId}.c2.`));
    const jobs = await waitFor(async () => {
      const found = await ofSecond();
      return found.length === second.length ? found : undefined;
    }, 30_000, 'the recertification\'s tasks');
    expect(jobs.map((j) => j.id).sort()).toEqual(second.map((t) => t.taskId).sort());

    const lead = h.as('lena.lead');
    const current = await h.http().get(`/cases/${caseId}/review`).set(lead).expect(200);
    expect(current.body).toMatchObject({ cycle: 2, caseId, status: 'planned', organisationId: 'org-x' });
    expect(Object.keys(current.body.tasks).sort()).toEqual(second.map((t) => t.taskId).sort());
    expect((await h.http().get(`/cases/${caseId}/review?cycle=1`).set(lead).expect(200)).body).toMatchObject({ cycle: 1, status: 'planned' });
    expect(Object.keys((await h.http().get(`/cases/${caseId}/review?cycle=1`).set(lead)).body.tasks).sort()).toEqual(first.map((t) => t.taskId).sort());
    await h.http().get(`/cases/${caseId}/review?cycle=3`).set(lead).expect(404);
    await h.http().get(`/cases/${caseId}/review?cycle=zero`).set(lead).expect(400);
    const onSite = second.find((t) => t.onSite)!;
    expect((await h.http().get(`/tasks/${onSite.taskId}`).set(lead).expect(200)).body).toMatchObject({ caseId, cycle: 2, queue: QUEUES['on-site'], completed: false });

    await publisher.publish([envelope('certification.certificate-expired', caseId, 21, { expiredAt: new Date().toISOString() })]);
    await waitFor(async () => (await reviews.load(caseId, 2)).state.status === 'cancelled', 30_000, 'the recertification\'s review to be cancelled');
    await waitFor(async () => (await ofSecond()).length === 0, 30_000, 'the recertification\'s tasks to leave the queues');
    // Handled after the redelivered start (same partition): that added no second plan.
    const store = h.app.get(MongoEventStore);
    expect((await store.readStream(reviewStream(caseId, 2))).map((e) => e.type)).toEqual(['review.tasks-planned', 'review.review-cancelled']);
    expect((await store.readStream(reviewStream(caseId))).map((e) => e.type)).toEqual(['review.tasks-planned']);
  });

  it('gives every task to exactly one of 50 reviewers claiming at once, and loses none', async () => {
    const caseIds = Array.from({ length: 6 }, () => `case-${randomUUID()}`);
    for (const caseId of caseIds) await reviews.plan(caseId, 'org-race', 'gbt27922-2011.v1', new Date('2024-02-01T01:00:00Z'));
    const queue = QUEUES['5.1'];
    const claims: { reviewer: string; taskId: string }[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        for (;;) {
          const job = await queues.claimNext(queue, `racer-${i}`, async () => 'take' as const);
          if (!job) return;
          claims.push({ reviewer: `racer-${i}`, taskId: job.data.taskId });
        }
      }),
    );
    const taskIds = claims.map((c) => c.taskId);
    expect(new Set(taskIds).size).toBe(taskIds.length);
    const ours = (await Promise.all(caseIds.map(tasksOf))).flat().filter((j) => j.data.taskId.includes('.5.1.'));
    expect(ours).toHaveLength(6 * 7);
    for (const job of ours) expect(taskIds).toContain(job.data.taskId);
    const active = await queues.queue(queue).getJobs(['active']);
    expect(active.map((j) => j.id).sort()).toEqual([...taskIds].sort());
    for (const { reviewer, taskId } of claims.slice(0, 5)) expect((await queues.holder(queue, taskId))?.reviewerId).toBe(reviewer);
    expect(await queues.queue(queue).getJobCounts('prioritized', 'waiting')).toMatchObject({ prioritized: 0, waiting: 0 });
  });

  it('keeps tasks away from a reviewer with a declared conflict of interest', async () => {
    const caseId = `case-${randomUUID()}`;
    await publisher.publish([drafted(caseId), envelope('certification.conflict-of-interest-declared', caseId, 2, { personId: 'rita.reviewer', reason: "owner's sister" })]);
    await waitFor(async () => (await h.db.collection('review_cases').countDocuments({ _id: caseId as never, conflicts: 'rita.reviewer' })) > 0, 30_000, 'the conflict');
    await reviews.plan(caseId, 'org-x', 'gbt27922-2011.v1', new Date('2024-01-02T01:00:00Z'));
    const queue = QUEUES['5.3'];
    const rita: string[] = [];
    for (;;) {
      const res = await h.http().post(`/queues/${queue}/claim`).set(h.as('rita.reviewer'));
      if (res.status === 204) break;
      rita.push(res.body.taskId);
    }
    expect(rita.filter((t) => t.startsWith(caseId))).toEqual([]);
    const roy = await h.http().post(`/queues/${queue}/claim`).set(h.as('roy.reviewer')).expect(200);
    expect(roy.body.taskId.startsWith(caseId)).toBe(true);
    const reserved = await h.http().post(`/tasks/${roy.body.taskId}/reassign`).set(h.as('lena.lead')).send({ reviewerId: 'rita.reviewer' }).expect(409);
    expect(reserved.body.detail).toBe('rita.reviewer has a declared conflict of interest with this applicant');
  });

  it('shows the queues dashboard to leads and administrators only', async () => {
    await h.http().get('/queues-dashboard').expect(401);
    const token = h.as('rita.reviewer').authorization.slice(7);
    expect((await h.http().get('/queues-dashboard').query({ access_token: token }).expect(403)).body.detail).toBe('the queues dashboard is for lead reviewers and administrators');
    const lead = h.as('lena.lead').authorization.slice(7);
    const page = await h.http().get('/queues-dashboard').query({ access_token: lead }).expect(200);
    expect(page.text).toMatch(/<html/i);
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const api = await h.http().get('/queues-dashboard/api/queues').set('cookie', cookie).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
  });
});
