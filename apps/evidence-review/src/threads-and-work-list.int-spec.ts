import { randomUUID } from 'node:crypto';
import { defaultCatalogue } from '@gbt/catalogue';
import { certificationCaseEvents, creditCodeCheckCharacter, EventRegistry, organisationEvents, Topics } from '@gbt/contracts';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { queueOfTask } from './review/review-cycles';
import { planTasks, QUEUES } from './tasks/task-plan';
import type { WorkItem } from './tasks/work-list';
import { startEvidenceReview, type ReviewHarness } from './testing/harness';

const TOPIC_OF: Record<string, string> = { certification: Topics.certificationCase, applications: Topics.organisation };

/** The conversation between applicant and reviewers (threads) and the reviewers' work list, over HTTP. */
describe('threads between applicant and reviewers, and the work list', () => {
  let h: ReviewHarness;
  let publisher: EventPublisher;
  const first17 = `91330000${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase().replace(/[IOSVZ]/g, '2')}`;
  const creditCode = `${first17}${creditCodeCheckCharacter(first17)}`;
  const organisationId = `org-${creditCode}`;
  const name = `杭州测试电器 Threads ${randomUUID().slice(0, 6)}`;

  const draft = (caseId: string) =>
    testEnvelope('certification.application-drafted', caseId, { caseId, organisationId, catalogueVersion: 'gbt27922-2011.v1', scope: { productCategories: ['appliances'], serviceCategories: [], sites: [], outlets: [] } });
  /** A drafted case of the test's organisation, readable by its applicant here, and its review planned as of `startedAt`. */
  async function reviewedCase(startedAt: Date, conflicted: string[] = []) {
    const caseId = `case-${randomUUID()}`;
    await publisher.publish([
      draft(caseId),
      ...conflicted.map((personId, i) => testEnvelope('certification.conflict-of-interest-declared', caseId, { personId, reason: 'related' }, { streamVersion: 2 + i })),
    ]);
    const known = async () => {
      const found = await h.db.collection('review_cases').findOne({ _id: caseId as never });
      return found !== null && conflicted.every((p) => (found.conflicts as string[]).includes(p));
    };
    await waitFor(known, 30_000, 'the case and its conflicts');
    await h.reviews.plan(caseId, organisationId, 'gbt27922-2011.v1', startedAt);
    await waitFor(async () => (await h.http().get(`/cases/${caseId}/threads`).set(h.as('alice.applicant'))).status === 200, 30_000, "the applicant's access");
    return caseId;
  }
  async function claim(taskId: string, reviewer: string) {
    await h.http().post(`/tasks/${taskId}/reassign`).set(h.as('lena.lead')).send({ reviewerId: reviewer }).expect(200);
    const claimed = await h.http().post(`/queues/${queueOfTask(taskId)}/claim`).set(h.as(reviewer)).expect(200);
    expect(claimed.body).toMatchObject({ taskId, claimedBy: reviewer });
  }
  const threadsAs = async (user: string, caseId: string) => (await h.http().get(`/cases/${caseId}/threads`).set(h.as(user)).expect(200)).body;
  const workList = async (user: string, query: Record<string, string> = {}) => (await h.http().get('/work-list').query(query).set(h.as(user)).expect(200)).body as { asOf: string; items: WorkItem[] };

  beforeAll(async () => {
    h = await startEvidenceReview();
    publisher = new EventPublisher(testKafka(), { registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]), topicFor: (e) => TOPIC_OF[e.type.split('.')[0]!]! });
    await publisher.publish([
      testEnvelope('applications.organisation-registered', organisationId, { organisationId, creditCode, name, address: 'Hangzhou', contacts: [{ name: 'A', phone: '12345', email: 'a@x.example' }], outlets: [], registeredBy: 'alice.applicant' }),
    ]);
  });
  afterAll(async () => {
    await publisher.disconnect();
    await h.close();
  });

  it('shows a request for information, the answer and the files chosen to both sides, and a corrective action to the lead', async () => {
    const caseId = await reviewedCase(h.clock.now());
    const task = planTasks(caseId, defaultCatalogue).find((t) => t.indicatorId === '5.1.2')!;
    await claim(task.taskId, 'rita.reviewer');
    await h.http().post(`/tasks/${task.taskId}/information-requests`).set(h.as('rita.reviewer')).send({ question: '请提供售后服务管理师证书 the certificate, please' }).expect(200);

    const asked = await threadsAs('alice.applicant', caseId);
    expect(asked.threads).toEqual([
      expect.objectContaining({
        threadId: `${task.taskId}#1`,
        kind: 'information',
        taskId: task.taskId,
        requirementIds: task.requirementIds,
        status: 'waiting-for-applicant',
        messages: [{ kind: 'question', text: '请提供售后服务管理师证书 the certificate, please', documentIds: [], by: 'rita.reviewer', at: expect.any(String) }],
      }),
    ]);
    await h.http().post(`/tasks/${task.taskId}/information`).set(h.as('alice.applicant')).send({ answer: '证书已上传 uploaded', documentIds: ['doc-cert-1', 'doc-cert-2'] }).expect(200);

    for (const reader of ['alice.applicant', 'rita.reviewer', 'lena.lead']) {
      const [thread] = (await threadsAs(reader, caseId)).threads;
      expect(thread.status).toBe('answered');
      expect(thread.messages.map((m: { kind: string; by: string; text: string; documentIds: string[] }) => [m.kind, m.by, m.text, m.documentIds])).toEqual([
        ['question', 'rita.reviewer', '请提供售后服务管理师证书 the certificate, please', []],
        ['answer', 'alice.applicant', '证书已上传 uploaded', ['doc-cert-1', 'doc-cert-2']],
      ]);
    }
    await h.http().get(`/cases/${caseId}/threads`).set(h.as('bob.applicant')).expect(404);

    // The answered task is back in its queue; Rita takes it again and raises a nonconformity.
    await claim(task.taskId, 'rita.reviewer');
    await h.http().post(`/tasks/${task.taskId}/assessments`).set(h.as('rita.reviewer')).send({ requirementId: '5.1.2.2', assessment: { outcome: 'nonconformity', finding: '证书过期 expired certificate', severity: 'major' } }).expect(200);
    await h.http().post(`/cases/${caseId}/nonconformities/nc-5.1.2.2/corrections`).set(h.as('alice.applicant')).send({ note: '新证书 renewed certificate', documentIds: ['doc-renewed'] }).expect(201);

    const seen = (await threadsAs('lena.lead', caseId)).threads.find((t: { kind: string }) => t.kind === 'correction');
    expect(seen).toMatchObject({ threadId: 'nc-5.1.2.2', nonconformityId: 'nc-5.1.2.2', requirementIds: ['5.1.2.2'], status: 'awaiting-verification' });
    expect(seen.messages.map((m: { kind: string; by: string; text: string; documentIds: string[] }) => [m.kind, m.by, m.text, m.documentIds])).toEqual([
      ['finding', 'rita.reviewer', '证书过期 expired certificate', []],
      ['correction', 'alice.applicant', '新证书 renewed certificate', ['doc-renewed']],
    ]);
    await h.http().post(`/cases/${caseId}/nonconformities/nc-5.1.2.2/verification`).set(h.as('lena.lead')).send({ accepted: false, reason: '证书编号不符 wrong number' }).expect(200);
    const rejected = (await threadsAs('alice.applicant', caseId)).threads.find((t: { kind: string }) => t.kind === 'correction');
    expect(rejected.status).toBe('awaiting-correction');
    expect(rejected.messages.at(-1)).toMatchObject({ kind: 'rejection', by: 'lena.lead', text: '证书编号不符 wrong number' });
  });

  it('lists open tasks escalated first, then due soonest, waiting for the applicant last, with filters', async () => {
    const late = await reviewedCase(new Date('2024-03-01T01:00:00Z'));
    await waitFor(async () => {
      const { state } = await h.reviews.load(late);
      return state.status !== 'none' && Object.values(state.tasks).every((t) => t.escalated);
    }, 60_000, 'the overdue tasks to escalate');
    const fresh = await reviewedCase(h.clock.now());
    const asking = planTasks(fresh, defaultCatalogue).find((t) => t.indicatorId === '5.1.1')!;
    await claim(asking.taskId, 'roy.reviewer');
    await h.http().post(`/tasks/${asking.taskId}/information-requests`).set(h.as('roy.reviewer')).send({ question: 'org chart?' }).expect(200);

    const ours = (items: WorkItem[]) => items.filter((i) => i.caseId === late || i.caseId === fresh);
    const all = ours((await workList('rita.reviewer')).items);
    expect(all).toHaveLength(2 * planTasks(late, defaultCatalogue).length);
    const lateCount = planTasks(late, defaultCatalogue).length;
    expect(all.slice(0, lateCount).every((i) => i.caseId === late && i.escalated && i.overdue && i.urgency === 'escalated')).toBe(true);
    expect(all.at(-1)).toMatchObject({ taskId: asking.taskId, urgency: 'waiting-for-applicant', dueAt: null, waitingForApplicantSince: expect.any(String) });
    const fresher = all.filter((i) => i.caseId === fresh && i.taskId !== asking.taskId);
    expect(fresher.every((i) => i.urgency === 'on-time' && !i.overdue && i.dueAt !== null)).toBe(true);
    for (const [a, b] of all.slice(0, -1).map((item, i) => [item, all[i + 1]!] as const)) expect(a.rank).toBeLessThan(b.rank);
    expect(all[0]).toMatchObject({ organisationId, organisationName: name, cycle: 1 });

    const escalated = ours((await workList('rita.reviewer', { escalated: 'true' })).items);
    expect(escalated.map((i) => i.caseId)).toEqual(Array(lateCount).fill(late));
    expect(ours((await workList('rita.reviewer', { overdue: 'true' })).items).every((i) => i.caseId === late)).toBe(true);
    const onSite = ours((await workList('rita.reviewer', { queue: QUEUES['on-site'] })).items);
    expect(onSite.map((i) => i.taskId)).toEqual([`${late}.on-site`, `${fresh}.on-site`]);
    await h.http().get('/work-list').query({ queue: 'nope' }).set(h.as('rita.reviewer')).expect(400);
    await h.http().get('/work-list').set(h.as('alice.applicant')).expect(403);
  });

  it('reassigns only to eligible reviewers and reserves the task for the one picked', async () => {
    const caseId = await reviewedCase(h.clock.now(), ['rita.reviewer']);
    const task = planTasks(caseId, defaultCatalogue).find((t) => t.indicatorId === '5.2.1')!;
    const eligible = await h.http().get(`/tasks/${task.taskId}/eligible-reviewers`).set(h.as('lena.lead')).expect(200);
    // The directory's reviewers (the demo staff, published by the harness), in the order the directory's events arrived.
    expect(eligible.body).toEqual({
      taskId: task.taskId,
      source: 'directory',
      reviewers: expect.arrayContaining([{ id: 'roy.reviewer', name: 'Roy Chen (reviewer)' }, { id: 'lena.lead', name: 'Lena Zhou (lead reviewer)' }]),
      ineligible: [{ id: 'rita.reviewer', name: 'Rita Zhang (reviewer)', code: 'ConflictOfInterest', params: { personId: 'rita.reviewer' } }],
    });
    expect(eligible.body.reviewers).toHaveLength(2);
    await h.http().get(`/tasks/${task.taskId}/eligible-reviewers`).set(h.as('roy.reviewer')).expect(403);

    const refused = await h.http().post(`/tasks/${task.taskId}/reassign`).set(h.as('lena.lead')).send({ reviewerId: 'Rita' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'NotAnEligibleReviewer', params: { eligible: expect.arrayContaining(['roy.reviewer', 'lena.lead']) } });
    await h.http().post(`/tasks/${task.taskId}/reassign`).set(h.as('lena.lead')).send({ reviewerId: 'alice.applicant' }).expect(422);
    await h.http().post(`/tasks/${task.taskId}/reassign`).set(h.as('lena.lead')).send({ reviewerId: 'roy.reviewer' }).expect(200);

    const forRoy = (await workList('roy.reviewer', { queue: QUEUES['5.2'] })).items.find((i) => i.taskId === task.taskId);
    expect(forRoy).toMatchObject({ assignedTo: 'roy.reviewer', nextForYou: true });
    expect((await workList('lena.lead', { queue: QUEUES['5.2'] })).items.find((i) => i.taskId === task.taskId)?.nextForYou).toBe(false);
    const claimed = await h.http().post(`/queues/${QUEUES['5.2']}/claim`).set(h.as('roy.reviewer')).expect(200);
    expect(claimed.body).toMatchObject({ taskId: task.taskId, claimedBy: 'roy.reviewer' });
    expect((await workList('lena.lead', { queue: QUEUES['5.2'] })).items.find((i) => i.taskId === task.taskId)).toMatchObject({ claimedBy: 'roy.reviewer' });
  });
});
