import { z } from 'zod';
import { defineEvent } from './event-registry';
import { caseIdSchema as caseId, idSchema as id, isoDateTimeSchema as isoDate, textSchema as text } from './primitives';

/**
 * Complaints (ISO/IEC 17065 7.13), owned by the certificates service: one stream per complaint,
 * `complaint-<reference>`, published on `certificates.certificate.v1` beside its other records.
 * The complainant's contact details are never in an event (they are kept apart, for the staff who
 * handle complaints only): these facts say only whether contact details were given.
 */
export const complaintReferenceSchema = z.string().regex(/^TS-\d{4}-\d{6}$/, 'a complaint reference looks like TS-2026-000123');
const reference = complaintReferenceSchema;

/** What a complaint is about: a certified company's after-sales service, or the certification body itself (kept apart). */
export const COMPLAINT_KINDS = ['certificate', 'body'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** Why a complaint is not taken up, as codes the console words. */
export const COMPLAINT_REJECTION_CODES = ['out-of-scope', 'not-after-sales-service', 'duplicate', 'no-certificate', 'insufficient-information'] as const;
export type ComplaintRejectionCode = (typeof COMPLAINT_REJECTION_CODES)[number];

export const COMPLAINT_OUTCOMES = ['unfounded', 'founded-corrective-action', 'founded-suspension'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

const about = z.object({ kind: z.enum(COMPLAINT_KINDS), certificateNumber: id.nullable(), caseId: caseId.nullable() });

export const complaintEvents = [
  defineEvent({
    type: 'complaints.complaint-received',
    schemaVersion: 1,
    schema: about.extend({ reference, description: text, contactGiven: z.boolean(), receivedAt: isoDate, answerDueBy: isoDate }),
  }),
  /** Taken up as about a certificate or about the body (possibly another than the complainant chose), or rejected with a code. */
  defineEvent({
    type: 'complaints.complaint-triaged',
    schemaVersion: 1,
    schema: about.extend({ reference, decision: z.enum(['accepted', 'rejected']), rejectionCode: z.enum(COMPLAINT_REJECTION_CODES).nullable(), note: text.nullable() }),
  }),
  /** A question to the certificate's holder, which the holder answers on their case. */
  defineEvent({ type: 'complaints.information-requested', schemaVersion: 1, schema: z.object({ reference, caseId, requestId: id, question: text, dueBy: isoDate }) }),
  defineEvent({ type: 'complaints.information-provided', schemaVersion: 1, schema: z.object({ reference, caseId, requestId: id, answer: text }) }),
  /** An extraordinary surveillance: one the complaint calls for, not the yearly one. */
  defineEvent({ type: 'complaints.surveillance-ordered', schemaVersion: 1, schema: z.object({ reference, caseId, certificateNumber: id, note: text }) }),
  /** Its result, sent to the lifecycle as `certificates.record-surveillance` (request `lifecycleRequestId`): a failure suspends. */
  defineEvent({
    type: 'complaints.surveillance-recorded',
    schemaVersion: 1,
    schema: z.object({ reference, caseId, certificateNumber: id, passed: z.boolean(), reason: text.nullable(), lifecycleRequestId: z.string().uuid() }),
  }),
  defineEvent({
    type: 'complaints.complaint-closed',
    schemaVersion: 1,
    schema: z.object({ reference, outcome: z.enum(COMPLAINT_OUTCOMES), reasons: text, suspensionRequestId: z.string().uuid().nullable() }),
  }),
  /** The answer is due soon (reminder) or overdue (escalated to the body's management). */
  defineEvent({ type: 'complaints.answer-reminder', schemaVersion: 1, schema: z.object({ reference, answerDueBy: isoDate, escalated: z.boolean() }) }),
];
