import { randomUUID } from 'node:crypto';
import { creditCodeCheckCharacter } from '@gbt/contracts';
import { waitFor } from '@gbt/testing';
import { startStack } from './stack';

/**
 * Three services as separate processes, talking only through Kafka: an application reviewed with one
 * nonconformity and its corrective action, scored, and waiting for a decision, driven over HTTP.
 */
describe('from application to decision over HTTP across applications, evidence review and scoring', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack(['applications', 'evidence-review', 'scoring']);
  }, 120_000);
  afterAll(() => stack?.stop(), 60_000);

  it('reaches decision-pending with a scorecard that explains the one lost requirement', async () => {
    const apps = () => stack.http('applications');
    const review = () => stack.http('evidence-review');
    const first17 = `91440300${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase().replace(/[IOSVZ]/g, '3')}`;
    const creditCode = first17 + creditCodeCheckCharacter(first17);
    const alice = stack.as('alice.applicant');

    const org = await apps()
      .post('/organisations')
      .set(alice)
      .send({ name: '深圳爱克美 Acme Shenzhen', creditCode, address: 'Nanshan, Shenzhen', contacts: [{ name: 'Alice', phone: '+86 755 1234567', email: 'alice@acme.example' }], outlets: [] })
      .expect(201);
    const draft = await apps().post('/cases').set(alice).send({ organisationId: org.body.organisationId, scope: { productCategories: ['家用电器'], serviceCategories: ['维修'] } }).expect(201);
    const caseId: string = draft.body.caseId;
    // Each change appends its facts and the case's status snapshot: If-Match takes the version each answer names.
    const attached = await apps().post(`/cases/${caseId}/evidence`).set(alice).set('if-match', `"${draft.body.version}"`).field('requirementId', '5.1.1.1').attach('file', Buffer.from('%PDF-1.4 licence'), { filename: '营业执照.pdf', contentType: 'application/pdf' }).expect(201);
    const submitted = await apps().post(`/cases/${caseId}/submit`).set(alice).set('if-match', `"${attached.body.version}"`).expect(200);
    await apps().post(`/cases/${caseId}/accept`).set(stack.as('lena.lead')).set('if-match', `"${submitted.body.version}"`).expect(200);

    // The review service learns of the acceptance from Kafka and plans the work.
    const planned = await waitFor(async () => {
      const res = await review().get(`/cases/${caseId}/review`).set(alice);
      return res.status === 200 && res.body.status === 'planned' ? res.body : undefined;
    }, 60_000, 'the review to be planned');
    const tasks = Object.entries(planned.tasks as Record<string, { requirementIds: string[]; onSite: boolean }>).sort(([, a], [, b]) => Number(a.onSite) - Number(b.onSite));
    for (const [taskId] of tasks) await review().post(`/tasks/${taskId}/reassign`).set(stack.as('lena.lead')).send({ reviewerId: 'rita.reviewer' }).expect(200);
    for (const [taskId, task] of tasks) {
      const queue = task.onSite ? 'review-on-site' : `review-${{ '5.1': 'service-system', '5.2': 'product-service', '5.3': 'customer-service' }[taskId.split('.').slice(1, 3).join('.')]}`;
      await waitFor(async () => {
        const claim = await review().post(`/queues/${queue}/claim`).set(stack.as('rita.reviewer'));
        if (claim.status === 200 && claim.body.taskId !== taskId) throw new Error(`claimed ${claim.body.taskId}, expected ${taskId}`);
        return claim.status === 200;
      }, 10_000, `rita to claim ${taskId}`);
      for (const requirementId of task.requirementIds) {
        const assessment = requirementId === '5.1.2.2' ? { outcome: 'nonconformity', finding: '没有售后服务管理师 no certified manager', severity: 'major' } : { outcome: 'conforming' };
        await review().post(`/tasks/${taskId}/assessments`).set(stack.as('rita.reviewer')).send({ requirementId, assessment }).expect(200);
      }
      await review().post(`/tasks/${taskId}/complete`).set(stack.as('rita.reviewer')).expect(200);
    }
    await waitFor(async () => (await apps().get(`/cases/${caseId}`).set(alice)).body.nonconformities?.['nc-5.1.2.2']?.open === true, 30_000, 'the lifecycle to record the nonconformity');

    await review().post(`/cases/${caseId}/nonconformities/nc-5.1.2.2/corrections`).set(alice).send({ note: '已聘任售后服务管理师 appointed a certified manager', documentIds: [] }).expect(201);
    await review().post(`/cases/${caseId}/nonconformities/nc-5.1.2.2/verification`).set(stack.as('roy.reviewer')).send({ accepted: true }).expect(200);

    const decided = await waitFor(async () => {
      const res = await apps().get(`/cases/${caseId}`).set(alice);
      return res.body.status === 'decision-pending' ? res.body : undefined;
    }, 60_000, 'the case to wait for a decision');
    expect(decided.score).toMatchObject({ score: 95, level: 'five-star', specialDeductions: 0 });
    expect([...decided.evaluators].sort()).toEqual(['rita.reviewer', 'roy.reviewer']);
    expect(decided.nonconformities['nc-5.1.2.2']).toMatchObject({ open: false });

    const cards = await stack.http('scoring').get(`/cases/${caseId}/scorecards`).set(alice).expect(200);
    const lost = cards.body.scorecards[0].scorecard.categories.flatMap((c: { indicators: { requirements: { id: string; lost: number }[] }[] }) => c.indicators.flatMap((i) => i.requirements)).filter((r: { lost: number }) => r.lost > 0);
    expect(lost).toEqual([expect.objectContaining({ id: '5.1.2.2', lost: 5, findings: [expect.objectContaining({ recordedBy: 'rita.reviewer' })] })]);

    const history = await apps().get(`/cases/${caseId}/history`).set(alice).expect(200);
    expect(history.body.map((e: { type: string }) => e.type.replace('certification.', ''))).toEqual([
      'application-drafted',
      'evidence-attached',
      'application-submitted',
      'application-accepted',
      'evaluator-assigned',
      'nonconformity-recorded',
      'document-review-completed',
      'on-site-evaluation-completed',
      'evaluator-assigned',
      'nonconformity-closed',
      'case-scored',
    ]);
  }, 180_000);
});
