import { randomUUID } from 'node:crypto';
import { certificateDates } from '@gbt/certificate-core';
import { DomainRefusal, type CommandContext } from '@gbt/platform';
import type { Certificates } from '../certificates/certificates.aggregate';
import type { CaseView } from '../lifecycle/case-mirror';
import type { AppealRecord } from './appeals.decider';

/**
 * The request an earlier attempt to uphold the appeal already sent, unless the lifecycle rejected it.
 * The remedy is sent before the appeal records its answer: a retry after a failure in between finds
 * the case changed by the remedy (grant set aside, certificate valid again), so it must answer with
 * the request sent then instead of refusing, or the appeal could never be upheld.
 */
async function sentFor(certificates: Certificates, caseId: string, type: RemedyRequest, appealId: string): Promise<string | null> {
  const { state, events } = await certificates.load(caseId);
  const earlier = events.filter((e) => e.type === type && (e.data as { appealId?: string }).appealId === appealId).map((e) => (e.data as { requestId: string }).requestId);
  return earlier.filter((id) => state.requests[id]?.status !== 'rejected').at(-1) ?? null;
}
type RemedyRequest = 'certificates.reopen-level-decision' | 'certificates.set-aside-withdrawal';

/**
 * An upheld appeal against the level granted (ADR 0038): the grant of the certificate the case
 * holds is set aside and the lifecycle asked to reopen its level; the certificate stays valid
 * until another decision maker decides the level again (POST /cases/{caseId}/decision).
 */
export async function reopenLevel(certificates: Certificates, state: CaseView, appeal: AppealRecord, reasons: string, context: CommandContext): Promise<string> {
  const sent = await sentFor(certificates, state.caseId, 'certificates.reopen-level-decision', appeal.appealId);
  if (sent) return sent;
  const number = state.certificate?.number;
  if (!number || !state.availableCommands.includes('reopen-level-decision') || (appeal.against.certificateNumber && appeal.against.certificateNumber !== number)) {
    throw new DomainRefusal('NotAllowedInState', `the case is ${state.status}: the level of its certificate cannot be decided again`, 409);
  }
  const grant = (await certificates.load(state.caseId)).state.decisions
    .filter((d) => d.outcome === 'grant' && d.certificateNumber === number && !d.setAside && d.answer?.outcome !== 'rejected')
    .at(-1);
  if (!grant) throw new DomainRefusal('NotTheStandingGrant', `no grant of certificate ${number} is recorded here to set aside`, 409, { number });
  const requestId = randomUUID();
  const reason = `appeal ${appeal.appealId} upheld: ${reasons}`;
  await certificates.execute(state.caseId, { type: 'set-aside', against: 'level', caseId: state.caseId, decisionId: grant.decisionId, appealId: appeal.appealId, reason, requestId }, context);
  return requestId;
}

/**
 * An upheld appeal against a withdrawal (ADR 0038): the lifecycle is asked to set it aside, which
 * it does only while the certificate's validity lasts. Checked here first so that an appeal is
 * not marked upheld for a remedy that cannot happen: the handler dismisses it, or the holder applies anew.
 */
export async function setAsideWithdrawal(certificates: Certificates, state: CaseView, appeal: AppealRecord, context: CommandContext): Promise<string> {
  const sent = await sentFor(certificates, state.caseId, 'certificates.set-aside-withdrawal', appeal.appealId);
  if (sent) return sent;
  if (!state.certificate || !state.availableCommands.includes('set-aside-withdrawal')) {
    throw new DomainRefusal('NotAllowedInState', `the case is ${state.status}: there is no withdrawal to set aside`, 409);
  }
  const { number, validUntil } = state.certificate;
  if (context.at >= new Date(validUntil)) {
    const lastDay = certificateDates(state.certificate).validUntil;
    throw new DomainRefusal('ValidityEnded', `certificate ${number} was valid until ${lastDay}: setting its withdrawal aside cannot restore it; dismiss the appeal with your reasons`, 409, { number, validUntil: lastDay });
  }
  const requestId = randomUUID();
  const event = { type: 'certificates.set-aside-withdrawal' as const, data: { caseId: state.caseId, requestId, appealId: appeal.appealId } };
  await certificates.execute(state.caseId, { type: 'request', event }, context);
  return requestId;
}
