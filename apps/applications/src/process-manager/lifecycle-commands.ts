import { z } from 'zod';
import { levelSchema, scopeSchema, type CaseCommandInput } from '@gbt/certification';
import { DEADLINES, REQUESTED_COMMANDS, type EventEnvelope } from '@gbt/contracts';

type Data = Readonly<Record<string, unknown>>;
// The fields of an event validated against its registry schema on the way in, read back typed.
const s = (d: Data, key: string) => z.string().parse(d[key]);
const n = (d: Data, key: string) => z.number().parse(d[key]);
const b = (d: Data, key: string) => z.boolean().parse(d[key]);

/**
 * Which lifecycle command each lifecycle input event means, with its data: the applications service
 * executes it. An event type not listed here is not about the lifecycle; every listed one is
 * validated before it gets here. The command names are public (`REQUESTED_COMMANDS` in
 * @gbt/contracts) so that a sender can pre-check a request against a status snapshot's
 * `availableCommands`.
 */
export const LIFECYCLE_COMMANDS: Readonly<Record<string, (d: Data) => CaseCommandInput>> = {
  'review.evaluator-assigned': (d) => ({ type: 'assign-evaluator', data: { personId: s(d, 'personId') } }),
  'review.document-review-completed': () => ({ type: 'complete-document-review', data: {} }),
  'review.on-site-evaluation-completed': () => ({ type: 'complete-on-site-evaluation', data: {} }),
  'review.nonconformity-raised': (d) => ({
    type: 'record-nonconformity',
    data: { nonconformityId: s(d, 'nonconformityId'), requirementId: s(d, 'requirementId'), finding: s(d, 'finding'), rectifyBy: new Date(s(d, 'rectifyBy')) },
  }),
  'review.corrective-action-verified': (d) => ({ type: 'close-nonconformity', data: { nonconformityId: s(d, 'nonconformityId') } }),
  'scoring.scorecard-issued': (d) => ({
    type: 'record-score',
    data: {
      scorecardId: s(d, 'scorecardId'),
      catalogueVersion: s(d, 'catalogueVersion'),
      score: n(d, 'score'),
      level: levelSchema.nullable().parse(d.level),
      specialDeductions: n(d, 'specialDeductions'),
      passed: b(d, 'passed'),
      waiveOpenNonconformities: b(d, 'openNonconformitiesWaived'),
    },
  }),
  'certificates.grant-certification': (d) => ({
    type: 'grant-certification',
    data: { certificateNumber: s(d, 'certificateNumber'), level: levelSchema.parse(d.level), scorecardId: s(d, 'scorecardId') },
  }),
  'certificates.deny-certification': (d) => ({ type: 'deny-certification', data: { reason: s(d, 'reason') } }),
  'certificates.reach-deadline': (d) => ({ type: 'reach-deadline', data: { deadline: z.enum(DEADLINES).parse(d.deadline), about: s(d, 'about') } }),
  'certificates.record-surveillance': (d) => ({
    type: 'record-surveillance',
    data: {
      passed: b(d, 'passed'),
      ...(d.reason ? { reason: s(d, 'reason') } : {}),
      ...(d.auditPlanId ? { auditPlanId: s(d, 'auditPlanId'), auditPlanRevision: n(d, 'auditPlanRevision'), sites: z.array(z.string()).parse(d.sites ?? []) } : {}),
      ...(d.extraordinary === true ? { extraordinary: true } : {}),
    },
  }),
  'certificates.suspend-certificate': (d) => ({ type: 'suspend-certificate', data: { reason: s(d, 'reason'), ...(d.months ? { months: n(d, 'months') } : {}) } }),
  'certificates.reinstate-certificate': () => ({ type: 'reinstate-certificate', data: {} }),
  'certificates.withdraw-certificate': (d) => ({ type: 'withdraw-certificate', data: { reason: s(d, 'reason'), ...(d.grounds ? { grounds: z.enum(['decision-retaken']).parse(d.grounds) } : {}) } }),
  'certificates.cancel-certificate': (d) => ({ type: 'cancel-certificate', data: { reason: s(d, 'reason') } }),
  'certificates.reopen-application': (d) => ({ type: 'reopen-application', data: { appealId: s(d, 'appealId'), setAsideBy: s(d, 'setAsideBy') } }),
  'certificates.reopen-decision': (d) => ({ type: 'reopen-decision', data: { appealId: s(d, 'appealId') } }),
  'certificates.reopen-level-decision': (d) => ({ type: 'reopen-level-decision', data: { appealId: s(d, 'appealId'), setAsideBy: s(d, 'setAsideBy') } }),
  'certificates.redecide-level': (d) => ({ type: 'redecide-level', data: { level: levelSchema.parse(d.level), scorecardId: s(d, 'scorecardId') } }),
  'certificates.set-aside-withdrawal': (d) => ({ type: 'set-aside-withdrawal', data: { appealId: s(d, 'appealId') } }),
  'certificates.change-scope': (d) => ({ type: 'change-scope', data: { change: z.enum(['extension', 'reduction']).parse(d.change), scope: scopeSchema.parse(d.scope) } }),
};

export const caseIdOf = (event: EventEnvelope): string => s(event.data, 'caseId');

/** The command a request names in the public contract, as this service's table has it. */
export const commandTypeOf = (eventType: string): string | undefined => REQUESTED_COMMANDS[eventType];
