import { z } from 'zod';
import { caseIdSchema as caseId, idSchema as id, textSchema as text, sha256Schema as sha256, isoDateTimeSchema as isoDate, levelSchema, scopeSchema } from './primitives';
import { defineEvent } from './event-registry';

/**
 * The certificates service's own records on `certificates.certificate.v1`, beside the lifecycle
 * inputs: decisions with the hashes they were bound to, signed certificate documents, rendered
 * PDFs and reminders. No lifecycle command follows from them.
 */
export const signedCertificateSchema = z.object({
  payload: z.object({
    number: id,
    version: z.number().int().min(1),
    holder: z.object({ name: text, creditCode: z.string().length(18) }),
    scope: scopeSchema,
    level: levelSchema,
    issuingBody: text,
    issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  algorithm: z.literal('Ed25519'),
  keyId: id,
  signature: z.string().min(1),
});

export const certificateRecordEvents = [
  defineEvent({
    type: 'certificates.decision-recorded',
    schemaVersion: 1,
    schema: z.object({
      caseId,
      decisionId: id,
      cycle: z.number().int().min(1),
      outcome: z.enum(['grant', 'deny']),
      level: levelSchema.nullable(),
      reasons: text,
      scorecardId: id,
      scorecardHash: sha256,
      reviewReportHash: sha256.nullable(),
      certificateNumber: id.nullable(),
      decidedBy: id,
      /** The request the decision sent to the lifecycle (absent on decisions recorded before requests had ids). */
      requestId: z.string().uuid().optional(),
    }),
  }),
  /** The applications service's answer to one of this service's requests, as this service recorded it. */
  defineEvent({
    type: 'certificates.request-answered',
    schemaVersion: 1,
    schema: z.object({ caseId, requestId: z.string().uuid(), requested: id, outcome: z.enum(['accepted', 'rejected']), code: id.nullable(), reason: text.nullable() }),
  }),
  /** A number allocated to a grant the lifecycle refused: it is never used for a certificate. */
  defineEvent({ type: 'certificates.certificate-number-voided', schemaVersion: 1, schema: z.object({ caseId, number: id, decisionId: id, reason: text }) }),
  /** An appeal against the decision was upheld (ADR 0033): the cycle is decided again, by another decision maker. */
  defineEvent({ type: 'certificates.decision-set-aside', schemaVersion: 1, schema: z.object({ caseId, decisionId: id, appealId: id, reason: text }) }),
  defineEvent({ type: 'certificates.decision-went-stale', schemaVersion: 1, schema: z.object({ caseId, decisionId: id, reason: text }) }),
  defineEvent({
    type: 'certificates.certificate-issued',
    schemaVersion: 1,
    schema: z.object({ caseId, number: id, version: z.number().int().min(1), cycle: z.number().int().min(1), supersedes: id.nullable(), certificate: signedCertificateSchema }),
  }),
  defineEvent({
    type: 'certificates.certificate-rendered',
    schemaVersion: 1,
    schema: z.object({ caseId, number: id, version: z.number().int().min(1), sha256, bytes: z.number().int().positive() }),
  }),
  defineEvent({ type: 'certificates.surveillance-reminder', schemaVersion: 1, schema: z.object({ caseId, certificateNumber: id, dueBy: isoDate }) }),
  defineEvent({
    type: 'certificates.renewal-reminder',
    schemaVersion: 1,
    schema: z.object({ caseId, certificateNumber: id, validUntil: isoDate, daysBefore: z.number().int().positive() }),
  }),
];
