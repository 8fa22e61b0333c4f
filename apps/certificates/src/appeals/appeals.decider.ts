import type { Decider } from '@gbt/decider';
import type { AppealedDecision, appealEvents, EventsOf } from '@gbt/contracts';
import type { AppealView } from '@gbt/contracts/views';
import { REMEDY, whyNotHandler, whyNotLodge, type AppealPolicy, type AppealRefusal, type Participation } from './appeal-rules';

/** What the `appeals-<caseId>` stream holds: the case's appeals, each from lodging to its outcome. */
export type AppealsEvent = EventsOf<typeof appealEvents>;
export const APPEALS_EVENT_TYPES = [
  'appeals.appeal-lodged',
  'appeals.handler-assigned',
  'appeals.appeal-upheld',
  'appeals.appeal-dismissed',
  'appeals.answer-reminder',
  'appeals.answer-overdue',
] as const satisfies readonly AppealsEvent['type'][];
type Unlisted = Exclude<AppealsEvent['type'], (typeof APPEALS_EVENT_TYPES)[number]>;
// Fails to compile when the contract gains an appeals event that is not listed above.
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** An appeal as the stream holds it: what the appellant reads (the view), without the case and the events it is folded from. */
export type AppealRecord = Omit<AppealView, 'caseId' | 'history' | 'against'> & { readonly against: AppealedDecision };

export interface AppealsState {
  readonly appeals: readonly AppealRecord[];
}

export type AppealsCommand =
  | { type: 'lodge'; caseId: string; appealId: string; standing: AppealedDecision | null; grounds: string; lodgedBy: string; today: string; policy: AppealPolicy; answerBy: string }
  | { type: 'assign'; caseId: string; appealId: string; handlerId: string; assignedBy: string; participation: Participation }
  | { type: 'answer'; caseId: string; appealId: string; outcome: 'upheld' | 'dismissed'; reasons: string; by: string; requestId: string | null }
  | { type: 'remind'; caseId: string; appealId: string; answerBy: string; daysBefore: number }
  | { type: 'escalate'; caseId: string; appealId: string; answerBy: string };

const refuse = (error: string, message: string, params?: Record<string, string>): AppealRefusal => ({ error, message, ...(params ? { params } : {}) });

function openAppeal(s: AppealsState, appealId: string): AppealRecord | AppealRefusal {
  const appeal = s.appeals.find((a) => a.appealId === appealId);
  if (!appeal) return refuse('UnknownAppeal', `no appeal ${appealId} in this case`, { appealId });
  if (appeal.status !== 'open') return refuse('AppealClosed', `appeal ${appealId} was ${appeal.status} already`, { appealId, status: appeal.status });
  return appeal;
}
const isRefusal = (x: AppealRecord | AppealRefusal): x is AppealRefusal => 'error' in x;

function decide(c: AppealsCommand, s: AppealsState): AppealsEvent[] | AppealRefusal {
  const { caseId, appealId } = c;
  switch (c.type) {
    case 'lodge': {
      const earlier = s.appeals.map((a) => ({ appealId: a.appealId, decisionKey: a.against.decisionKey, status: a.status }));
      const refused = whyNotLodge(c.standing, earlier, c.today, c.policy);
      if (refused || !c.standing) return refused ?? refuse('NothingToAppeal', 'nothing to appeal');
      const lodged = { caseId, appealId, against: c.standing, grounds: c.grounds, lodgedBy: c.lodgedBy, acknowledgedOn: c.today, answerBy: c.answerBy };
      return [{ type: 'appeals.appeal-lodged', data: lodged }];
    }
    case 'assign': {
      const appeal = openAppeal(s, appealId);
      if (isRefusal(appeal)) return appeal;
      if (appeal.handlerId === c.handlerId) return [];
      const refused = whyNotHandler(c.handlerId, c.participation);
      if (refused) return refused;
      return [{ type: 'appeals.handler-assigned', data: { caseId, appealId, handlerId: c.handlerId, assignedBy: c.assignedBy } }];
    }
    case 'answer': {
      const appeal = openAppeal(s, appealId);
      if (isRefusal(appeal)) return appeal;
      if (appeal.handlerId !== c.by) return refuse('NotAppealHandler', `appeal ${appealId} is handled by ${appeal.handlerId ?? 'nobody yet'}; its handler answers it`, { appealId });
      if (c.outcome === 'dismissed') return [{ type: 'appeals.appeal-dismissed', data: { caseId, appealId, reasons: c.reasons, decidedBy: c.by } }];
      const remedy = REMEDY[appeal.against.kind];
      if (!remedy) return refuse('RemedyNotAvailable', `an upheld appeal against a ${appeal.against.kind} cannot be carried out yet: dismiss it or have the decision changed by its own procedure`, { kind: appeal.against.kind });
      return [{ type: 'appeals.appeal-upheld', data: { caseId, appealId, reasons: c.reasons, decidedBy: c.by, remedy, requestId: c.requestId } }];
    }
    case 'remind':
    case 'escalate': {
      const appeal = s.appeals.find((a) => a.appealId === appealId);
      // A timer for an appeal answered since, or for a deadline that is not this appeal's, does nothing.
      if (!appeal || appeal.status !== 'open' || appeal.answerBy !== c.answerBy) return [];
      if (c.type === 'remind') return [{ type: 'appeals.answer-reminder', data: { caseId, appealId, answerBy: c.answerBy, daysBefore: c.daysBefore } }];
      return appeal.escalated ? [] : [{ type: 'appeals.answer-overdue', data: { caseId, appealId, answerBy: c.answerBy } }];
    }
  }
}

const changed = (s: AppealsState, appealId: string, change: (a: AppealRecord) => AppealRecord): AppealsState => ({
  appeals: s.appeals.map((a) => (a.appealId === appealId ? change(a) : a)),
});

function evolve(s: AppealsState, e: AppealsEvent): AppealsState {
  switch (e.type) {
    case 'appeals.appeal-lodged': {
      const { caseId: _c, ...lodged } = e.data;
      return { appeals: [...s.appeals, { ...lodged, status: 'open', handlerId: null, escalated: false, outcome: null }] };
    }
    case 'appeals.handler-assigned':
      return changed(s, e.data.appealId, (a) => ({ ...a, handlerId: e.data.handlerId }));
    case 'appeals.appeal-upheld': {
      const { reasons, decidedBy, remedy, requestId } = e.data;
      return changed(s, e.data.appealId, (a) => ({ ...a, status: 'upheld', outcome: { reasons, decidedBy, remedy, requestId } }));
    }
    case 'appeals.appeal-dismissed': {
      const { reasons, decidedBy } = e.data;
      return changed(s, e.data.appealId, (a) => ({ ...a, status: 'dismissed', outcome: { reasons, decidedBy, remedy: null, requestId: null } }));
    }
    case 'appeals.answer-reminder':
      return s;
    case 'appeals.answer-overdue':
      return changed(s, e.data.appealId, (a) => ({ ...a, escalated: true }));
  }
}

export const appealsDecider: Decider<AppealsCommand, AppealsEvent, AppealsState, AppealRefusal> = { initialState: { appeals: [] }, decide, evolve };
