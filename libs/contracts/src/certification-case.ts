import { z } from 'zod';
import { defineEvent, type AnyEventDefinition } from './event-registry';
import { caseIdSchema as caseId, idSchema as id, isoDateTimeSchema as isoDate, levelSchema, scopeSchema, sha256Schema as sha256, textSchema as text } from './primitives';
import { isReason, REASON_CODES, type ReasonCode } from './reason-codes';

/**
 * The public contract of the certification lifecycle on `certification.case.v1`, version 1.
 *
 * The applications service owns the lifecycle (libs/certification, which no other project may
 * import). What it publishes is defined here, by schemas of this library's own: a change of the
 * domain's internal events does not change this contract by accident, and a test in
 * apps/applications checks that every event the lifecycle writes still validates against it.
 * A breaking change is a new schema version (with an upcaster) or a new topic, never a silent one.
 *
 * Two kinds of events travel on the topic, keyed by case and in stream order:
 * - the lifecycle's facts (`certification.application-drafted`, ...), one per fact;
 * - after the facts of each change, one `certification.case-status-changed`: the case as it stands
 *   after that change. It is written in the same store commit as the facts, so none is lost or
 *   out of order; a consumer that needs the state of a case keeps the latest one instead of
 *   re-running the lifecycle.
 */

export const CASE_STATUS_CHANGED = 'certification.case-status-changed';

export const PUBLIC_CASE_STATUSES = [
  'draft',
  'submitted',
  'refused',
  'application-withdrawn',
  'under-evaluation',
  'not-certified',
  'decision-pending',
  'certified',
  'suspended',
  'recertifying',
  'withdrawn',
  'cancelled',
  'expired',
] as const;
export type PublicCaseStatus = (typeof PUBLIC_CASE_STATUSES)[number];

export const EVALUATION_PHASES = ['document-review', 'on-site', 'ready-for-scoring', 'decision-pending'] as const;

/**
 * A fact whose reason the lifecycle may word itself (a failed surveillance, a passed deadline, a
 * failing score). Then `reason` is an English sentence for logs and developers, and `reasonCode`
 * with `reasonParams` is what readers get (reason-codes.ts, put into words by the console). Both
 * are optional, so facts stored before them stay valid; without them `reason` is a person's own
 * words (or, before codes, the lifecycle's sentence) and is shown as written.
 */
const reasonFields = {
  reason: text,
  reasonCode: z.enum(Object.keys(REASON_CODES) as [ReasonCode, ...ReasonCode[]]).optional(),
  reasonParams: z.record(z.string(), z.string().max(4_000)).optional(),
};
const codeTakesParams = (d: { reasonCode?: string; reasonParams?: Record<string, string> }) => (d.reasonCode === undefined ? d.reasonParams === undefined : isReason(d.reasonCode, d.reasonParams ?? {}));
const PARAMS_OF_CODE = { message: 'reasonParams must be exactly the parameters reasonCode takes', path: ['reasonParams'] };
/** The audit plan a surveillance was carried out under and the sites it visited (issue 19); absent when it had none. */
const surveillanceAudit = { auditPlanId: id.optional(), auditPlanRevision: z.number().int().min(1).optional(), sites: z.array(text).max(2_000).optional(), extraordinary: z.literal(true).optional() };

/** The data of each lifecycle fact, version 1. */
export const caseFactSchemas = {
  'certification.application-drafted': z.object({ caseId, organisationId: id, catalogueVersion: id, scope: scopeSchema }),
  'certification.application-edited': z.object({ scope: scopeSchema }),
  'certification.evidence-attached': z.object({
    documentId: id,
    requirementId: id,
    fileName: z.string().min(1).max(255),
    contentType: z.string().min(1).max(100),
    size: z.number().int().nonnegative(),
    sha256,
  }),
  'certification.evidence-detached': z.object({ documentId: id }),
  'certification.application-submitted': z.object({}),
  'certification.application-withdrawn': z.object({ reason: text }),
  'certification.application-accepted': z.object({ acceptedBy: id }),
  'certification.application-refused': z.object({ reason: text, refusedBy: id }),
  /** An appeal against the refusal was upheld: the application is reviewed again, not by `setAsideBy` (who refused it). */
  'certification.application-reopened': z.object({ appealId: id, reopenedBy: id, setAsideBy: id }),
  'certification.conflict-of-interest-declared': z.object({ personId: id, reason: text }),
  'certification.evaluator-assigned': z.object({ personId: id }),
  'certification.document-review-completed': z.object({ completedBy: id }),
  'certification.on-site-evaluation-completed': z.object({ completedBy: id }),
  'certification.nonconformity-recorded': z.object({ nonconformityId: id, requirementId: id, finding: text, recordedBy: id, rectifyBy: isoDate }),
  'certification.nonconformity-closed': z.object({ nonconformityId: id, verifiedBy: id }),
  'certification.case-scored': z.object({
    scorecardId: id,
    catalogueVersion: id,
    score: z.number().min(0).max(100),
    level: levelSchema.nullable(),
    specialDeductions: z.number().int().nonnegative(),
    passed: z.boolean(),
    openNonconformitiesWaivedBy: id.nullable(),
  }),
  'certification.certification-granted': z.object({
    certificateNumber: id,
    level: levelSchema,
    validFrom: isoDate,
    validUntil: isoDate,
    nextSurveillanceBy: isoDate,
    cycle: z.number().int().min(1),
    decidedBy: id,
    scorecardId: id,
  }),
  'certification.certification-denied': z.object({ reason: text, decidedBy: id }),
  /** An appeal against the denial was upheld: the case waits for a decision again. */
  'certification.decision-reopened': z.object({ appealId: id, reopenedBy: id }),
  /** An appeal against the level granted was upheld (ADR 0038): the certificate stands while the level is decided again, not by `setAsideBy`. */
  'certification.level-decision-reopened': z.object({ appealId: id, reopenedBy: id, setAsideBy: id }),
  /** The level decided again after that appeal: the same certificate (number, dates) at `level`. */
  'certification.level-redecided': z.object({ level: levelSchema, previousLevel: levelSchema, decidedBy: id, scorecardId: id, appealId: id }),
  /** An appeal against the withdrawal was upheld: back to `status`; a suspension with its deadline and reason. */
  'certification.withdrawal-set-aside': z.object({
    appealId: id,
    setAsideBy: id,
    status: z.enum(['certified', 'suspended']),
    nextSurveillanceBy: isoDate,
    suspension: z.object({ ...reasonFields, until: isoDate }).refine(codeTakesParams, PARAMS_OF_CODE).optional(),
    /** Certified again with the surveillance that was due at the withdrawal still due, by this date (ADR 0038); a newly due one is its own surveillance-due fact. */
    surveillanceDueBy: isoDate.nullable().optional(),
  }),
  'certification.surveillance-due': z.object({ dueBy: isoDate }),
  'certification.surveillance-passed': z.object({ nextSurveillanceBy: isoDate, recordedBy: id, ...surveillanceAudit }),
  'certification.surveillance-failed': z.object({ ...reasonFields, recordedBy: id, ...surveillanceAudit }).refine(codeTakesParams, PARAMS_OF_CODE),
  'certification.certificate-suspended': z.object({ ...reasonFields, until: isoDate }).refine(codeTakesParams, PARAMS_OF_CODE),
  'certification.certificate-reinstated': z.object({ verifiedBy: id, nextSurveillanceBy: isoDate.optional() }),
  'certification.certificate-withdrawn': z.object(reasonFields).refine(codeTakesParams, PARAMS_OF_CODE),
  'certification.certificate-cancelled': z.object({ reason: text }),
  'certification.certificate-expired': z.object({ expiredAt: isoDate }),
  'certification.scope-changed': z.object({ change: z.enum(['extension', 'reduction']), scope: scopeSchema }),
  'certification.recertification-started': z.object({ catalogueVersion: id }),
  'certification.recertification-denied': z.object({ ...reasonFields, decidedBy: id }).refine(codeTakesParams, PARAMS_OF_CODE),
} as const;

export type CaseFactType = keyof typeof caseFactSchemas;
export type CaseFact = { [T in CaseFactType]: { readonly type: T; readonly data: z.infer<(typeof caseFactSchemas)[T]> } }[CaseFactType];

const factTypes = Object.keys(caseFactSchemas) as CaseFactType[];
const changeSchema = z.discriminatedUnion(
  'type',
  factTypes.map((type) => z.object({ type: z.literal(type), data: caseFactSchemas[type] })) as unknown as [z.ZodObject<{ type: z.ZodLiteral<CaseFactType>; data: z.ZodType<Record<string, unknown>> }>],
);

export const publicCertificateSchema = z.object({
  number: id,
  level: levelSchema,
  validFrom: isoDate,
  validUntil: isoDate,
  cycle: z.number().int().min(1),
  nextSurveillanceBy: isoDate,
});

/**
 * `certification.case-status-changed` version 1: the case after one change. The envelope's
 * `streamVersion` orders the snapshots of a case; a consumer keeps the one with the highest.
 */
export const caseStatusSchema = z.object({
  caseId,
  organisationId: id,
  catalogueVersion: id,
  status: z.enum(PUBLIC_CASE_STATUSES),
  /** The evaluation's phase while under evaluation, decision pending or recertifying; else null. */
  phase: z.enum(EVALUATION_PHASES).nullable(),
  /** Why the case is refused, withdrawn, not certified, suspended, ...; null in the other statuses. */
  reason: text.nullable(),
  scope: scopeSchema,
  /** People who took part in the current cycle's evaluation: the lifecycle lets none of them decide it. */
  evaluators: z.array(id),
  /** People with a declared conflict of interest: the lifecycle lets none of them evaluate or decide. */
  conflicts: z.array(id),
  openNonconformities: z.array(id),
  /** The current cycle's scorecard as the lifecycle recorded it. */
  score: z
    .object({ scorecardId: id, catalogueVersion: id, score: z.number().min(0).max(100), level: levelSchema.nullable(), specialDeductions: z.number().int().nonnegative() })
    .nullable(),
  /** The highest level the current scorecard supports (null: none recorded, or not passed). */
  level: levelSchema.nullable(),
  /** The current (or last) certificate, with its dates as the lifecycle holds them. */
  certificate: publicCertificateSchema.nullable(),
  surveillanceDueBy: isoDate.nullable(),
  suspendedUntil: isoDate.nullable(),
  /** Set while an upheld appeal has the level decided again (ADR 0038); absent in snapshots from before. */
  /** `reopenedBy`: who upheld the appeal; neither they nor `setAsideBy` decide the level again (ISO/IEC 17065 7.13). */
  levelReopened: z.object({ appealId: id, setAsideBy: id, reopenedBy: id.optional() }).nullable().optional(),
  /** The lifecycle commands its status allows now (the transition table's "from"); guards may still refuse one. */
  availableCommands: z.array(id),
  /** The lifecycle facts this change consists of, in order, with their data (the same as the facts published before it). */
  changes: z.array(changeSchema).min(1),
});
export type CaseStatusSnapshot = z.infer<typeof caseStatusSchema>;

export const caseStatusChangedEvent = defineEvent({ type: CASE_STATUS_CHANGED, schemaVersion: 1, schema: caseStatusSchema });

/** The events on `certification.case.v1`: the lifecycle's facts and the status snapshot after each change. */
export const certificationCaseEvents: readonly AnyEventDefinition[] = [
  ...factTypes.map((type) => defineEvent<Record<string, unknown>>({ type, schemaVersion: 1, schema: caseFactSchemas[type] as AnyEventDefinition['schema'] })),
  caseStatusChangedEvent,
];
