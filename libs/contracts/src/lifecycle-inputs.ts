import { z } from 'zod';
import { caseIdSchema as caseId, idSchema as id, textSchema as text, levelSchema, scopeSchema } from './primitives';
import { defineEvent } from './event-registry';
import { scorecardSchema, scoringInputSchema } from './scorecard';

/** The dates certificate timers watch; a deadline names one and the date it was planned for. */
export const DEADLINES = ['surveillance-due', 'surveillance-overdue', 'suspension-deadline', 'expiry'] as const;
export type Deadline = (typeof DEADLINES)[number];

/**
 * Events other services publish that move a certification's lifecycle. The applications service
 * (the lifecycle's only writer) turns each into a lifecycle command; the actor in the envelope is
 * the person who did it, which is what separation of duties is checked against.
 */

/** On `review.v1`, from the evidence review service. */
export const reviewEvents = [
  defineEvent({ type: 'review.evaluator-assigned', schemaVersion: 1, schema: z.object({ caseId, personId: id }) }),
  defineEvent({ type: 'review.document-review-completed', schemaVersion: 1, schema: z.object({ caseId }) }),
  defineEvent({ type: 'review.on-site-evaluation-completed', schemaVersion: 1, schema: z.object({ caseId }) }),
  defineEvent({
    type: 'review.nonconformity-raised',
    schemaVersion: 1,
    schema: z.object({ caseId, nonconformityId: id, requirementId: id, finding: text, rectifyBy: z.string().datetime({ offset: true }) }),
  }),
  defineEvent({ type: 'review.corrective-action-verified', schemaVersion: 1, schema: z.object({ caseId, nonconformityId: id, verifiedBy: id.optional() }) }),
  defineEvent({
    type: 'review.results-published',
    schemaVersion: 1,
    schema: scoringInputSchema.extend({ caseId, catalogueVersion: id, openNonconformitiesWaived: z.boolean().default(false) }),
  }),
];

/** On `scoring.scorecard.v1`, from the scoring service. */
export const scorecardEvents = [
  defineEvent({
    type: 'scoring.scorecard-issued',
    schemaVersion: 1,
    schema: z.object({
      caseId,
      scorecardId: id,
      catalogueVersion: id,
      score: z.number().min(0).max(100),
      level: levelSchema.nullable(),
      specialDeductions: z.number().int().nonnegative(),
      passed: z.boolean(),
      openNonconformitiesWaived: z.boolean(),
      /** The full scorecard with its explanation; consumers that need only the outcome ignore it. */
      scorecard: scorecardSchema.optional(),
      reviewResultsEventId: id.optional(),
      input: scoringInputSchema.optional(),
    }),
  }),
];

const revisedScorecard = z.object({
  caseId,
  scorecardId: id,
  previousScorecardId: id,
  reason: text,
  catalogueVersion: id,
  score: z.number().min(0).max(100),
  level: levelSchema.nullable(),
  passed: z.boolean(),
  scorecard: scorecardSchema,
});

/**
 * Revisions that leave the lifecycle alone: an auditor's correction (the original is kept; a
 * decision based on it goes stale) and a re-scoring under a newer catalogue for comparison.
 */
export const scorecardRevisionEvents = [
  defineEvent({ type: 'scoring.scorecard-corrected', schemaVersion: 1, schema: revisedScorecard.extend({ input: scoringInputSchema }) }),
  defineEvent({ type: 'scoring.case-rescored', schemaVersion: 1, schema: revisedScorecard }),
];

/**
 * Which request of the certificates service a lifecycle input is: the applications service answers
 * each one on `certification.replies.v1` (optional only for messages sent before requests had ids).
 */
const requestId = z.string().uuid().optional();

/**
 * On `certificates.certificate.v1`, from the certificates service (decisions, timers, registry):
 * requests to change the lifecycle, named as the command they ask for (`certificates.<command>`).
 * They were once named like the facts they ask for; stored events and messages keep those names,
 * read as the renamed type (`formerly`, ADR 0025).
 */
export const certificateEvents = [
  defineEvent({ type: 'certificates.grant-certification', formerly: ['certificates.certification-granted'], schemaVersion: 1, schema: z.object({ caseId, requestId, certificateNumber: id, level: levelSchema, scorecardId: id }) }),
  defineEvent({ type: 'certificates.deny-certification', formerly: ['certificates.certification-denied'], schemaVersion: 1, schema: z.object({ caseId, requestId, reason: text }) }),
  /** A timer's deadline; the lifecycle acts only if the date it was planned for (`about`) still holds. */
  defineEvent({
    type: 'certificates.reach-deadline',
    formerly: ['certificates.deadline-reached'],
    schemaVersion: 1,
    schema: z.object({ caseId, requestId, deadline: z.enum(DEADLINES), about: z.string().datetime({ offset: true }) }),
  }),
  /** Optionally the audit plan it was carried out under, checked against the plan's site visits, and the sites visited (issue 19); `extraordinary`: a complaint's. */
  defineEvent({
    type: 'certificates.record-surveillance',
    formerly: ['certificates.surveillance-recorded'],
    schemaVersion: 1,
    schema: z.object({ caseId, requestId, passed: z.boolean(), reason: text.optional(), auditPlanId: id.optional(), auditPlanRevision: z.number().int().min(1).optional(), sites: z.array(text).max(2_000).optional(), extraordinary: z.literal(true).optional() }),
  }),
  defineEvent({ type: 'certificates.suspend-certificate', formerly: ['certificates.certificate-suspended'], schemaVersion: 1, schema: z.object({ caseId, requestId, reason: text, months: z.number().int().min(1).max(24).optional() }) }),
  defineEvent({ type: 'certificates.reinstate-certificate', formerly: ['certificates.certificate-reinstated'], schemaVersion: 1, schema: z.object({ caseId, requestId }) }),
  /** `grounds` names why when the system asks (a decision retaken: `reason` is then the new decision's reasons); absent, `reason` is a person's words. */
  defineEvent({ type: 'certificates.withdraw-certificate', formerly: ['certificates.certificate-withdrawn'], schemaVersion: 1, schema: z.object({ caseId, requestId, reason: text, grounds: z.enum(['decision-retaken']).optional() }) }),
  defineEvent({ type: 'certificates.cancel-certificate', formerly: ['certificates.certificate-cancelled'], schemaVersion: 1, schema: z.object({ caseId, requestId, reason: text }) }),
  /** An appeal against the denial was upheld (`appealId`): the case goes back to decision. */
  defineEvent({ type: 'certificates.reopen-decision', schemaVersion: 1, schema: z.object({ caseId, requestId, appealId: id }) }),
  /** An appeal against the refusal was upheld: the application is reviewed again, not by `setAsideBy`. */
  defineEvent({ type: 'certificates.reopen-application', schemaVersion: 1, schema: z.object({ caseId, requestId, appealId: id, setAsideBy: id }) }),
  /** An appeal against the level granted was upheld: the level is decided again, not by `setAsideBy` (ADR 0038). */
  defineEvent({ type: 'certificates.reopen-level-decision', schemaVersion: 1, schema: z.object({ caseId, requestId, appealId: id, setAsideBy: id }) }),
  /** The level decided again after that appeal: the same certificate at `level`. */
  defineEvent({ type: 'certificates.redecide-level', schemaVersion: 1, schema: z.object({ caseId, requestId, level: levelSchema, scorecardId: id }) }),
  /** An appeal against the withdrawal was upheld: back to the status before it, while the validity lasts. */
  defineEvent({ type: 'certificates.set-aside-withdrawal', schemaVersion: 1, schema: z.object({ caseId, requestId, appealId: id }) }),
  defineEvent({ type: 'certificates.change-scope', formerly: ['certificates.scope-changed'], schemaVersion: 1, schema: z.object({ caseId, requestId, change: z.enum(['extension', 'reduction']), scope: scopeSchema }) }),
];

/** On `certification.replies.v1`, from the applications service: what became of each request (requestId) it was sent. */
export const requestReplyEvents = [
  defineEvent({ type: 'certification.request-accepted', schemaVersion: 1, schema: z.object({ caseId, requestId: z.string().uuid(), requested: id }) }),
  defineEvent({ type: 'certification.request-rejected', schemaVersion: 1, schema: z.object({ caseId, requestId: z.string().uuid(), requested: id, code: id, reason: text }) }),
];

/**
 * The lifecycle command (by name) each lifecycle input asks for. A sender may compare it with a
 * status snapshot's `availableCommands` to refuse at once what the status cannot allow; the
 * applications service decides, and answers a request with `rejected` and the code otherwise.
 */
export const REQUESTED_COMMANDS: Readonly<Record<string, string>> = {
  'review.evaluator-assigned': 'assign-evaluator',
  'review.document-review-completed': 'complete-document-review',
  'review.on-site-evaluation-completed': 'complete-on-site-evaluation',
  'review.nonconformity-raised': 'record-nonconformity',
  'review.corrective-action-verified': 'close-nonconformity',
  'scoring.scorecard-issued': 'record-score',
  'certificates.grant-certification': 'grant-certification',
  'certificates.deny-certification': 'deny-certification',
  'certificates.reach-deadline': 'reach-deadline',
  'certificates.record-surveillance': 'record-surveillance',
  'certificates.suspend-certificate': 'suspend-certificate',
  'certificates.reinstate-certificate': 'reinstate-certificate',
  'certificates.withdraw-certificate': 'withdraw-certificate',
  'certificates.cancel-certificate': 'cancel-certificate',
  'certificates.change-scope': 'change-scope',
  'certificates.reopen-decision': 'reopen-decision',
  'certificates.reopen-application': 'reopen-application',
  'certificates.reopen-level-decision': 'reopen-level-decision',
  'certificates.redecide-level': 'redecide-level',
  'certificates.set-aside-withdrawal': 'set-aside-withdrawal',
};
