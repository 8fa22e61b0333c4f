import type { StoredEvent } from '@gbt/event-store';
import { threadsOf } from './threads';

let version = 0;
const stored = (type: string, actor: string, occurredAt: string, data: Record<string, unknown>): StoredEvent => ({
  eventId: `00000000-0000-4000-8000-${String(++version).padStart(12, '0')}`,
  type,
  schemaVersion: 1,
  streamId: 'review-case-1',
  streamVersion: version,
  occurredAt,
  actor: { id: actor },
  correlationId: 'c',
  causationId: null,
  data,
  position: version,
});

describe('threads of a review stream', () => {
  it('pairs each request with its answer and follows a corrective action to its verification', () => {
    const events = [
      stored('review.tasks-planned', 'evidence-review', '2025-03-03T01:00:00Z', { caseId: 'case-1', organisationId: 'org', catalogueVersion: 'v1', plannedAt: '2025-03-03T01:00:00Z', dueAt: '2025-03-17T01:00:00Z', tasks: [{ taskId: 'case-1.5.1.1', requirementIds: ['5.1.1.1', '5.1.1.2'], onSite: false }] }),
      stored('review.information-requested', 'rita.reviewer', '2025-03-04T01:00:00Z', { caseId: 'case-1', taskId: 'case-1.5.1.1', question: 'chart?', requestedAt: '2025-03-04T01:00:00Z' }),
      stored('review.information-provided', 'alice.applicant', '2025-03-05T01:00:00Z', { caseId: 'case-1', taskId: 'case-1.5.1.1', answer: 'attached', providedAt: '2025-03-05T01:00:00Z', documentIds: ['doc-1'] }),
      stored('review.information-requested', 'rita.reviewer', '2025-03-06T01:00:00Z', { caseId: 'case-1', taskId: 'case-1.5.1.1', question: 'signed?', requestedAt: '2025-03-06T01:00:00Z' }),
      stored('review.nonconformity-raised', 'rita.reviewer', '2025-03-07T01:00:00Z', { caseId: 'case-1', nonconformityId: 'nc-5.1.1.2', requirementId: '5.1.1.2', finding: 'missing', rectifyBy: '2025-04-07T01:00:00Z' }),
      stored('review.corrective-action-submitted', 'alice.applicant', '2025-03-08T01:00:00Z', { caseId: 'case-1', nonconformityId: 'nc-5.1.1.2', documentIds: ['doc-2'], note: 'fixed' }),
      stored('review.corrective-action-verified', 'roy.reviewer', '2025-03-09T01:00:00Z', { caseId: 'case-1', nonconformityId: 'nc-5.1.1.2', verifiedBy: 'roy.reviewer' }),
    ];
    const [first, second, correction] = threadsOf(events);
    expect(first).toMatchObject({ threadId: 'case-1.5.1.1#1', status: 'answered', requirementIds: ['5.1.1.1', '5.1.1.2'], startedAt: '2025-03-04T01:00:00Z', updatedAt: '2025-03-05T01:00:00Z' });
    expect(first?.messages.map((m) => [m.kind, m.by, m.text, m.documentIds])).toEqual([
      ['question', 'rita.reviewer', 'chart?', []],
      ['answer', 'alice.applicant', 'attached', ['doc-1']],
    ]);
    expect(second).toMatchObject({ threadId: 'case-1.5.1.1#2', status: 'waiting-for-applicant' });
    expect(correction).toMatchObject({ kind: 'correction', nonconformityId: 'nc-5.1.1.2', status: 'closed' });
    expect(correction?.messages.map((m) => [m.kind, m.by, m.documentIds])).toEqual([
      ['finding', 'rita.reviewer', []],
      ['correction', 'alice.applicant', ['doc-2']],
      ['verification', 'roy.reviewer', []],
    ]);
  });

  it('reads answers from before files could be attached', () => {
    const [thread] = threadsOf([
      stored('review.information-requested', 'rita.reviewer', '2025-03-04T01:00:00Z', { caseId: 'case-1', taskId: 'case-1.on-site', question: 'q', requestedAt: '2025-03-04T01:00:00Z' }),
      stored('review.information-provided', 'alice.applicant', '2025-03-05T01:00:00Z', { caseId: 'case-1', taskId: 'case-1.on-site', answer: 'a', providedAt: '2025-03-05T01:00:00Z' }),
    ]);
    expect(thread?.messages[1]).toMatchObject({ kind: 'answer', documentIds: [] });
  });
});
