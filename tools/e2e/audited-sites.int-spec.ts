import { applyAndAccept, CAST, evaluate, grant, send, waitForCertificate } from '../scenario';
import { waitFor } from '@gbt/testing';
import { startStack } from './stack';

/**
 * Issue 19, end to end over HTTP with every service: the initial audit's confirmed plan visits 3 of
 * 9 outlets; the review does a site task for each; the certificate issued lists those outlets as
 * audited sites in its signed scope and in the registry.
 */
describe('the outlets an audit visited on the certificate', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack();
  }, 180_000);
  afterAll(() => stack?.stop(), 60_000);

  it("lists the confirmed plan's sampled outlets as the certificate's sites", async () => {
    const platform = stack.platform;
    const outlets = Array.from({ length: 9 }, (_, i) => ({ name: `门店 ${i + 1} outlet`, address: `${i + 1} Wusi Road, Fuzhou` }));
    const { caseId } = await applyAndAccept(platform, CAST, { name: '福州连锁 Fuzhou Chain', outlets, employees: 12 });
    const plans = `/cases/${caseId}/audit-plans`;
    await waitFor(async () => (await send<{ outlets?: unknown[] }>(platform, 'evidence-review', 'GET', plans, { as: CAST.applicant }).catch(() => null))?.body.outlets?.length === 9, 60_000, 'evidence review to know the outlets');
    const team = [{ personId: CAST.reviewer, role: 'lead-auditor' }, { personId: CAST.verifier, role: 'auditor' }];
    await send(platform, 'evidence-review', 'POST', `${plans}/initial`, { as: CAST.lead, json: { mode: 'on-site', startDate: '2027-03-08', endDate: '2027-03-09', team }, expect: 201 });
    await send(platform, 'evidence-review', 'POST', `${plans}/initial/confirmation`, { as: CAST.applicant, json: { revision: 1 }, expect: 200 });
    const plan = (await send<{ audits: { plan: { sites: { id: string; name: string; address: string }[] } }[] }>(platform, 'evidence-review', 'GET', plans, { as: CAST.applicant, expect: 200 })).body.audits[0]!.plan;
    expect(plan.sites).toHaveLength(3);
    const labels = plan.sites.map((s) => `${s.name}（${s.address}）`);

    // The site tasks are there before the review starts: the scenario reviews every task it finds.
    await waitFor(async () => {
      const review = await send<{ tasks?: Record<string, { outletId?: string }> }>(platform, 'evidence-review', 'GET', `/cases/${caseId}/review`, { as: CAST.applicant }).catch(() => null);
      return Object.values(review?.body.tasks ?? {}).filter((t) => t.outletId).length === 3;
    }, 30_000, 'the site tasks');
    const scored = await evaluate(platform, CAST, caseId);
    const { certificateNumber } = await grant(platform, CAST.decider, caseId, scored.score!.level!);
    const { entry } = await waitForCertificate(platform, CAST.applicant, caseId, certificateNumber);
    expect(entry.scope.sites).toEqual(labels);
    const signed = await send<{ payload: { scope: { sites: string[] } } }>(platform, 'certificates', 'GET', `/registry/certificates/${certificateNumber}/certificate.json`, { expect: 200 });
    expect(signed.body.payload.scope.sites).toEqual(labels);

    // The reports keep the holder's address from the same organisation events, whose outlets now carry ids.
    const exported = await waitFor(async () => {
      const res = await send<{ certificates: { certificate_number: string; certified_entity_street_address: string }[] }>(platform, 'certificates', 'GET', '/exports/iaf-certsearch', { as: 'ada.admin', expect: 200 });
      return res.body.certificates.find((c) => c.certificate_number === certificateNumber);
    }, 30_000, 'the certificate in the IAF export');
    expect(exported.certified_entity_street_address).not.toBe('');
  }, 420_000);
});
