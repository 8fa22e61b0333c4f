import { z } from 'zod';
import { caseIdSchema as caseId, idSchema as id, textSchema as text } from './primitives';
import { defineEvent } from './event-registry';

/**
 * The evidence review service's own record of a case's review, on `review.v1` beside the events
 * the lifecycle acts on (lifecycle-inputs.ts). Consumers that do not need them ignore them.
 */
const instant = z.string().datetime({ offset: true });

export const assessmentSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('conforming') }),
  z.object({
    outcome: z.literal('nonconformity'),
    finding: text,
    severity: z.enum(['minor', 'major']),
    evidenceDocumentIds: z.array(id).max(50).default([]),
  }),
  z.object({
    outcome: z.literal('sampled'),
    sample: z.object({ checked: z.number().int().min(1), failed: z.number().int().min(0) }).refine((s) => s.failed <= s.checked, {
      message: 'sample.failed cannot exceed sample.checked',
      path: ['failed'],
    }),
    finding: text.optional(),
  }),
  z.object({ outcome: z.literal('not-applicable'), justification: text }),
]);
export type Assessment = z.infer<typeof assessmentSchema>;

export const reviewRecordEvents = [
  /**
   * The site tasks of a confirmed audit plan (issue 19): one on-site task per sampled outlet, added
   * to the review of the cycle the plan opens (initial or recertification audit).
   */
  defineEvent({
    type: 'review.site-tasks-planned',
    schemaVersion: 1,
    schema: z.object({ caseId, planId: id, tasks: z.array(z.object({ taskId: id, outletId: id })).min(1).max(2_000) }),
  }),
  defineEvent({
    type: 'review.tasks-planned',
    schemaVersion: 1,
    schema: z.object({
      caseId,
      organisationId: id,
      catalogueVersion: id,
      plannedAt: instant,
      dueAt: instant,
      tasks: z.array(z.object({ taskId: id, requirementIds: z.array(id).min(1), onSite: z.boolean() })).min(1),
    }),
  }),
  defineEvent({
    type: 'review.requirement-assessed',
    schemaVersion: 1,
    schema: z.object({ caseId, taskId: id, requirementId: id, assessment: assessmentSchema, assessedBy: id }),
  }),
  defineEvent({ type: 'review.special-item-recorded', schemaVersion: 1, schema: z.object({ caseId, taskId: id, kind: z.enum(['deduction', 'bonus']), itemId: id, description: text, recordedBy: id }) }),
  defineEvent({ type: 'review.information-requested', schemaVersion: 1, schema: z.object({ caseId, taskId: id, question: text, requestedAt: instant }) }),
  // documentIds: the case's evidence documents the applicant chose to answer with; absent on answers from before they could.
  defineEvent({ type: 'review.information-provided', schemaVersion: 1, schema: z.object({ caseId, taskId: id, answer: text, providedAt: instant, documentIds: z.array(id).max(50).optional() }) }),
  defineEvent({ type: 'review.task-completed', schemaVersion: 1, schema: z.object({ caseId, taskId: id }) }),
  defineEvent({ type: 'review.corrective-action-submitted', schemaVersion: 1, schema: z.object({ caseId, nonconformityId: id, documentIds: z.array(id).max(50), note: text }) }),
  defineEvent({ type: 'review.corrective-action-rejected', schemaVersion: 1, schema: z.object({ caseId, nonconformityId: id, reason: text, rejectedBy: id }) }),
  defineEvent({ type: 'review.results-waiting-for-corrections', schemaVersion: 1, schema: z.object({ caseId, openNonconformityIds: z.array(id).min(1) }) }),
  defineEvent({ type: 'review.review-cancelled', schemaVersion: 1, schema: z.object({ caseId, reason: text }) }),
  defineEvent({ type: 'review.task-escalated', schemaVersion: 1, schema: z.object({ caseId, taskId: id, dueAt: instant, escalatedTo: z.literal('lead-reviewer') }) }),
  // A reviewer's claim or reservation given up because the directory now says they may not judge the organisation (ADR 0032).
  defineEvent({
    type: 'review.task-released',
    schemaVersion: 1,
    schema: z.object({ caseId, taskId: id, reviewerId: id, reasonCode: z.enum(['RelatedToOrganisation']), organisationId: id, relationId: id }),
  }),
];

