import { randomUUID } from 'node:crypto';
import { redrawSample, type OutletSample } from '@gbt/audit-programme';
import { certificationCaseEvents, creditCodeCheckCharacter, EventRegistry, Topics } from '@gbt/contracts';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { startStack } from './stack';

/**
 * Issue 19's audit programme over HTTP, applications and evidence review as separate processes: a
 * company with 25 outlets and 40 employees applies; the lead plans the initial audit (5 outlets
 * sampled) and the applicant asks for a change, then confirms the next revision, which gives the
 * review a site task per sampled outlet; the surveillance
 * timer's fact arrives and the lead plans the first surveillance (3 outlets). Each recorded sample
 * is redrawn from its seed with the library and equals what the service recorded.
 */
/** A lifecycle fact as the applications service would publish it (the certificates service's timers and results, played here). */
async function publishLifecycle(caseId: string, type: string, data: Record<string, unknown>, streamVersion: number): Promise<void> {
  const publisher = new EventPublisher(testKafka(), { registry: new EventRegistry(certificationCaseEvents), topicFor: () => Topics.certificationCase });
  try {
    await publisher.publish([testEnvelope(type, caseId, data, { streamVersion, actor: 'certificates' })]);
  } finally {
    await publisher.disconnect();
  }
}

describe('the audit programme of a 25-outlet company', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack(['applications', 'evidence-review']);
  }, 180_000);
  afterAll(() => stack?.stop(), 60_000);

  it('samples 5 outlets initially and 3 at surveillance, each reproducible from its recorded seed', async () => {
    const apps = () => stack.http('applications');
    const review = () => stack.http('evidence-review');
    const alice = stack.as('alice.applicant');
    const lead = stack.as('lena.lead');
    const first17 = `91350100${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase().replace(/[IOSVZ]/g, '7')}`;
    const outlets = Array.from({ length: 25 }, (_, i) => ({ name: `门店 ${i + 1} outlet`, address: `${i + 1} Wusi Road, Fuzhou` }));
    const org = await apps()
      .post('/organisations')
      .set(alice)
      .send({ name: '福州连锁 Fuzhou Chain', creditCode: first17 + creditCodeCheckCharacter(first17), address: '1 Wusi Road', contacts: [{ name: 'Alice', phone: '+86 591 1234567', email: 'alice@chain.example' }], outlets, employees: 40 })
      .expect(201);
    const organisation = (await apps().get(`/organisations/${org.body.organisationId}`).set(alice).expect(200)).body;
    expect(organisation.outlets.map((o: { id: string }) => o.id)).toEqual(outlets.map((_, i) => `outlet-${i + 1}`));
    expect(organisation.employees).toBe(40);

    const draft = await apps().post('/cases').set(alice).send({ organisationId: org.body.organisationId, scope: { productCategories: ['家用电器'], serviceCategories: ['维修'] } }).expect(201);
    const caseId: string = draft.body.caseId;
    const attached = await apps().post(`/cases/${caseId}/evidence`).set(alice).set('if-match', `"${draft.body.version}"`).field('requirementId', '5.1.1.1').attach('file', Buffer.from('%PDF-1.4 licence'), { filename: '营业执照.pdf', contentType: 'application/pdf' }).expect(201);
    const submitted = await apps().post(`/cases/${caseId}/submit`).set(alice).set('if-match', `"${attached.body.version}"`).expect(200);
    await apps().post(`/cases/${caseId}/accept`).set(lead).set('if-match', `"${submitted.body.version}"`).expect(200);

    const programme = () => review().get(`/cases/${caseId}/audit-plans`).set(alice);
    const known = await waitFor(async () => {
      const res = await programme();
      return res.status === 200 && res.body.outlets.length === 25 ? res.body : undefined;
    }, 60_000, 'evidence review to know the case and its outlets');
    expect(known.audits.map((a: { kind: string; status: string }) => `${a.kind}:${a.status}`)).toEqual(['initial:none', 'surveillance-1:none', 'surveillance-2:none']);

    const team = [{ personId: 'rita.reviewer', role: 'lead-auditor' }, { personId: 'roy.reviewer', role: 'auditor' }];
    const initial = { mode: 'combined', startDate: '2027-03-08', endDate: '2027-03-10', team };
    // Only a lead reviewer plans; a plan's problems answer as codes the console words.
    await review().post(`/cases/${caseId}/audit-plans/initial`).set(alice).send(initial).expect(403);
    const tooShort = await review().post(`/cases/${caseId}/audit-plans/initial`).set(lead).send({ ...initial, endDate: '2027-03-08' }).expect(422);
    expect(tooShort.body).toMatchObject({ code: 'InvalidPlan', params: { problems: [{ code: 'audit-plan.team-too-small', params: { auditors: 2, days: 1, onSite: 5 } }] } });
    const noLead = await review().post(`/cases/${caseId}/audit-plans/initial`).set(lead).send({ ...initial, team: [{ personId: 'rita.reviewer', role: 'auditor' }] }).expect(422);
    expect(noLead.body.params.problems).toContainEqual({ code: 'audit-plan.lead-count', params: { leads: 0 } });
    // Each member is judged by the directory's competence and impartiality rules (ADR 0032).
    const stranger = await review().post(`/cases/${caseId}/audit-plans/initial`).set(lead).send({ ...initial, team: [...team, { personId: 'nobody.known', role: 'auditor' }] }).expect(422);
    expect(stranger.body).toMatchObject({ code: 'NotInDirectory', params: { personId: 'nobody.known' } });

    await review().post(`/cases/${caseId}/audit-plans/initial`).set(lead).send(initial).expect(201, { planId: `${caseId}.audit.initial`, version: 1, revision: 1 });
    const proposed = (await programme().expect(200)).body.audits[0];
    const sample: OutletSample = proposed.plan.outletSample;
    expect(sample).toMatchObject({ kind: 'initial', population: 25, ruleSize: 5, randomCount: 2 });
    expect(sample.outlets).toHaveLength(5);
    expect(sample.seed).toMatch(/^[0-9a-f]{32}$/);
    // 11-50 employees: 4 (2.5 on site), plus 0.5 on site for each of the 5 outlets visited.
    expect(proposed.plan.manDays).toMatchObject({ tableVersion: 'man-days.v1', kind: 'initial', total: 6.5, onSite: 5 });
    expect(proposed.plan.manDays.lines.map((l: { code: string }) => l.code)).toEqual(expect.arrayContaining(['band', 'outlets']));

    // The applicant asks for other dates; the lead's next revision keeps the recorded sample.
    await review().post(`/cases/${caseId}/audit-plans/initial/change-requests`).set(alice).send({ revision: 1, reason: '8日为公司盘点 stocktaking on the 8th' }).expect(200);
    await review().post(`/cases/${caseId}/audit-plans/initial`).set(lead).send({ ...initial, startDate: '2027-03-09', endDate: '2027-03-11' }).expect(201, { planId: `${caseId}.audit.initial`, version: 3, revision: 2 });
    const stale = await review().post(`/cases/${caseId}/audit-plans/initial/confirmation`).set(alice).send({ revision: 1 }).expect(409);
    expect(stale.body.code).toBe('StaleRevision');
    await review().post(`/cases/${caseId}/audit-plans/initial/confirmation`).set(alice).send({ revision: 2 }).expect(200);
    const confirmed = (await programme().expect(200)).body.audits[0];
    expect(confirmed).toMatchObject({ status: 'confirmed', revision: 2, plan: { startDate: '2027-03-09', outletSample: sample } });

    // The review's tasks follow the confirmed plan: a site task per sampled outlet, on the on-site queue.
    const siteTasks = await waitFor(async () => {
      const res = await review().get(`/cases/${caseId}/review`).set(alice);
      const sites = Object.entries((res.body.tasks ?? {}) as Record<string, { outletId?: string; onSite: boolean }>).filter(([, task]) => task.outletId);
      return sites.length > 0 ? sites : undefined;
    }, 30_000, 'the site tasks of the confirmed plan');
    expect(siteTasks.map(([taskId, task]) => [taskId, task.outletId, task.onSite]).sort()).toEqual(sample.outlets.map((o) => [`${caseId}.site.${o.id}`, o.id, true]).sort());

    // The certificates service's surveillance timer fires (played here: the lifecycle's fact on its topic).
    await publishLifecycle(caseId, 'certification.surveillance-due', { dueBy: '2028-03-01T02:00:00.000Z' }, 1_000);
    await waitFor(async () => (await programme()).body.surveillancesDue === 1, 30_000, 'the surveillance to be due');
    // The lead's list of plans to make names it; proposing the plan takes it off.
    const planId = `${caseId}.audit.surveillance-1`;
    const dueList = async () => (await review().get('/audit-plans/due').set(lead).expect(200)).body as { planId: string; caseId: string }[];
    expect(await dueList()).toContainEqual({ planId, caseId, organisationId: org.body.organisationId, kind: 'surveillance-1', dueBy: '2028-03-01T02:00:00.000Z' });
    await review().get('/audit-plans/due').set(alice).expect(403);

    await review().post(`/cases/${caseId}/audit-plans/surveillance-1`).set(lead).send({ mode: 'on-site', startDate: '2028-02-14', endDate: '2028-02-15', team }).expect(201);
    expect((await dueList()).map((d) => d.planId)).not.toContain(planId);
    const surveillance: OutletSample = (await programme().expect(200)).body.audits[1].plan.outletSample;
    expect(surveillance).toMatchObject({ kind: 'surveillance-1', population: 25, ruleSize: 3, randomCount: 1 });
    expect(surveillance.outlets).toHaveLength(3);
    expect(surveillance.seed).not.toBe(sample.seed);
    // Outlets not visited initially come first after the lot's pick.
    const initialIds = sample.outlets.map((o) => o.id);
    expect(surveillance.outlets.filter((o) => o.reason === 'not-sampled-before').every((o) => !initialIds.includes(o.id))).toBe(true);

    // Anyone can redraw each sample from the outlets, the earlier samples and the recorded seed.
    const ids = organisation.outlets.map(({ id }: { id: string }) => ({ id }));
    expect(redrawSample(sample, ids, [])).toEqual(sample);
    expect(redrawSample(surveillance, ids, [initialIds])).toEqual(surveillance);

    // The lead cancels the surveillance plan, saying why: final, a new proposal is refused.
    await review().post(`/cases/${caseId}/audit-plans/surveillance-1/cancellation`).set(alice).send({ reason: 'x' }).expect(403);
    await review().post(`/cases/${caseId}/audit-plans/surveillance-1/cancellation`).set(lead).send({ reason: '认证暂停 certificate suspended' }).expect(200);
    expect((await programme().expect(200)).body.audits[1]).toMatchObject({ kind: 'surveillance-1', status: 'cancelled' });
    const again = await review().post(`/cases/${caseId}/audit-plans/surveillance-1`).set(lead).send({ mode: 'on-site', startDate: '2028-02-14', endDate: '2028-02-15', team }).expect(409);
    expect(again.body.code).toBe('NotAllowedInState');

    // The second surveillance falls due, then its result is recorded without a plan: the list forgets it.
    await publishLifecycle(caseId, 'certification.surveillance-due', { dueBy: '2029-03-01T02:00:00.000Z' }, 1_001);
    await waitFor(async () => (await dueList()).some((d) => d.planId === `${caseId}.audit.surveillance-2`), 30_000, 'surveillance 2 on the list');
    await publishLifecycle(caseId, 'certification.surveillance-passed', { nextSurveillanceBy: '2030-03-01T02:00:00.000Z', recordedBy: 'roy.reviewer' }, 1_002);
    await waitFor(async () => !(await dueList()).some((d) => d.caseId === caseId), 30_000, 'the case to leave the list');
  }, 240_000);
});
