import { certificateDates, validityEnd } from '@gbt/certificate-core';
import { addMonths } from '@gbt/certification';
import {
  acceptApplication,
  attachEvidence,
  caseHistory,
  CAST,
  draftApplication,
  eventually,
  grant,
  nonconformityId,
  readCase,
  readReview,
  recordSurveillance,
  registerOrganisation,
  registryEntry,
  reinstate,
  reviewTasks,
  send,
  startRecertification,
  submitApplication,
  submitCorrection,
  suspend,
  validityOn,
  verificationPage,
  verifyCorrection,
  verifyPublicly,
  waitForCase,
  waitForCertificate,
  waitForDecisionBasis,
  waitForRegistry,
  waitForReviewPlan,
  waitForScorecard,
  withdraw,
} from '../scenario';
import { startStack, type Stack } from './stack';

const DAY = 86_400_000;
const { applicant, lead, reviewer, verifier, decider } = CAST;

/**
 * One certification through its whole life as `npm start` runs the platform: the four services as
 * their own processes, talking only through the real Kafka, driven over HTTP only. The stack's
 * simulated clock walks three years: surveillances fall due and suspension deadlines fire from the
 * certificates service's timers; the recertification is reviewed and scored as a cycle of its own,
 * and the first certificate's expiry passes harmlessly once the renewal has superseded it.
 */
describe('one certification over HTTP across every service and real Kafka, for three simulated years', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 180_000);
  afterAll(() => stack?.stop(), 90_000);

  it('is registered, applied for, reviewed with a corrected nonconformity, scored, granted, verified, surveilled, suspended, reinstated, re-evaluated, renewed and withdrawn', async () => {
    const p = stack.platform;
    const status = async (caseId: string) => (await readCase(p, applicant, caseId)).status;
    /** Moves the whole stack's time forward; the timers it makes due fire within the next sweep. */
    const travelTo = async (at: Date) => {
      expect(at.getTime()).toBeGreaterThan(stack.now().getTime());
      await stack.setNow(at);
    };
    await stack.setNow('2031-03-03T01:00:00Z');

    // Register the organisation and apply with evidence.
    const org = await registerOrganisation(p, applicant, { name: '福州爱克美电器 Acme Appliances Fuzhou' });
    expect(org.organisationId).toBe(`org-${org.creditCode}`);
    const { caseId, version: drafted } = await draftApplication(p, applicant, org.organisationId);
    expect(drafted).toBe(2); // the draft and its status snapshot, one commit
    expect(await readCase(p, applicant, caseId)).toMatchObject({ status: 'draft', organisationId: org.organisationId, evidence: {} });
    await attachEvidence(p, applicant, caseId, '5.1.1.1', '售后服务部门 after-sales department.pdf');
    const attached = await attachEvidence(p, applicant, caseId, '5.1.2.2', '售后服务管理师 managers.pdf');
    expect(attached.version).toBe(6);
    const withEvidence = await readCase(p, applicant, caseId);
    expect(Object.values(withEvidence.evidence as Record<string, { requirementId: string }>).map((e) => e.requirementId).sort()).toEqual(['5.1.1.1', '5.1.2.2']);
    expect(withEvidence.availableCommands).toContain('submit-application');

    await submitApplication(p, applicant, caseId);
    expect(await status(caseId)).toBe('submitted');

    // Accepted: the evidence review service plans the work when Kafka brings it the acceptance.
    await acceptApplication(p, lead, caseId);
    expect(await readCase(p, applicant, caseId)).toMatchObject({ status: 'under-evaluation', phase: 'document-review' });
    const plan = await waitForReviewPlan(p, lead, caseId);
    expect(plan.status).toBe('planned');
    expect(Object.values(plan.tasks).filter((t) => t.onSite)).toHaveLength(1);

    // Reviewed: one nonconformity, which the lifecycle records and which holds the results back.
    const finding = '没有售后服务管理师 no certified after-sales service manager';
    await reviewTasks(p, caseId, { lead, reviewer, nonconformities: { '5.1.2.2': finding } });
    const reviewed = await waitForCase(p, applicant, caseId, 'to be ready for scoring with the nonconformity open', (c) => c.phase === 'ready-for-scoring' && c.nonconformities[nonconformityId('5.1.2.2')]?.open === true);
    expect(reviewed).toMatchObject({ status: 'under-evaluation', score: null, nonconformities: { 'nc-5.1.2.2': { requirementId: '5.1.2.2', recordedBy: reviewer, open: true } } });
    expect(Object.values((await readReview(p, lead, caseId)).tasks).every((t) => t.completed)).toBe(true);

    // The corrective action, verified by another reviewer, releases the results to scoring.
    await submitCorrection(p, applicant, caseId, '5.1.2.2', '已聘任售后服务管理师 appointed a certified manager');
    expect((await readReview(p, applicant, caseId)).nonconformities['nc-5.1.2.2']).toMatchObject({ correctionSubmitted: true, closed: false });
    await verifyCorrection(p, verifier, caseId, '5.1.2.2');
    const scored = await waitForCase(p, applicant, caseId, 'to wait for a decision', (c) => c.status === 'decision-pending');
    expect(scored.score).toMatchObject({ score: 95, level: 'five-star', specialDeductions: 0 });
    expect(scored.nonconformities['nc-5.1.2.2']).toMatchObject({ open: false });
    expect([...scored.evaluators].sort()).toEqual([reviewer, verifier]);
    const scorecard = await waitForScorecard(p, applicant, caseId);
    expect(scorecard).toMatchObject({ scorecardId: scored.score?.scorecardId, current: true, scorecard: { score: 95, level: 'five-star', passed: true } });

    // Decided on the hashes the decision maker was shown; the certificate is issued when the lifecycle grants it.
    const basis = await waitForDecisionBasis(p, decider, caseId);
    expect(basis).toMatchObject({ status: 'decision-pending', cycle: 1, score: { score: 95, level: 'five-star' }, scorecard: { scorecardId: scored.score?.scorecardId } });
    const { certificateNumber: number } = await grant(p, decider, caseId, 'five-star');
    expect(number).toMatch(/^GBT27922-2031-\d{6}-\d{2}$/);
    const { view: issued, entry } = await waitForCertificate(p, applicant, caseId, number);
    const grantedAt = new Date(issued.certificate!.validFrom);
    expect(issued.certificate).toMatchObject({
      level: 'five-star',
      cycle: 1,
      validUntil: validityEnd(grantedAt, 36).toISOString(), // Shanghai midnight after the last day (ADR 26)
      nextSurveillanceBy: addMonths(grantedAt, 12).toISOString(),
    });
    expect(entry).toMatchObject({ status: 'valid', level: 'five-star', levelName: { zh: '五星级' }, holder: { name: org.name, creditCode: org.creditCode } });

    // Verified publicly, without logging in: registry, verification page, signed JSON and sealed PDF against the JWKS.
    const verified = await verifyPublicly(p, number, { pdf: true });
    expect(verified.entry.verifyUrl).toBe(`${p.url('certificates')}/verify/${number}`);
    expect(verified.page).toContain(number);
    expect(verified.page).toContain('有效 Valid');
    expect(verified.document).toMatchObject({ valid: true, payload: { number, level: 'five-star', holder: { creditCode: org.creditCode } } });
    expect(verified.pdf).toMatchObject({ valid: true });
    expect(verified.cli).toMatchObject({ code: 0, stdout: expect.stringContaining(`GENUINE ${number}`) });
    const found = await send(p, 'certificates', 'GET', `/registry/certificates?creditCode=${org.creditCode}`, { expect: 200 });
    expect(found.body).toMatchObject({ total: 1, items: [{ number, status: 'valid' }] });

    // First surveillance: the due timer fires 60 days ahead of the date; passed, the next is a year on.
    const firstDue = issued.certificate!.nextSurveillanceBy;
    await travelTo(new Date(new Date(firstDue).getTime() - 55 * DAY));
    await waitForCase(p, applicant, caseId, 'to show the first surveillance due', (c) => c.surveillanceDueBy === firstDue);
    await recordSurveillance(p, verifier, number, { passed: true });
    const surveilled = await waitForCase(p, applicant, caseId, 'to record the passed surveillance', (c) => c.certificate?.nextSurveillanceBy !== firstDue);
    expect(surveilled).toMatchObject({ status: 'certified', surveillanceDueBy: null });
    expect(new Date(surveilled.certificate!.nextSurveillanceBy).getTime()).toBeGreaterThan(new Date(firstDue).getTime());
    await waitForRegistry(p, number, 'valid', (e) => e.history.some((h) => h.change === 'surveillance-passed'));

    // Suspended by the decision maker for two months, then reinstated once the fix is verified.
    await travelTo(new Date(new Date(firstDue).getTime() + 30 * DAY)); // the first round's overdue timer finds it passed
    expect(await status(caseId)).toBe('certified');
    await suspend(p, decider, number, '维修收费不透明 repair charges not disclosed', 2);
    const suspended = await waitForCase(p, applicant, caseId, 'to be suspended', (c) => c.status === 'suspended');
    expect(suspended.reason).toBe('维修收费不透明 repair charges not disclosed');
    const suspendedEntry = await waitForRegistry(p, number, 'suspended');
    expect(suspendedEntry).toMatchObject({ suspendedUntil: suspended.until, statusReason: expect.stringContaining('repair charges not disclosed') });
    expect(await verificationPage(p, number)).toContain('暂停 Suspended');
    expect(await validityOn(p, number, stack.now().toISOString())).toMatchObject({ valid: false, status: 'suspended' });

    await travelTo(new Date(stack.now().getTime() + 20 * DAY));
    await reinstate(p, decider, number);
    const reinstated = await waitForCase(p, applicant, caseId, 'to be reinstated', (c) => c.status === 'certified');
    expect(reinstated.certificate!.nextSurveillanceBy).toBe(surveilled.certificate!.nextSurveillanceBy);
    await waitForRegistry(p, number, 'valid', (e) => e.suspendedUntil === null);

    // Second surveillance, after the suspension's deadline timer has passed harmlessly.
    const secondDue = reinstated.certificate!.nextSurveillanceBy;
    await travelTo(new Date(new Date(secondDue).getTime() - 55 * DAY));
    expect(new Date(suspended.until!).getTime()).toBeLessThan(stack.now().getTime());
    await waitForCase(p, applicant, caseId, 'to show the second surveillance due', (c) => c.surveillanceDueBy === secondDue);
    await recordSurveillance(p, verifier, number, { passed: true });
    await waitForCase(p, applicant, caseId, 'to record the second passed surveillance', (c) => c.certificate?.nextSurveillanceBy !== secondDue && c.surveillanceDueBy === null);

    // Renewal: refused before the window, which opens six months before the expiry.
    const validUntil = new Date(issued.certificate!.validUntil);
    const early = await send(p, 'applications', 'POST', `/cases/${caseId}/recertification`, { as: applicant, json: {}, ifMatch: (await readCase(p, applicant, caseId)).version });
    expect(early).toMatchObject({ status: 422, body: { code: 'OutsideRecertificationWindow' } });
    await travelTo(new Date(addMonths(validUntil, -6).getTime() + 3 * DAY));
    expect((await readCase(p, applicant, caseId)).availableCommands).toContain('start-recertification');
    await startRecertification(p, applicant, caseId);
    expect(await readCase(p, applicant, caseId)).toMatchObject({ status: 'recertifying', phase: 'document-review', certificate: { number } });
    await waitForRegistry(p, number, 'valid', (e) => e.history.some((h) => h.change === 'recertification-started'));

    // The recertification is reviewed as a cycle of its own: new tasks, the first cycle's review kept as it was.
    const renewalPlan = await waitForReviewPlan(p, lead, caseId, 2);
    expect(renewalPlan).toMatchObject({ cycle: 2, status: 'planned' });
    expect(Object.keys(renewalPlan.tasks).sort()).toEqual(Object.keys(plan.tasks).map((taskId) => taskId.replace(`${caseId}.`, `${caseId}.c2.`)).sort());
    expect(await readReview(p, lead, caseId)).toMatchObject({ cycle: 2, status: 'planned' });
    expect(await readReview(p, lead, caseId, 1)).toMatchObject({ cycle: 1, status: 'results-published', nonconformities: { 'nc-5.1.2.2': { closed: true } } });

    // Re-evaluated by the same reviewers, with a new finding, corrected and verified by the other reviewer.
    const renewalFinding = '维修收费标准未公示 repair charges not published';
    await reviewTasks(p, caseId, { lead, reviewer, nonconformities: { '5.2.4.3': renewalFinding }, cycle: 2 });
    const rereviewed = await waitForCase(p, applicant, caseId, 'to be ready for scoring the recertification with the new nonconformity open', (c) => c.phase === 'ready-for-scoring' && c.nonconformities[nonconformityId('5.2.4.3')]?.open === true);
    expect(rereviewed).toMatchObject({ status: 'recertifying', score: null, certificate: { number }, evaluators: [reviewer] });
    expect(rereviewed.nonconformities).toEqual({ 'nc-5.2.4.3': expect.objectContaining({ requirementId: '5.2.4.3', recordedBy: reviewer, open: true }) });
    await submitCorrection(p, applicant, caseId, '5.2.4.3', '已公示维修收费标准 price list published');
    expect((await readReview(p, applicant, caseId)).nonconformities).toEqual({ 'nc-5.2.4.3': expect.objectContaining({ correctionSubmitted: true, closed: false }) });
    await verifyCorrection(p, verifier, caseId, '5.2.4.3');
    const rescored = await waitForCase(p, applicant, caseId, 'to wait for the recertification decision', (c) => c.status === 'recertifying' && c.phase === 'decision-pending');
    expect(rescored.score).toMatchObject({ score: 98, level: 'five-star', specialDeductions: 0 });
    expect(rescored.score?.scorecardId).not.toBe(scored.score?.scorecardId);
    expect(rescored.certificate).toMatchObject({ number, cycle: 1 });
    expect([...rescored.evaluators].sort()).toEqual([reviewer, verifier]);
    expect(await readReview(p, lead, caseId)).toMatchObject({ cycle: 2, status: 'results-published' });
    const renewalScorecard = await waitForScorecard(p, applicant, caseId, 2);
    expect(renewalScorecard).toMatchObject({ scorecardId: rescored.score?.scorecardId, current: true, scorecard: { score: 98, level: 'five-star', passed: true } });

    // Decided on the new cycle's basis: its scorecard and its review report, not the first cycle's.
    const renewalBasis = await eventually('the recertification review report to reach the decision basis', async () => {
      const b = await waitForDecisionBasis(p, decider, caseId);
      return b.reviewReport.hash !== basis.reviewReport.hash ? b : undefined;
    });
    expect(renewalBasis).toMatchObject({ status: 'recertifying', awaitingDecision: true, cycle: 2, score: { score: 98, level: 'five-star' }, scorecard: { scorecardId: rescored.score?.scorecardId } });
    const { certificateNumber: renewed } = await grant(p, decider, caseId, 'five-star');
    expect(renewed).toMatch(/^GBT27922-2033-\d{6}-\d{2}$/);
    expect(renewed).not.toBe(number);
    const { view: renewal, entry: renewedEntry } = await waitForCertificate(p, applicant, caseId, renewed);
    const renewedFrom = new Date(renewal.certificate!.validFrom);
    // Renewed early, so the new validity runs on from the old expiry.
    expect(renewal.certificate).toMatchObject({ level: 'five-star', cycle: 2, validUntil: validityEnd(validUntil, 36).toISOString(), nextSurveillanceBy: addMonths(renewedFrom, 12).toISOString() });
    expect(renewedEntry).toMatchObject({ status: 'valid', level: 'five-star', holder: { name: org.name, creditCode: org.creditCode }, supersededBy: null });
    const superseded = await waitForRegistry(p, number, 'superseded');
    expect(superseded).toMatchObject({ supersededBy: renewed, validUntil: certificateDates(issued.certificate!).validUntil });
    expect(superseded.history.map((h) => `${h.change}:${h.status}`)).toEqual([
      'issued:valid',
      'surveillance-passed:valid',
      'suspended:suspended',
      'reinstated:valid',
      'surveillance-passed:valid',
      'recertification-started:valid',
      'superseded:superseded',
    ]);
    expect(await verificationPage(p, number)).toContain('已被替代 Superseded');
    expect((await verifyPublicly(p, renewed)).document).toMatchObject({ valid: true, payload: { number: renewed, level: 'five-star' } });
    const both = await send<{ total: number; items: { number: string; status: string }[] }>(p, 'certificates', 'GET', `/registry/certificates?creditCode=${org.creditCode}`, { expect: 200 });
    expect(both.body.total).toBe(2);
    expect(Object.fromEntries(both.body.items.map((i) => [i.number, i.status]))).toEqual({ [number]: 'superseded', [renewed]: 'valid' });

    // The old certificate's expiry passes: its timer finds the date moved on, and the renewal holds.
    await travelTo(new Date(validUntil.getTime() + DAY));
    expect(await validityOn(p, renewed, stack.now().toISOString())).toMatchObject({ valid: true, status: 'valid' });
    expect(await readCase(p, applicant, caseId)).toMatchObject({ status: 'certified', certificate: { number: renewed, cycle: 2 } });
    expect((await registryEntry(p, number)).status).toBe('superseded');

    // Withdrawn (撤销) by the decision maker: the renewed certificate ends, the superseded one stays superseded.
    const breach = '虚假宣传服务承诺 false claims about the service commitments';
    await withdraw(p, decider, renewed, breach);
    const withdrawn = await waitForCase(p, applicant, caseId, 'to be withdrawn', (c) => c.status === 'withdrawn');
    expect(withdrawn).toMatchObject({ reason: breach, certificate: { number: renewed, cycle: 2 } });
    expect(withdrawn.availableCommands).not.toContain('start-recertification');
    const withdrawnEntry = await waitForRegistry(p, renewed, 'withdrawn');
    expect(withdrawnEntry.statusReason).toContain('false claims');
    expect(withdrawnEntry.history.map((h) => `${h.change}:${h.status}`)).toEqual(['issued:valid', 'withdrawn:withdrawn']);
    expect(await verificationPage(p, renewed)).toContain('撤销 Withdrawn');
    expect(await validityOn(p, renewed, stack.now().toISOString())).toMatchObject({ valid: false, status: 'withdrawn' });
    expect(await validityOn(p, renewed, new Date(renewedFrom.getTime() + DAY).toISOString())).toMatchObject({ valid: true });
    expect((await registryEntry(p, number)).status).toBe('superseded');

    // The case's audit trail: exactly these events, in this order, and nothing from the timers whose dates had moved on.
    const history = await caseHistory(p, applicant, caseId);
    expect(history.map((e) => e.type.replace('certification.', ''))).toEqual([
      'application-drafted',
      'evidence-attached',
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
      'certification-granted',
      'surveillance-due',
      'surveillance-passed',
      'certificate-suspended',
      'certificate-reinstated',
      'surveillance-due',
      'surveillance-passed',
      'recertification-started',
      'evaluator-assigned',
      'nonconformity-recorded',
      'document-review-completed',
      'on-site-evaluation-completed',
      'evaluator-assigned',
      'nonconformity-closed',
      'case-scored',
      'certification-granted',
      'certificate-withdrawn',
    ]);
    // The history leaves out the status snapshots between the facts: versions rise, with gaps where they were.
    expect(history.map((e) => e.version).every((v, i, all) => i === 0 || v > all[i - 1]!)).toBe(true);
    const grants = history.filter((e) => e.type === 'certification.certification-granted');
    expect(grants).toMatchObject([
      { actor: { id: decider }, data: { certificateNumber: number, level: 'five-star', cycle: 1, scorecardId: scored.score?.scorecardId } },
      { actor: { id: decider }, data: { certificateNumber: renewed, level: 'five-star', cycle: 2, scorecardId: rescored.score?.scorecardId } },
    ]);
    expect(history.filter((e) => e.type === 'certification.nonconformity-recorded').map((e) => e.data.nonconformityId)).toEqual(['nc-5.1.2.2', 'nc-5.2.4.3']);
    expect(history.at(-1)).toMatchObject({ actor: { id: decider }, data: { reason: breach } });
  }, 480_000);
});
