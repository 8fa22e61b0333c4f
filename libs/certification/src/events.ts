import { z } from 'zod';

/**
 * The facts of a certification's life. The stored names (`certification.*`) are the contract on
 * `certification.case.v1`; they never change meaning: a new meaning gets a new schema version.
 */
const id = z.string().min(1).max(200);
const text = z.string().min(1).max(4_000);
const isoDate = z.string().datetime({ offset: true });
const list = z.array(z.string().min(1).max(200)).max(500).readonly();

export const scopeSchema = z.object({
  productCategories: list,
  serviceCategories: list,
  sites: list,
  outlets: list,
});
export const levelSchema = z.enum(['compliant', 'three-star', 'four-star', 'five-star']);

/**
 * A reason the lifecycle words itself carries a code with parameters for readers (libs/contracts
 * reason-codes.ts, checked by the public contract); `reason` is then the English sentence for logs.
 * Without a code, `reason` is what a person wrote. Optional: facts stored before codes have none.
 */
const reasonFields = { reason: text, reasonCode: id.optional(), reasonParams: z.record(z.string(), z.string()).optional() };
/** The audit plan a surveillance was carried out under and the sites it visited (issue 19); absent when it had none. `extraordinary`: a complaint's, beside the periodic ones. */
const surveillanceAudit = { auditPlanId: id.optional(), auditPlanRevision: z.number().int().min(1).optional(), sites: z.array(text).max(2_000).optional(), extraordinary: z.literal(true).optional() };

export const CaseEventSchemas = {
  'certification.application-drafted': z.object({ caseId: id, organisationId: id, catalogueVersion: id, scope: scopeSchema }),
  'certification.application-edited': z.object({ scope: scopeSchema }),
  'certification.evidence-attached': z.object({
    documentId: id,
    requirementId: id,
    fileName: z.string().min(1).max(255),
    contentType: z.string().min(1).max(100),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  'certification.evidence-detached': z.object({ documentId: id }),
  'certification.application-submitted': z.object({}),
  'certification.application-withdrawn': z.object({ reason: text }),
  'certification.application-accepted': z.object({ acceptedBy: id }),
  'certification.application-refused': z.object({ reason: text, refusedBy: id }),
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
  'certification.decision-reopened': z.object({ appealId: id, reopenedBy: id }),
  'certification.level-decision-reopened': z.object({ appealId: id, reopenedBy: id, setAsideBy: id }),
  'certification.level-redecided': z.object({ level: levelSchema, previousLevel: levelSchema, decidedBy: id, scorecardId: id, appealId: id }),
  'certification.withdrawal-set-aside': z.object({
    appealId: id,
    setAsideBy: id,
    status: z.enum(['certified', 'suspended']),
    nextSurveillanceBy: isoDate,
    /** Back to suspended: the suspension as it resumes, its deadline from now on and its reason as it was. */
    suspension: z.object({ ...reasonFields, until: isoDate }).optional(),
    /** Back to certified with the surveillance that was due at the withdrawal due again, by this date (ADR 0038). */
    surveillanceDueBy: isoDate.nullable().optional(),
  }),
  'certification.surveillance-due': z.object({ dueBy: isoDate }),
  'certification.surveillance-passed': z.object({ nextSurveillanceBy: isoDate, recordedBy: id, ...surveillanceAudit }),
  'certification.surveillance-failed': z.object({ ...reasonFields, recordedBy: id, ...surveillanceAudit }),
  'certification.certificate-suspended': z.object({ ...reasonFields, until: isoDate }),
  'certification.certificate-reinstated': z.object({ verifiedBy: id, nextSurveillanceBy: isoDate.optional() }),
  'certification.certificate-withdrawn': z.object(reasonFields),
  'certification.certificate-cancelled': z.object({ reason: text }),
  'certification.certificate-expired': z.object({ expiredAt: isoDate }),
  'certification.scope-changed': z.object({ change: z.enum(['extension', 'reduction']), scope: scopeSchema }),
  'certification.recertification-started': z.object({ catalogueVersion: id }),
  'certification.recertification-denied': z.object({ ...reasonFields, decidedBy: id }),
} as const;

type Schemas = typeof CaseEventSchemas;
export type CaseEventType = keyof Schemas;

/** A lifecycle event as the decider sees it: its stored name and its data. */
export type CaseEvent = { [T in CaseEventType]: { readonly type: T; readonly data: z.infer<Schemas[T]> } }[CaseEventType];

export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const event = <T extends CaseEventType>(type: T, data: EventOf<T>['data']): CaseEvent => ({ type, data }) as CaseEvent;
