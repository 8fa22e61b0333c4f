import { send, UnexpectedReply, type Platform } from './http';
import { waitForCase } from './applications';
import { waitForRegistry } from './registry';
import { eventually } from './wait';

export interface DecisionBasis {
  readonly awaitingDecision: boolean;
  readonly cycle: number;
  readonly score: { scorecardId: string; score: number; level: string | null } | null;
  readonly scorecard: { scorecardId: string; hash: string } | null;
  readonly reviewReport: { hash: string } | null;
  readonly [more: string]: unknown;
}

/** What the decision maker reads: it is complete once the scorecard and the review report have both reached the certificates service. */
export const waitForDecisionBasis = (platform: Platform, decider: string, caseId: string) =>
  eventually(`the decision basis of ${caseId}`, async (note) => {
    const reply = await send<DecisionBasis>(platform, 'certificates', 'GET', `/cases/${caseId}/decision-basis`, { as: decider, expect: [200, 404] });
    const b = reply.body;
    note(reply.status === 200 ? { awaitingDecision: b.awaitingDecision, scorecard: !!b.scorecard, reviewReport: !!b.reviewReport } : reply.status);
    return reply.status === 200 && b.awaitingDecision && b.scorecard && b.reviewReport ? { ...b, scorecard: b.scorecard, reviewReport: b.reviewReport } : undefined;
  });

/** Grants at a level the scorecard supports, bound to the hashes of the basis the decision maker read. */
export async function grant(platform: Platform, decider: string, caseId: string, level: string, reasons = '评价结果符合要求 the evaluation meets the standard') {
  const basis = await waitForDecisionBasis(platform, decider, caseId);
  const reply = await send(platform, 'certificates', 'POST', `/cases/${caseId}/decision`, {
    as: decider,
    json: { outcome: 'grant', level, reasons, scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash },
    expect: 201,
  });
  return { certificateNumber: reply.body.certificateNumber as string, decisionId: reply.body.decisionId as string, basis };
}

/** The certificate is issued once the lifecycle shows the grant, the registry lists it and its signed document exists. */
export async function waitForCertificate(platform: Platform, viewer: string, caseId: string, number: string) {
  const view = await waitForCase(platform, viewer, caseId, `to be certified with ${number}`, (c) => c.status === 'certified' && c.certificate?.number === number);
  const entry = await waitForRegistry(platform, number, 'valid');
  await eventually(`the signed document of ${number}`, async () => (await send(platform, 'certificates', 'GET', `/registry/certificates/${number}/certificate.json`)).status === 200, 60_000, 500);
  return { view, entry };
}

/**
 * A request to change a certificate's lifecycle (202; the change follows through Kafka). The
 * service checks it against its copy of the lifecycle, which may lag the change just made by a
 * moment, so a refusal as not allowed in the current state is asked again for a while.
 */
async function request(platform: Platform, user: string, number: string, action: string, json: unknown = {}) {
  const lagging = (err: unknown) => err instanceof UnexpectedReply && ['NotAllowedInState', 'NotCurrentCertificate'].includes(err.code ?? '');
  let last: unknown;
  const outcome = await eventually(
    `${action} of ${number} to be accepted`,
    async (note) => {
      try {
        return { accepted: (await send(platform, 'certificates', 'POST', `/certificates/${number}/${action}`, { as: user, json, expect: 202 })).body };
      } catch (err) {
        last = err;
        note((err as Error).message);
        return lagging(err) ? undefined : { refused: err };
      }
    },
    15_000,
  ).catch((timeout: Error) => ({ refused: last ?? timeout }));
  if ('refused' in outcome) throw outcome.refused;
  return outcome.accepted;
}

/** Optionally naming the audit plan the surveillance was carried out under (issue 19). */
export const recordSurveillance = (platform: Platform, reviewer: string, number: string, result: ({ passed: true } | { passed: false; reason: string }) & { auditPlan?: { planId: string; revision: number } }) =>
  request(platform, reviewer, number, 'surveillance', result);
export const suspend = (platform: Platform, decider: string, number: string, reason: string, months?: number) =>
  request(platform, decider, number, 'suspension', months === undefined ? { reason } : { reason, months });
export const reinstate = (platform: Platform, decider: string, number: string) => request(platform, decider, number, 'reinstatement');
export const withdraw = (platform: Platform, decider: string, number: string, reason: string) => request(platform, decider, number, 'withdrawal', { reason });
export const cancel = (platform: Platform, holder: string, number: string, reason: string) => request(platform, holder, number, 'cancellation', { reason });
