import { z } from 'zod';
import { ADJUSTMENT_CODES, AUDIT_KINDS, AUDIT_MODES, AUDIT_STAGES, SELECTION_REASONS, TEAM_ROLES } from '@gbt/audit-programme';
import { calendarDateSchema as date } from './directory';
import { defineEvent } from './event-registry';
import { idSchema as id, textSchema as text } from './primitives';

/**
 * Audit plans (issue 19): what the body plans for each audit of the three-year programme and the
 * applicant's confirmation of it, one stream per plan (`audit-plan-<planId>`). The plan's rules and
 * its confirmation decider are in @gbt/audit-programme; these schemas are the contract's own, so a
 * change there does not change what consumers read by accident (a test here checks that what the
 * decider writes still validates). Evidence review writes them, on `Topics.auditPlan`.
 *
 * Amounts are person-days in half days; a plan carries the computation and the sample whole, so
 * it can show how its effort was reached and the sample can be redrawn from its recorded seed.
 */
const halfDays = z.number().nonnegative().refine((days) => Number.isInteger(days * 2), 'person-days are a multiple of 0.5');
const signedDays = z.number().finite();
const count = z.number().int().nonnegative();
const stage = z.enum(AUDIT_STAGES);
const outletParams = z.object({ outlets: count, perOutletOnSite: halfDays });
const amounts = { total: signedDays, onSite: signedDays };

export const manDayLineSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('band'), params: z.object({ stage, employees: count, minEmployees: count, maxEmployees: count.nullable() }), ...amounts }),
  z.object({ code: z.literal('outlets'), params: outletParams, ...amounts }),
  z.object({ code: z.literal('adjustment'), params: z.object({ adjustment: z.enum(ADJUSTMENT_CODES), percent: z.number().int() }), ...amounts }),
  z.object({ code: z.literal('rounding'), params: z.object({ to: z.literal('nearest-half-day') }), ...amounts }),
  z.object({ code: z.literal('outlet-minimum'), params: outletParams, ...amounts }),
]);

export const manDaysSchema = z.object({ tableVersion: id, kind: z.enum(AUDIT_KINDS), total: halfDays, onSite: halfDays, lines: z.array(manDayLineSchema).min(1).max(50) });

export const outletSampleSchema = z.object({
  kind: z.enum(AUDIT_KINDS),
  seed: z.string().min(1).max(200),
  rule: z.object({ factorPercent: z.object({ initial: count, surveillance: count, recertification: count }), randomPercent: count }),
  population: count,
  ruleSize: count,
  requestedSize: count.nullable(),
  capped: z.boolean(),
  randomCount: count,
  outlets: z.array(z.object({ id, reason: z.enum(SELECTION_REASONS) })).max(2_000),
  duplicates: z.array(id).max(2_000),
});

export const auditPlanSchema = z
  .object({
    planId: id,
    caseId: id,
    kind: z.enum(AUDIT_KINDS),
    mode: z.enum(AUDIT_MODES),
    startDate: date,
    endDate: date,
    team: z.array(z.object({ personId: id, role: z.enum(TEAM_ROLES) })).min(1).max(50),
    outletSample: outletSampleSchema.nullable(),
    /** The sampled outlets as named when planned: what the certificate's scope lists as audited sites. */
    sites: z.array(z.object({ id, name: z.string().min(1).max(200), address: z.string().min(1).max(500) })).max(2_000).optional(),
    requirementIds: z.array(id).min(1).max(500),
    manDays: manDaysSchema,
  })
  .refine((plan) => plan.startDate <= plan.endDate, { message: 'endDate cannot be before startDate', path: ['endDate'] });

const revision = z.number().int().min(1);
/** How a sampled outlet's visit at a surveillance ended. */
export const SITE_VISIT_OUTCOMES = ['conforming', 'finding'] as const;
export type SiteVisitOutcome = (typeof SITE_VISIT_OUTCOMES)[number];
const personId = id;

export const auditPlanEvents = [
  /** Revision 1 is the first proposal; each later one replaces the plan the applicant is asked to confirm. */
  defineEvent({ type: 'audit-plan.proposed', schemaVersion: 1, schema: z.object({ revision, plan: auditPlanSchema, proposedBy: personId }) }),
  /** The applicant accepts the revision they were shown, by its number. */
  defineEvent({ type: 'audit-plan.confirmed', schemaVersion: 1, schema: z.object({ planId: id, revision, confirmedBy: personId }) }),
  defineEvent({ type: 'audit-plan.change-requested', schemaVersion: 1, schema: z.object({ planId: id, revision, reason: text, requestedBy: personId }) }),
  defineEvent({ type: 'audit-plan.cancelled', schemaVersion: 1, schema: z.object({ planId: id, reason: text, cancelledBy: personId }) }),
  /**
   * A surveillance plan's site task done: the sampled outlet was visited under that revision and
   * conformed, or a finding was made there (which flags the outlet for the next audit's sample).
   * Written on its own stream, `audit-visits-<planId>`, so the plan's confirmation stream stays the library's.
   */
  defineEvent({
    type: 'audit-plan.site-visit-recorded',
    schemaVersion: 1,
    schema: z.object({ planId: id, revision, outletId: id, outcome: z.enum(SITE_VISIT_OUTCOMES), finding: text.nullable(), recordedBy: personId }),
  }),
];
