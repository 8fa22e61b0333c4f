import type { StoredEvent } from '@gbt/event-store';
import type { ReviewThread, ThreadMessage, ThreadStatus } from '@gbt/contracts/views';
import { REVIEW_EVENT_TYPES, type ReviewEvent } from './review.decider';

/**
 * The conversation between a case's applicant and its reviewers, as threads read from the review
 * stream: every request for information (question, answer, the evidence documents chosen, who and
 * when) and every nonconformity's corrective action (finding, the applicant's note and documents,
 * rejections, verification). The texts are what people wrote; `kind` and `status` are codes.
 */
const KNOWN = new Set<string>(REVIEW_EVENT_TYPES);
const isReviewEvent = (e: StoredEvent): e is StoredEvent & ReviewEvent => KNOWN.has(e.type);

interface Draft {
  threadId: string;
  kind: ReviewThread['kind'];
  taskId: string | null;
  nonconformityId: string | null;
  requirementIds: readonly string[];
  status: ThreadStatus;
  messages: ThreadMessage[];
}

/** The threads of one review stream, oldest first. */
export function threadsOf(events: readonly StoredEvent[]): ReviewThread[] {
  const drafts: Draft[] = [];
  const taskRequirements = new Map<string, readonly string[]>();
  const openRequest = new Map<string, Draft>();
  const corrections = new Map<string, Draft>();
  const requests = new Map<string, number>();
  for (const event of events) {
    if (!isReviewEvent(event)) continue;
    const by = event.actor.id;
    const at = event.occurredAt;
    switch (event.type) {
      case 'review.tasks-planned':
        for (const t of event.data.tasks) taskRequirements.set(t.taskId, t.requirementIds);
        break;
      case 'review.information-requested': {
        const { taskId, question } = event.data;
        const n = (requests.get(taskId) ?? 0) + 1;
        requests.set(taskId, n);
        const draft: Draft = { threadId: `${taskId}#${n}`, kind: 'information', taskId, nonconformityId: null, requirementIds: taskRequirements.get(taskId) ?? [], status: 'waiting-for-applicant', messages: [] };
        draft.messages.push({ kind: 'question', text: question, documentIds: [], by, at: event.data.requestedAt });
        drafts.push(draft);
        openRequest.set(taskId, draft);
        break;
      }
      case 'review.information-provided': {
        const draft = openRequest.get(event.data.taskId);
        if (!draft) break;
        draft.messages.push({ kind: 'answer', text: event.data.answer, documentIds: event.data.documentIds ?? [], by, at: event.data.providedAt });
        draft.status = 'answered';
        openRequest.delete(event.data.taskId);
        break;
      }
      case 'review.nonconformity-raised': {
        const { nonconformityId, requirementId, finding } = event.data;
        const draft: Draft = { threadId: nonconformityId, kind: 'correction', taskId: null, nonconformityId, requirementIds: [requirementId], status: 'awaiting-correction', messages: [] };
        draft.messages.push({ kind: 'finding', text: finding, documentIds: [], by, at });
        drafts.push(draft);
        corrections.set(nonconformityId, draft);
        break;
      }
      case 'review.corrective-action-submitted': {
        const draft = corrections.get(event.data.nonconformityId);
        if (!draft) break;
        draft.messages.push({ kind: 'correction', text: event.data.note, documentIds: event.data.documentIds, by, at });
        draft.status = 'awaiting-verification';
        break;
      }
      case 'review.corrective-action-rejected': {
        const draft = corrections.get(event.data.nonconformityId);
        if (!draft) break;
        draft.messages.push({ kind: 'rejection', text: event.data.reason, documentIds: [], by: event.data.rejectedBy, at });
        draft.status = 'awaiting-correction';
        break;
      }
      case 'review.corrective-action-verified': {
        const draft = corrections.get(event.data.nonconformityId);
        if (!draft) break;
        draft.messages.push({ kind: 'verification', text: null, documentIds: [], by: event.data.verifiedBy ?? by, at });
        draft.status = 'closed';
        break;
      }
      default:
        break;
    }
  }
  return drafts.map((d) => ({ ...d, startedAt: d.messages[0]?.at ?? '', updatedAt: d.messages.at(-1)?.at ?? '' }));
}
