import type { CommandOf } from './commands';
import { domainError, type DomainError } from './errors';
import { event, type CaseEvent } from './events';
import { own, type CaseFile, type CaseState } from './state';

type Outcome = CaseEvent[] | DomainError;

export const caseFile = (state: CaseState): CaseFile => {
  if (state.status === 'none') throw new Error('the transition table let a command reach a case that does not exist');
  return state;
};

const scopeIsEmpty = (f: CaseFile) => f.scope.productCategories.length + f.scope.serviceCategories.length === 0;

export function draftApplication(c: CommandOf<'draft-application'>): Outcome {
  return [event('certification.application-drafted', c.data)];
}

export function editApplication(c: CommandOf<'edit-application'>): Outcome {
  return [event('certification.application-edited', c.data)];
}

export function attachEvidence(c: CommandOf<'attach-evidence'>, state: CaseState): Outcome {
  if (own(caseFile(state).evidence, c.data.documentId)) {
    return domainError('DuplicateDocument', `document ${c.data.documentId} is already attached to this case`);
  }
  return [event('certification.evidence-attached', c.data)];
}

export function detachEvidence(c: CommandOf<'detach-evidence'>, state: CaseState): Outcome {
  if (!own(caseFile(state).evidence, c.data.documentId)) return domainError('UnknownDocument', `document ${c.data.documentId} is not attached to this case`);
  return [event('certification.evidence-detached', c.data)];
}

export function submitApplication(_c: CommandOf<'submit-application'>, state: CaseState): Outcome {
  const f = caseFile(state);
  const missing = [
    ...(scopeIsEmpty(f) ? ['a scope with at least one product or service category'] : []),
    ...(Object.keys(f.evidence).length === 0 ? ['at least one evidence document (business licence, organisation chart ...)'] : []),
  ];
  if (missing.length) return domainError('IncompleteApplication', `the application needs ${missing.join(' and ')}`);
  return [event('certification.application-submitted', {})];
}

export function withdrawApplication(c: CommandOf<'withdraw-application'>): Outcome {
  return [event('certification.application-withdrawn', c.data)];
}

/** After an upheld appeal against a refusal, who refused it reviews the application no more. */
const barred = (c: { actor: { id: string } }, state: CaseState): DomainError | null =>
  state.status === 'submitted' && state.barred?.includes(c.actor.id)
    ? domainError('OriginalDeciderCannotRedecide', `${c.actor.id} refused this application and an appeal set that aside: another person reviews it`)
    : null;

export function acceptApplication(c: CommandOf<'accept-application'>, state: CaseState): Outcome {
  return barred(c, state) ?? [event('certification.application-accepted', { acceptedBy: c.actor.id })];
}

export function refuseApplication(c: CommandOf<'refuse-application'>, state: CaseState): Outcome {
  return barred(c, state) ?? [event('certification.application-refused', { reason: c.data.reason, refusedBy: c.actor.id })];
}

/** An upheld appeal against the refusal: the application is reviewed again. */
export function reopenApplication(c: CommandOf<'reopen-application'>): Outcome {
  return [event('certification.application-reopened', { appealId: c.data.appealId, reopenedBy: c.actor.id, setAsideBy: c.data.setAsideBy })];
}

export function declareConflictOfInterest(c: CommandOf<'declare-conflict-of-interest'>, state: CaseState): Outcome {
  if (caseFile(state).conflicts.includes(c.data.personId)) return [];
  return [event('certification.conflict-of-interest-declared', c.data)];
}
