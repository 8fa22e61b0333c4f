import { randomUUID } from 'node:crypto';
import { defaultCatalogue } from '@gbt/catalogue';
import { shanghaiDate } from '@gbt/certificate-core';
import { certificationCaseEvents, deadLetterTopic, directoryEvents, EventRegistry, MessageHeaders, Topics } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { EventPublisher, toMessage } from '@gbt/messaging';
import { personFacts, readTopic, testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { reviewStream } from './review/review-cycles';
import { planTasks } from './tasks/task-plan';
import { startEvidenceReview, type ReviewHarness } from './testing/harness';

/**
 * Competence and impartiality over HTTP (issue 18, ADR 0032): the directory's facts arrive on
 * Kafka as the directory would publish them; each test has people and a product category of its
 * own, so no demo reviewer and no other test's case gets in the way.
 */
describe('who may claim and be given review work, by the directory', () => {
  let h: ReviewHarness;
  let publisher: EventPublisher;

  beforeAll(async () => {
    h = await startEvidenceReview();
    publisher = new EventPublisher(testKafka(), {
      registry: new EventRegistry([...certificationCaseEvents, ...directoryEvents]),
      topicFor: (e) => (e.type.startsWith('directory.') ? Topics.directory : Topics.certificationCase),
    });
  });
  afterAll(async () => {
    await publisher.disconnect();
    await h.close();
  });

  const today = () => shanghaiDate(h.clock.now());
  const later = (days: number) => shanghaiDate(new Date(h.clock.now().getTime() + days * 86_400_000));
  const bearer = async (personId: string, roles: string[] = ['reviewer']) => ({ authorization: `Bearer ${await h.issuer.sign({ sub: personId, roles, exp: 3_600 })}` });
  const person = () => `reviewer-${randomUUID().slice(0, 8)}`;
  const staffKnows = (personId: string, what: (doc: { qualifications: unknown[]; relations: unknown[] }) => boolean) =>
    waitFor(async () => {
      const doc = await h.db.collection<{ _id: string; qualifications: unknown[]; relations: unknown[] }>('staff_competence').findOne({ _id: personId });
      return doc && what(doc);
    }, 30_000, `${personId}'s directory facts`);

  /** A case of a category only this test uses, accepted: its review tasks in the queues. */
  async function acceptedCase(category: string, organisationId = `org-${randomUUID()}`) {
    const caseId = `case-${randomUUID()}`;
    const scope = { productCategories: [category], serviceCategories: [], sites: [], outlets: [] };
    await publisher.publish([
      testEnvelope('certification.application-drafted', caseId, { caseId, organisationId, catalogueVersion: 'gbt27922-2011.v1', scope }, { streamVersion: 1 }),
      testEnvelope('certification.application-accepted', caseId, { acceptedBy: 'lena.lead' }, { streamVersion: 4 }),
    ]);
    const tasks = planTasks(caseId, defaultCatalogue);
    await waitFor(async () => (await h.http().get(`/tasks/${tasks[0]!.taskId}`).set(h.as('lena.lead'))).status === 200, 30_000, 'the planned tasks');
    return { caseId, organisationId, tasks, queue: tasks[0]!.queue };
  }

  it('refuses a claim to a reviewer not qualified for the case, and gives the task once they are', async () => {
    const category = `category-${randomUUID()}`;
    const { caseId, queue } = await acceptedCase(category);
    const pia = person();
    const facts = personFacts(pia);
    await publisher.publish([facts.registered(['reviewer']), facts.qualified(['some other category'], today(), later(365))]);
    await staffKnows(pia, (d) => d.qualifications.length === 1);
    const me = await bearer(pia);

    const refused = await h.http().post(`/queues/${queue}/claim`).set(me).expect(403);
    expect(refused.body).toMatchObject({ code: 'NotQualified', params: { personId: pia } });

    // Categories match after trimming and case folding.
    await publisher.publish([facts.qualified([` ${category.toUpperCase()} `], today(), later(365))]);
    await staffKnows(pia, (d) => d.qualifications.length === 2);
    const claimed = await h.http().post(`/queues/${queue}/claim`).set(me).expect(200);
    expect(claimed.body).toMatchObject({ caseId, claimedBy: pia });
  });

  it('refuses a claim and an assignment to a reviewer related to the organisation, and tells the lead why', async () => {
    const category = `category-${randomUUID()}`;
    const { organisationId, tasks, queue } = await acceptedCase(category);
    const ray = person();
    const facts = personFacts(ray);
    // Consultancy that ended a year ago: inside the two-year window.
    await publisher.publish([facts.registered(['reviewer']), facts.qualified([category], today(), later(365)), facts.related(organisationId, '2020-01-01', later(-365))]);
    await staffKnows(ray, (d) => d.relations.length === 1);

    expect((await h.http().post(`/queues/${queue}/claim`).set(await bearer(ray)).expect(403)).body).toMatchObject({ code: 'RelatedToOrganisation', params: { organisationId, kind: 'consultancy' } });
    const lead = h.as('lena.lead');
    const eligible = (await h.http().get(`/tasks/${tasks[0]!.taskId}/eligible-reviewers`).set(lead).expect(200)).body;
    expect(eligible.source).toBe('directory');
    expect(eligible.reviewers.map((r: { id: string }) => r.id)).not.toContain(ray);
    expect(eligible.ineligible).toContainEqual(expect.objectContaining({ id: ray, code: 'RelatedToOrganisation' }));
    // The demo reviewers are not qualified for this test's category: listed with why not.
    expect(eligible.ineligible).toContainEqual(expect.objectContaining({ id: 'rita.reviewer', code: 'NotQualified' }));
    const assigned = await h.http().post(`/tasks/${tasks[0]!.taskId}/reassign`).set(lead).send({ reviewerId: ray }).expect(403);
    expect(assigned.body.code).toBe('RelatedToOrganisation');
  });

  it('lets a qualification that lapses mid-case end new claims only: the task already claimed stays workable', async () => {
    const category = `category-${randomUUID()}`;
    const { caseId, tasks } = await acceptedCase(category);
    const eve = person();
    const facts = personFacts(eve);
    await publisher.publish([facts.registered(['reviewer']), facts.qualified([category], later(-30), today())]);
    await staffKnows(eve, (d) => d.qualifications.length === 1);
    const me = await bearer(eve);
    const [first, second] = [tasks.find((t) => t.queue === tasks[0]!.queue)!, tasks.find((t) => t.queue !== tasks[0]!.queue)!];

    const claimed = await h.http().post(`/queues/${first.queue}/claim`).set(me).expect(200);
    expect(claimed.body).toMatchObject({ caseId, claimedBy: eve });
    const lastDay = h.clock.now();
    try {
      h.clock.set(new Date(lastDay.getTime() + 86_400_000));
      const requirementId = claimed.body.requirementIds[0];
      await h.http().post(`/tasks/${claimed.body.taskId}/assessments`).set(me).send({ requirementId, assessment: { outcome: 'conforming' } }).expect(200);
      const refused = await h.http().post(`/queues/${second.queue}/claim`).set(me).expect(403);
      expect(refused.body).toMatchObject({ code: 'QualificationExpired', params: { validUntil: shanghaiDate(lastDay) } });
    } finally {
      h.clock.set(new Date());
    }
  });

  it('releases the open tasks of a reviewer who declares a relation after being given them, with the reason on the review stream', async () => {
    const category = `category-${randomUUID()}`;
    const { caseId, organisationId, tasks } = await acceptedCase(category);
    const max = person();
    const facts = personFacts(max);
    await publisher.publish([facts.registered(['reviewer']), facts.qualified([category], today(), later(365))]);
    await staffKnows(max, (d) => d.qualifications.length === 1);
    const me = await bearer(max);
    const claimed = (await h.http().post(`/queues/${tasks[0]!.queue}/claim`).set(me).expect(200)).body;
    const reserved = tasks.find((t) => t.queue !== tasks[0]!.queue)!;
    await h.http().post(`/tasks/${reserved.taskId}/reassign`).set(h.as('lena.lead')).send({ reviewerId: max }).expect(200);

    const declaration = facts.related(organisationId, today());
    await publisher.publish([declaration]);
    const task = (taskId: string) => h.http().get(`/tasks/${taskId}`).set(h.as('lena.lead'));
    await waitFor(async () => (await task(claimed.taskId)).body.claimedBy === null && (await task(reserved.taskId)).body.assignedTo === null, 30_000, 'the tasks to be released');
    const released = (await h.app.get(MongoEventStore).readStream(reviewStream(caseId))).filter((e) => e.type === 'review.task-released');
    expect(released.map((e) => e.data).sort((a, b) => String(a.taskId).localeCompare(String(b.taskId)))).toEqual(
      [claimed.taskId, reserved.taskId].sort().map((taskId) => ({ caseId, taskId, reviewerId: max, reasonCode: 'RelatedToOrganisation', organisationId, relationId: declaration.data.relationId })),
    );
    await h.http().post(`/tasks/${claimed.taskId}/assessments`).set(me).send({ requirementId: claimed.requirementIds[0], assessment: { outcome: 'conforming' } }).expect(409);
    expect((await h.http().post(`/queues/${tasks[0]!.queue}/claim`).set(me).expect(403)).body.code).toBe('RelatedToOrganisation');
  });

  it('parks a directory event that breaks its contract on the dead-letter topic and keeps reading', async () => {
    const zoe = person();
    const facts = personFacts(zoe);
    // Sent raw: the publisher would refuse it, as the directory's own store does.
    const broken = facts.qualified(['x'], today(), later(-1));
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: Topics.directory, messages: [facts.registered(['reviewer']), broken, facts.qualified(['y'], today(), later(1))].map(toMessage) });
    await producer.disconnect();
    const ours = (m: { headers?: Record<string, unknown> }) =>
      String(m.headers?.[MessageHeaders.eventId]) === broken.eventId && String(m.headers?.[MessageHeaders.dlqConsumerGroup]) === `${h.db.databaseName}.staff-competence`;
    const parked = (await readTopic(testKafka(), deadLetterTopic(Topics.directory), (all) => all.some(ours))).find(ours);
    expect(String(parked?.headers?.[MessageHeaders.dlqReason])).toContain('validUntil cannot be before validFrom');
    await staffKnows(zoe, (d) => d.qualifications.length === 1);
  });

  it('refuses every claim to a reviewer the directory disabled or does not know', async () => {
    const ned = person();
    const facts = personFacts(ned);
    await publisher.publish([facts.registered(['reviewer']), facts.qualified(['anything'], today(), later(365)), facts.disabled()]);
    await staffKnows(ned, () => true);
    // The guard refuses a disabled person's token before the claim's own check (PersonDisabled) is reached.
    await waitFor(async () => (await h.http().post('/queues/review-on-site/claim').set(await bearer(ned))).body.code === 'access.person-disabled', 30_000, 'the person to be disabled');
    expect((await h.http().post('/queues/review-on-site/claim').set(await bearer(person())).expect(403)).body.code).toBe('NotInDirectory');
  });
});
