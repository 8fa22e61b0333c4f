import { applyAndAccept, CAST, evaluate, send, waitForCase, waitForDecisionBasis, type Platform } from '../scenario';

/** A case evaluated, then denied by the demo's decision maker: the decision an appeal is lodged against. */
export async function deniedCase(platform: Platform, name: string): Promise<string> {
  const { caseId } = await applyAndAccept(platform, CAST, { name });
  await evaluate(platform, CAST, caseId);
  const basis = await waitForDecisionBasis(platform, CAST.decider, caseId);
  await send(platform, 'certificates', 'POST', `/cases/${caseId}/decision`, {
    as: CAST.decider,
    json: { outcome: 'deny', reasons: '证据不足 the evidence does not convince', scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash },
    expect: 201,
  });
  await waitForCase(platform, CAST.applicant, caseId, 'to be denied', (c) => c.status === 'not-certified');
  return caseId;
}
