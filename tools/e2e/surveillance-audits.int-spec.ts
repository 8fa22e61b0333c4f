import { redrawSample, type OutletSample } from '@gbt/audit-programme';
import { shanghaiDate } from '@gbt/certificate-core';
import { waitFor } from '@gbt/testing';
import { applyAndAccept, CAST, caseHistory, evaluate, grant, recordSurveillance, send, waitForCertificate } from '../scenario';
import { startStack } from './stack';

interface SiteTask {
  outletId: string;
  status: 'open' | 'conforming' | 'finding';
  finding: string | null;
}
interface Programme {
  outlets: { id: string }[];
  audits: { kind: string; status: string; revision: number; plan: { outletSample: OutletSample } | null; siteTasks: SiteTask[] }[];
  flaggedOutlets: { outletId: string; planId: string; finding: string }[];
}

/**
 * Issue 19 over HTTP with every service: a 25-outlet company is certified after its initial audit
 * (5 outlets); its first surveillance is planned (3 outlets) and confirmed, which gives a site task
 * per sampled outlet; the plan's auditor visits them, with a finding at one. The surveillance
 * result names the plan: it cannot pass while a visit is open or found something, and the failed
 * result records the plan and the visited sites in the lifecycle. The flagged outlet is in the
 * second surveillance's sample, which is still reproduced from its seed. Visits are recorded from
 * the audit's first day (the stack's clock is moved there), a periodic pass must name the open
 * plan, and once the result is recorded the plan takes no more visits and names no other result.
 */
describe('surveillance audits that follow their plan', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack();
  }, 180_000);
  afterAll(() => stack?.stop(), 60_000);

  it('visits the sampled outlets, ties the result to the plan and samples the flagged outlet next time', async () => {
    const platform = stack.platform;
    const outlets = Array.from({ length: 25 }, (_, i) => ({ name: `门店 ${i + 1} outlet`, address: `${i + 1} Gulou Road, Fuzhou` }));
    const { caseId } = await applyAndAccept(platform, CAST, { name: '福州连锁 Fuzhou Chain', outlets, employees: 40 });
    const plans = `/cases/${caseId}/audit-plans`;
    const programme = async () => (await send<Programme>(platform, 'evidence-review', 'GET', plans, { as: CAST.applicant, expect: 200 })).body;
    await waitFor(async () => (await send<Programme>(platform, 'evidence-review', 'GET', plans, { as: CAST.applicant }).catch(() => null))?.body.outlets?.length === 25, 60_000, 'evidence review to know the outlets');
    const team = [{ personId: CAST.reviewer, role: 'lead-auditor' }, { personId: CAST.verifier, role: 'auditor' }];
    const propose = (kind: string, startDate: string, endDate: string) => send(platform, 'evidence-review', 'POST', `${plans}/${kind}`, { as: CAST.lead, json: { mode: 'on-site', startDate, endDate, team }, expect: 201 });
    const confirm = (kind: string, revision: number) => send(platform, 'evidence-review', 'POST', `${plans}/${kind}/confirmation`, { as: CAST.applicant, json: { revision }, expect: 200 });

    await propose('initial', '2027-03-08', '2027-03-10');
    await confirm('initial', 1);
    await waitFor(async () => {
      const review = await send<{ tasks?: Record<string, { outletId?: string }> }>(platform, 'evidence-review', 'GET', `/cases/${caseId}/review`, { as: CAST.applicant }).catch(() => null);
      return Object.values(review?.body.tasks ?? {}).filter((t) => t.outletId).length === 5;
    }, 30_000, 'the initial audit site tasks');
    const scored = await evaluate(platform, CAST, caseId);
    const { certificateNumber } = await grant(platform, CAST.decider, caseId, scored.score!.level!);
    await waitForCertificate(platform, CAST.applicant, caseId, certificateNumber);

    // The first surveillance, a month on: 3 of 25 outlets, no site tasks until the applicant confirms.
    const auditDay = (days: number) => shanghaiDate(new Date(stack.now().getTime() + days * 86_400_000));
    const [startDate, endDate] = [auditDay(30), auditDay(32)];
    await propose('surveillance-1', startDate, endDate);
    const proposed = (await programme()).audits[1]!;
    expect(proposed).toMatchObject({ kind: 'surveillance-1', status: 'proposed', siteTasks: [] });
    const sample = proposed.plan!.outletSample;
    expect(sample).toMatchObject({ population: 25, ruleSize: 3, randomCount: 1 });
    const visit = (outletId: string, json: Record<string, unknown>, as: string = CAST.reviewer, expect: number | number[] = 201) =>
      send(platform, 'evidence-review', 'POST', `${plans}/surveillance-1/site-visits`, { as, json: { outletId, ...json }, expect });
    const [first, second, third] = sample.outlets.map((o) => o.id) as [string, string, string];
    expect((await visit(first, { outcome: 'conforming' }, CAST.reviewer, 409)).body).toMatchObject({ code: 'PlanNotConfirmed' });
    await confirm('surveillance-1', 1);
    // A visit is part of the audit: not before its first day (Beijing time).
    expect((await visit(first, { outcome: 'conforming' }, CAST.reviewer, 422)).body).toMatchObject({ code: 'VisitBeforeAudit', params: { startDate } });
    await stack.setNow(`${startDate}T09:00:00+08:00`);
    expect((await programme()).audits[1]!.siteTasks).toEqual(sample.outlets.map((o) => ({ outletId: o.id, status: 'open', finding: null, recordedBy: null })));
    // Each auditor of the plan finds its outlets in their queue of visits; the lead, not auditing, does not.
    const queueOf = async (who: string) =>
      (await send<{ planId: string; outletId: string }[]>(platform, 'evidence-review', 'GET', '/site-visits', { as: who, expect: 200 })).body.filter((v) => v.planId === `${caseId}.audit.surveillance-1`).map((v) => v.outletId);
    for (const auditor of [CAST.reviewer, CAST.verifier]) {
      await waitFor(async () => (await queueOf(auditor)).length === 3, 30_000, `the outlets in ${auditor}'s queue`);
      expect((await queueOf(auditor)).sort()).toEqual(sample.outlets.map((o) => o.id).sort());
    }
    expect(await queueOf(CAST.lead)).toEqual([]);

    // Only the plan's auditors visit, only sampled outlets, each once; a finding says what was found.
    expect((await visit(first, { outcome: 'conforming' }, CAST.lead, 403)).body).toMatchObject({ code: 'NotInAuditTeam' });
    const unsampled = (await programme()).outlets.map((o) => o.id).find((id) => !sample.outlets.some((o) => o.id === id))!;
    expect((await visit(unsampled, { outcome: 'conforming' }, CAST.reviewer, 422)).body).toMatchObject({ code: 'OutletNotSampled' });
    expect((await visit(first, { outcome: 'finding' }, CAST.reviewer, 400)).body.detail).toContain('say what was found at the outlet');
    expect((await visit(first, { outcome: 'conforming', finding: 'a note' }, CAST.reviewer, 400)).body.detail).toContain('record the outcome as finding');
    await visit(first, { outcome: 'conforming' });
    expect((await visit(first, { outcome: 'conforming' }, CAST.verifier, 409)).body).toMatchObject({ code: 'VisitRecorded' });

    // The result names the plan: no pass while an outlet is still to visit (the mirror may lag a moment).
    const planId = `${caseId}.audit.surveillance-1`;
    const result = (json: Record<string, unknown>, expect: number | number[]) => send(platform, 'certificates', 'POST', `/certificates/${certificateNumber}/surveillance`, { as: CAST.verifier, json: { ...json, auditPlan: { planId, revision: 1 } }, expect });
    await waitFor(async () => (await result({ passed: true }, 422)).body.code === 'SiteVisitsOpen', 30_000, 'the certificates service to know the plan and its open visits');
    expect((await send(platform, 'certificates', 'POST', `/certificates/${certificateNumber}/surveillance`, { as: CAST.verifier, json: { passed: true, auditPlan: { planId, revision: 2 } }, expect: 409 })).body).toMatchObject({ code: 'AuditPlanNotConfirmed' });
    // A periodic result naming no plan would skip the visits (or leave the plan open): refused while the cycle's plan is open.
    for (const passed of [true, false]) {
      const unnamed = await send(platform, 'certificates', 'POST', `/certificates/${certificateNumber}/surveillance`, { as: CAST.verifier, json: passed ? { passed } : { passed, reason: 'no plan named' }, expect: 422 });
      expect(unnamed.body).toMatchObject({ code: 'AuditPlanRequired', params: { planId } });
    }

    await visit(second, { outcome: 'finding', finding: '投诉登记簿缺失 no complaint log at the outlet' }, CAST.verifier);
    await visit(third, { outcome: 'conforming' });
    expect((await programme()).audits[1]!.siteTasks.map((t) => t.status)).toEqual(['conforming', 'finding', 'conforming']);
    await waitFor(async () => (await queueOf(CAST.verifier)).length === 0, 30_000, 'the visited outlets to leave the queue');
    // Every outlet visited, one with a finding: the surveillance cannot pass, and is recorded as failed under its plan.
    const refused = await waitFor(async () => {
      const res = await result({ passed: true }, 422);
      return res.body.code === 'SiteVisitFindings' ? res.body : undefined;
    }, 30_000, 'the certificates service to know every visit');
    expect(refused).toMatchObject({ params: { planId, outletIds: [second] } });
    await recordSurveillance(platform, CAST.verifier, certificateNumber, { passed: false, reason: '网点投诉登记缺失 a sampled outlet keeps no complaint log', auditPlan: { planId, revision: 1 } });
    const named = (await programme()).outlets as unknown as { id: string; name: string; address: string }[];
    const sites = [first, second, third].map((id) => named.find((o) => o.id === id)!).map((o) => `${o.name}（${o.address}）`);
    const failed = await waitFor(async () => (await caseHistory(platform, CAST.applicant, caseId)).find((h) => h.type === 'certification.surveillance-failed'), 30_000, 'the failed surveillance in the lifecycle');
    expect(failed.data).toMatchObject({ auditPlanId: planId, auditPlanRevision: 1, sites });
    // The surveillance is over: its plan takes no more visits, and no other result stands on it.
    await waitFor(async () => (await visit(first, { outcome: 'conforming' }, CAST.reviewer, [409])).body.code === 'SurveillanceClosed', 30_000, 'the plan to be closed for visits');
    await waitFor(async () => (await result({ passed: false, reason: 'again' }, [409])).body.code === 'AuditPlanUsed', 30_000, 'the certificates service to know the plan was carried out');
    // The certificate's public history says which outlets that surveillance visited.
    const history = await waitFor(async () => {
      const entry = await send<{ history: { change: string; sites?: string[] }[] }>(platform, 'certificates', 'GET', `/registry/certificates/${certificateNumber}`, { expect: 200 });
      return entry.body.history.find((h) => h.change === 'surveillance-failed');
    }, 30_000, 'the failed surveillance in the registry');
    expect(history.sites).toEqual(sites);

    // The finding flagged its outlet: the second surveillance's sample includes it, beside the lot's pick.
    const flagged = await waitFor(async () => {
      const p = await programme();
      return p.flaggedOutlets.length ? p.flaggedOutlets : undefined;
    }, 30_000, 'the outlet with a finding to be flagged');
    expect(flagged).toEqual([{ outletId: second, planId, finding: '投诉登记簿缺失 no complaint log at the outlet' }]);
    await propose('surveillance-2', '2029-02-12', '2029-02-14');
    const next = (await programme()).audits[2]!.plan!.outletSample;
    expect(next).toMatchObject({ ruleSize: 3, randomCount: 1 });
    expect(next.outlets.map((o) => o.id)).toContain(second);
    expect(next.outlets.find((o) => o.id === second)!.reason).toMatch(/^(risk|random)$/);
    // Redrawn from the recorded seed, with the flag and the earlier samples, it is the same sample.
    const initialSample = (await programme()).audits[0]!.plan!.outletSample;
    const withFlag = (await programme()).outlets.map(({ id }) => (id === second ? { id, risks: ['previous-nonconformity' as const] } : { id }));
    expect(redrawSample(next, withFlag, [initialSample.outlets.map((o) => o.id), sample.outlets.map((o) => o.id)])).toEqual(next);
  }, 480_000);
});
