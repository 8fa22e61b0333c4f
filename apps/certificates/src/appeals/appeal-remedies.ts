import { randomUUID } from 'node:crypto';
import { certificateDates } from '@gbt/certificate-core';
import { DomainRefusal, type CommandContext } from '@gbt/platform';
import type { Certificates } from '../certificates/certificates.aggregate';
import type { CaseView } from '../lifecycle/case-mirror';
import type { AppealRecord } from './appeals.decider';

/**
 * An upheld appeal against the level granted (ADR 0038): the grant of the certificate the case
 * holds is set aside and the lifecycle asked to reopen its level; the certificate stays valid
 * until another decision maker decides the level again (POST /cases/{caseId}/decision).
 */
export async function reopenLevel(certificates: Certificates, state: CaseView, appeal: AppealRecord, reasons: string, context: CommandContext): Promise<string> {
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
