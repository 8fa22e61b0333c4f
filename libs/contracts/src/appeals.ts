import { z } from 'zod';
import { defineEvent } from './event-registry';
import { calendarDateSchema as date } from './directory';
import { caseIdSchema as caseId, idSchema as id, levelSchema, textSchema as text } from './primitives';

/**
 * Appeals against a case's decisions (ISO/IEC 17065 7.13, ADR 0033), recorded by the certificates
 * service in the stream `appeals-<caseId>` and published on `certificates.certificate.v1`. Dates are
 * calendar dates in Asia/Shanghai.
 */
export const APPEAL_KINDS = ['refusal', 'denial', 'level', 'suspension', 'withdrawal'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** The decision appealed against: which kind, when and by whom it was taken. */
export const appealedDecisionSchema = z.object({
  kind: z.enum(APPEAL_KINDS),
  /** The lifecycle fact that took it (its snapshot's event id and index): one appeal per decision. */
  decisionKey: id,
  decidedOn: date,
  decidedBy: id,
  certificateNumber: id.nullable(),
  level: levelSchema.nullable(),
});
export type AppealedDecision = z.infer<typeof appealedDecisionSchema>;

const appealId = z.string().regex(/^appeal-[0-9a-f-]{36}$/, 'appealId must look like appeal-<uuid>');
/** What the appellant gets back when an appeal is upheld: which remedy was asked of the lifecycle. */
export const APPEAL_REMEDIES = ['decision-reopened', 'certificate-reinstated', 'application-reopened', 'level-decision-reopened', 'withdrawal-set-aside'] as const;

export const appealEvents = [
  /** Lodged and acknowledged at once: the answer is due by `answerBy`. `grounds` are the appellant's own words. */
  defineEvent({
    type: 'appeals.appeal-lodged',
    schemaVersion: 1,
    schema: z.object({ caseId, appealId, against: appealedDecisionSchema, grounds: text, lodgedBy: id, acknowledgedOn: date, answerBy: date }),
  }),
  defineEvent({ type: 'appeals.handler-assigned', schemaVersion: 1, schema: z.object({ caseId, appealId, handlerId: id, assignedBy: id }) }),
  defineEvent({
    type: 'appeals.appeal-upheld',
    schemaVersion: 1,
    schema: z.object({ caseId, appealId, reasons: text, decidedBy: id, remedy: z.enum(APPEAL_REMEDIES), requestId: z.string().uuid().nullable() }),
  }),
  defineEvent({ type: 'appeals.appeal-dismissed', schemaVersion: 1, schema: z.object({ caseId, appealId, reasons: text, decidedBy: id }) }),
  /** The answer deadline nears with the appeal still open (a timer). */
  defineEvent({ type: 'appeals.answer-reminder', schemaVersion: 1, schema: z.object({ caseId, appealId, answerBy: date, daysBefore: z.number().int().positive() }) }),
  /** The answer deadline passed with the appeal still open: escalated to the body's management. */
  defineEvent({ type: 'appeals.answer-overdue', schemaVersion: 1, schema: z.object({ caseId, appealId, answerBy: date }) }),
];

/** The appeals decider's refusals (apps/certificates appeal-rules.ts), each worded by the console as `error.<code>`. */
export const APPEAL_REFUSAL_CODES = [
  'AppealAlreadyOpen',
  'AppealClosed',
  'ConflictOfInterest',
  'DeciderCannotHandleAppeal',
  'DecisionAlreadyAppealed',
  'EvaluatorCannotHandleAppeal',
  'NotAppealHandler',
  'NothingToAppeal',
  'OutOfAppealPeriod',
  'RemedyNotAvailable',
  'UnknownAppeal',
] as const;
