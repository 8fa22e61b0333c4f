import { applyAndAccept, CAST, evaluate, send, waitForCase, waitForDecisionBasis, type Platform } from '../scenario';
import type { Stack } from './stack';

/**
 * A second decision maker, registered and qualified for the demo category through the directory like
 * any staff member, and a platform that signs in as her too: who handles an appeal or decides again
 * must not be the demo's one decision maker who took the decision (ADR 0033).
 */
export async function secondDecisionMaker(stack: Stack): Promise<{ id: string; platform: Platform }> {
  const added = await send(stack.platform, 'directory', 'POST', '/staff', {
    as: 'ada.admin',
    json: { name: 'Dora Qian (decision maker)', email: `dora-${stack.run}@demo.example`, roles: ['decision-maker'], password: 'appeal-handler-Pa55word!' },
    expect: 201,
  });
  const id = added.body.personId as string;
  const today = new Date(stack.now()).toISOString().slice(0, 10);
  await send(stack.platform, 'directory', 'POST', `/people/${id}/qualifications`, {
    as: 'ada.admin',
    json: { productCategories: ['家用电器 household appliances'], registrationNumber: 'GBT27922-D-0299', validFrom: '2020-01-01', validUntil: `${Number(today.slice(0, 4)) + 5}${today.slice(4)}` },
    expect: [200, 201],
  });
  const token = await stack.issuer.sign({ sub: id, name: 'Dora Qian', roles: ['decision-maker'] });
  return { id, platform: { url: stack.platform.url, token: (user) => (user === id ? token : stack.platform.token(user)) } };
}

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
