import type { Decider } from '@gbt/decider';
import type { CaseCommand } from './commands';
import * as app from './decide-application';
import * as cert from './decide-certificate';
import * as remedies from './decide-appeal-remedies';
import * as evaluation from './decide-evaluation';
import { domainError, type DomainError } from './errors';
import type { CaseEvent } from './events';
import { evolve } from './evolve';
import { DEFAULT_POLICY, type LifecyclePolicy } from './policy';
import { initialState, type CaseState } from './state';
import { TRANSITIONS } from './transitions';

/** decide(command, state) -> events | DomainError. The transition table is checked first, then the guards. */
export function decide(command: CaseCommand, state: CaseState, policy: LifecyclePolicy = DEFAULT_POLICY): CaseEvent[] | DomainError {
  if (!TRANSITIONS[command.type].from.includes(state.status)) {
    return domainError('NotAllowedInState', `${command.type} is not allowed when the case is ${state.status}`);
  }
  switch (command.type) {
    case 'draft-application':
      return app.draftApplication(command);
    case 'edit-application':
      return app.editApplication(command);
    case 'attach-evidence':
      return app.attachEvidence(command, state);
    case 'detach-evidence':
      return app.detachEvidence(command, state);
    case 'submit-application':
      return app.submitApplication(command, state);
    case 'withdraw-application':
      return app.withdrawApplication(command);
    case 'accept-application':
      return app.acceptApplication(command, state);
    case 'refuse-application':
      return app.refuseApplication(command, state);
    case 'reopen-application':
      return app.reopenApplication(command);
    case 'declare-conflict-of-interest':
      return app.declareConflictOfInterest(command, state);
    case 'assign-evaluator':
      return evaluation.assignEvaluator(command, state);
    case 'complete-document-review':
      return evaluation.completeDocumentReview(command, state);
    case 'complete-on-site-evaluation':
      return evaluation.completeOnSiteEvaluation(command, state);
    case 'record-nonconformity':
      return evaluation.recordNonconformity(command, state);
    case 'close-nonconformity':
      return evaluation.closeNonconformity(command, state);
    case 'record-score':
      return evaluation.recordScore(command, state);
    case 'grant-certification':
      return evaluation.grantCertification(command, state, policy);
    case 'deny-certification':
      return evaluation.denyCertification(command, state);
    case 'reopen-decision':
      return evaluation.reopenDecision(command, state);
    case 'reopen-level-decision':
      return remedies.reopenLevelDecision(command, state);
    case 'redecide-level':
      return remedies.redecideLevel(command, state);
    case 'set-aside-withdrawal':
      return remedies.setAsideWithdrawal(command, state, policy);
    case 'mark-surveillance-due':
      return cert.markSurveillanceDue(command, state);
    case 'record-surveillance':
      return cert.recordSurveillance(command, state, policy);
    case 'suspend-certificate':
      return cert.suspendCertificate(command, state, policy);
    case 'reinstate-certificate':
      return cert.reinstateCertificate(command, state, policy);
    case 'withdraw-certificate':
      return cert.withdrawCertificate(command);
    case 'cancel-certificate':
      return cert.cancelCertificate(command);
    case 'expire-certificate':
      return cert.expireCertificate(command, state);
    case 'change-scope':
      return cert.changeScope(command, state);
    case 'start-recertification':
      return cert.startRecertification(command, state, policy);
    case 'reach-deadline':
      return cert.reachDeadline(command, state, policy);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${(unhandled as CaseCommand).type}`);
    }
  }
}

export const certificationDecider = (policy: LifecyclePolicy = DEFAULT_POLICY): Decider<CaseCommand, CaseEvent, CaseState, DomainError> => ({
  initialState,
  decide: (command, state) => decide(command, state, policy),
  evolve,
});
