import type { ComplaintView, StaffComplaintView } from '@gbt/contracts/views';
import type { StoredEvent } from '@gbt/event-store';
import type { ComplaintState } from './complaint.decider';
import type { Contact } from './complaint-commands';

type Known = Exclude<ComplaintState, { status: 'none' }>;
/** What the holder of the certificate sees in a complaint's history: its existence and what asks them to act, never who complained or what they wrote. */
const HOLDER_SEES = new Set(['complaints.complaint-received', 'complaints.complaint-triaged', 'complaints.information-requested', 'complaints.information-provided', 'complaints.surveillance-ordered', 'complaints.surveillance-recorded', 'complaints.complaint-closed']);

const entry = (e: StoredEvent) => ({ type: e.type, at: e.occurredAt, actor: e.actor.id, data: e.data });

function common(s: Known): Omit<ComplaintView, 'history'> {
  return {
    reference: s.reference,
    status: s.status,
    kind: s.about.kind,
    certificateNumber: s.about.certificateNumber,
    caseId: s.about.caseId,
    receivedAt: s.receivedAt,
    answerDueBy: s.answerDueBy,
    rejectionCode: s.rejectionCode,
    surveillance: s.surveillance,
    outcome: s.outcome,
    requests: s.requests,
  };
}

/** The staff's view: everything, the complainant's words and contact details included. */
export function staffView(s: Known, version: number, events: readonly StoredEvent[], contact: Contact | null): StaffComplaintView {
  const received = events.find((e) => e.type === 'complaints.complaint-received');
  return { ...common(s), version, description: String(received?.data.description ?? ''), contact, escalated: s.escalated, history: events.map(entry) };
}

/** The holder's view: the complaint exists, what was asked of them and the outcome; not the complainant's identity or words. */
export function holderView(s: Known, events: readonly StoredEvent[]): ComplaintView {
  const history = events
    .filter((e) => HOLDER_SEES.has(e.type))
    .map((e) => ({ type: e.type, at: e.occurredAt, data: holderData(e) }));
  return { ...common(s), history };
}

/** Only the fields the holder may read from each fact. */
function holderData(e: StoredEvent): Record<string, unknown> {
  const d = e.data;
  switch (e.type) {
    case 'complaints.information-requested':
      return { requestId: d.requestId, question: d.question, dueBy: d.dueBy };
    case 'complaints.information-provided':
      return { requestId: d.requestId };
    case 'complaints.surveillance-recorded':
      return { passed: d.passed };
    case 'complaints.complaint-triaged':
      return { decision: d.decision, rejectionCode: d.rejectionCode };
    case 'complaints.complaint-closed':
      return { outcome: d.outcome };
    default:
      return {};
  }
}
