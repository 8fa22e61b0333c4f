import type { Decider } from '@gbt/decider';
import type { ComplaintKind, ComplaintOutcome, ComplaintRejectionCode, complaintEvents, EventsOf } from '@gbt/contracts';

export type ComplaintEvent = EventsOf<typeof complaintEvents>;
type DataOf<T extends ComplaintEvent['type']> = Extract<ComplaintEvent, { type: T }>['data'];

export const COMPLAINT_EVENT_TYPES = [
  'complaints.complaint-received',
  'complaints.complaint-triaged',
  'complaints.information-requested',
  'complaints.information-provided',
  'complaints.surveillance-ordered',
  'complaints.surveillance-recorded',
  'complaints.complaint-closed',
  'complaints.answer-reminder',
] as const satisfies readonly ComplaintEvent['type'][];
type Unlisted = Exclude<ComplaintEvent['type'], (typeof COMPLAINT_EVENT_TYPES)[number]>;
// Fails to compile when the contract gains a complaint event that is not listed above.
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

export interface About {
  readonly kind: ComplaintKind;
  readonly certificateNumber: string | null;
  readonly caseId: string | null;
}

export interface InformationRequest {
  readonly requestId: string;
  readonly question: string;
  readonly dueBy: string;
  readonly answer: string | null;
}

/** received → investigating (accepted) → closed; a rejection at triage closes it at once. */
export type ComplaintStatus = 'received' | 'investigating' | 'closed';

export type ComplaintState =
  | { readonly status: 'none' }
  | {
      readonly status: ComplaintStatus;
      readonly reference: string;
      readonly about: About;
      readonly receivedAt: string;
      readonly answerDueBy: string;
      readonly rejectionCode: ComplaintRejectionCode | null;
      readonly requests: readonly InformationRequest[];
      readonly surveillance: 'none' | 'ordered' | 'passed' | 'failed';
      readonly outcome: ComplaintOutcome | null;
      readonly remindersSent: number;
      readonly escalated: boolean;
    };
type Open = Exclude<ComplaintState, { status: 'none' }>;

export type ComplaintCommand =
  | ({ type: 'receive' } & DataOf<'complaints.complaint-received'>)
  | { type: 'triage'; about: About; decision: 'accepted' | 'rejected'; rejectionCode: ComplaintRejectionCode | null; note: string | null }
  | { type: 'request-information'; requestId: string; question: string; dueBy: string }
  | { type: 'provide-information'; caseId: string; requestId: string; answer: string }
  | { type: 'order-surveillance'; note: string }
  | { type: 'record-surveillance'; passed: boolean; reason: string | null; lifecycleRequestId: string }
  | { type: 'close'; outcome: ComplaintOutcome; reasons: string; suspensionRequestId: string | null }
  | { type: 'remind'; answerDueBy: string; escalated: boolean };

export type ComplaintRefusalCode =
  | 'ComplaintNotFound'
  | 'ComplaintExists'
  | 'ComplaintClosed'
  | 'NotTriaged'
  | 'AlreadyTriaged'
  | 'RejectionNeedsCode'
  | 'NotAboutCertificate'
  | 'NoSuchInformationRequest'
  | 'InformationAlreadyProvided'
  | 'NotThisCase'
  | 'SurveillanceAlreadyOrdered'
  | 'SurveillanceNotOrdered'
  | 'SurveillanceOutstanding';

export interface ComplaintRefusal {
  readonly error: ComplaintRefusalCode;
  readonly message: string;
}

const refuse = (error: ComplaintRefusalCode, message: string): ComplaintRefusal => ({ error, message });

/** The refusals a command on an existing, open complaint may meet before its own rules. */
function openOrRefusal(s: ComplaintState, needsTriage: boolean): Open | ComplaintRefusal {
  if (s.status === 'none') return refuse('ComplaintNotFound', 'no complaint with this reference');
  if (s.status === 'closed') return refuse('ComplaintClosed', `complaint ${s.reference} is closed`);
  if (needsTriage && s.status === 'received') return refuse('NotTriaged', `complaint ${s.reference} must be triaged first`);
  return s;
}
const isRefusal = (x: Open | ComplaintRefusal): x is ComplaintRefusal => 'error' in x;

/** About a certificate, with the case it belongs to: what requests to the holder and surveillance need. */
function certificateOf(s: Open): { caseId: string; certificateNumber: string } | ComplaintRefusal {
  const { kind, caseId, certificateNumber } = s.about;
  if (kind !== 'certificate' || !caseId || !certificateNumber) return refuse('NotAboutCertificate', `complaint ${s.reference} is not about a certificate`);
  return { caseId, certificateNumber };
}

function decide(c: ComplaintCommand, s: ComplaintState): ComplaintEvent[] | ComplaintRefusal {
  if (c.type === 'receive') {
    if (s.status !== 'none') return refuse('ComplaintExists', `complaint ${c.reference} exists already`);
    const { type: _t, ...data } = c;
    return [{ type: 'complaints.complaint-received', data }];
  }
  if (c.type === 'remind') {
    // A reminder for a closed complaint, one already sent, or one overtaken by the escalation (both fell due at once) is nothing to say.
    if (s.status === 'none' || s.status === 'closed' || s.escalated || (!c.escalated && s.remindersSent > 0)) return [];
    return [{ type: 'complaints.answer-reminder', data: { reference: s.reference, answerDueBy: c.answerDueBy, escalated: c.escalated } }];
  }
  const open = openOrRefusal(s, c.type !== 'triage');
  if (isRefusal(open)) return open;
  const { reference } = open;
  switch (c.type) {
    case 'triage': {
      if (open.status !== 'received') return refuse('AlreadyTriaged', `complaint ${reference} was triaged already`);
      if (c.decision === 'rejected' && !c.rejectionCode) return refuse('RejectionNeedsCode', 'a rejected complaint states why, as a code');
      if (c.decision === 'accepted' && c.about.kind === 'certificate' && (!c.about.caseId || !c.about.certificateNumber)) {
        return refuse('NotAboutCertificate', `complaint ${reference}: a complaint about a certificate is linked to one`);
      }
      const rejectionCode = c.decision === 'rejected' ? c.rejectionCode : null;
      return [{ type: 'complaints.complaint-triaged', data: { reference, ...c.about, decision: c.decision, rejectionCode, note: c.note } }];
    }
    case 'request-information': {
      const about = certificateOf(open);
      if ('error' in about) return about;
      return [{ type: 'complaints.information-requested', data: { reference, caseId: about.caseId, requestId: c.requestId, question: c.question, dueBy: c.dueBy } }];
    }
    case 'provide-information': {
      if (open.about.caseId !== c.caseId) return refuse('NotThisCase', `complaint ${reference} is not about case ${c.caseId}`);
      const request = open.requests.find((r) => r.requestId === c.requestId);
      if (!request) return refuse('NoSuchInformationRequest', `complaint ${reference} has no request for information ${c.requestId}`);
      if (request.answer !== null) return refuse('InformationAlreadyProvided', `the request ${c.requestId} was answered already`);
      return [{ type: 'complaints.information-provided', data: { reference, caseId: c.caseId, requestId: c.requestId, answer: c.answer } }];
    }
    case 'order-surveillance': {
      const about = certificateOf(open);
      if ('error' in about) return about;
      if (open.surveillance === 'ordered') return refuse('SurveillanceAlreadyOrdered', `complaint ${reference}: an extraordinary surveillance is ordered already`);
      return [{ type: 'complaints.surveillance-ordered', data: { reference, ...about, note: c.note } }];
    }
    case 'record-surveillance': {
      const about = certificateOf(open);
      if ('error' in about) return about;
      if (open.surveillance !== 'ordered') return refuse('SurveillanceNotOrdered', `complaint ${reference}: no extraordinary surveillance is ordered`);
      return [{ type: 'complaints.surveillance-recorded', data: { reference, ...about, passed: c.passed, reason: c.reason, lifecycleRequestId: c.lifecycleRequestId } }];
    }
    case 'close': {
      if (c.outcome === 'founded-suspension' && open.about.kind !== 'certificate') return refuse('NotAboutCertificate', `complaint ${reference} is about the body: there is no certificate to suspend`);
      if (open.surveillance === 'ordered') return refuse('SurveillanceOutstanding', `complaint ${reference}: record the extraordinary surveillance's result first`);
      return [{ type: 'complaints.complaint-closed', data: { reference, outcome: c.outcome, reasons: c.reasons, suspensionRequestId: c.suspensionRequestId } }];
    }
  }
}

function evolve(s: ComplaintState, e: ComplaintEvent): ComplaintState {
  if (e.type === 'complaints.complaint-received') {
    const { reference, kind, certificateNumber, caseId, receivedAt, answerDueBy } = e.data;
    return { status: 'received', reference, about: { kind, certificateNumber, caseId }, receivedAt, answerDueBy, rejectionCode: null, requests: [], surveillance: 'none', outcome: null, remindersSent: 0, escalated: false };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'complaints.complaint-triaged': {
      const { kind, certificateNumber, caseId, decision, rejectionCode } = e.data;
      return { ...s, about: { kind, certificateNumber, caseId }, status: decision === 'accepted' ? 'investigating' : 'closed', rejectionCode };
    }
    case 'complaints.information-requested': {
      const { requestId, question, dueBy } = e.data;
      return { ...s, requests: [...s.requests, { requestId, question, dueBy, answer: null }] };
    }
    case 'complaints.information-provided':
      return { ...s, requests: s.requests.map((r) => (r.requestId === e.data.requestId ? { ...r, answer: e.data.answer } : r)) };
    case 'complaints.surveillance-ordered':
      return { ...s, surveillance: 'ordered' };
    case 'complaints.surveillance-recorded':
      return { ...s, surveillance: e.data.passed ? 'passed' : 'failed' };
    case 'complaints.complaint-closed':
      return { ...s, status: 'closed', outcome: e.data.outcome };
    case 'complaints.answer-reminder':
      return e.data.escalated ? { ...s, escalated: true } : { ...s, remindersSent: s.remindersSent + 1 };
  }
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintRefusal> = {
  initialState: { status: 'none' },
  decide,
  evolve,
};
