import type { CaseCommandInput } from '@gbt/certification';
import { REQUESTED_COMMANDS, type Deadline, type EventEnvelope } from '@gbt/contracts';

type Data = Record<string, unknown>;
const s = (d: Data, key: string) => d[key] as string;

/**
 * Which lifecycle command each lifecycle input event means, with its data: the applications service
 * executes it. An event type not listed here is not about the lifecycle; every listed one is
 * validated before it gets here. The command names are public (`REQUESTED_COMMANDS` in
 * @gbt/contracts, checked against this table by lifecycle-commands.spec.ts) so that a sender can
 * pre-check a request against a status snapshot's `availableCommands`.
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
      score: d.score as number,
      level: d.level as never,
      specialDeductions: d.specialDeductions as number,
      passed: d.passed as boolean,
      waiveOpenNonconformities: d.openNonconformitiesWaived as boolean,
    },
  }),
  'certificates.certification-granted': (d) => ({
    type: 'grant-certification',
    data: { certificateNumber: s(d, 'certificateNumber'), level: d.level as never, scorecardId: s(d, 'scorecardId') },
  }),
  'certificates.certification-denied': (d) => ({ type: 'deny-certification', data: { reason: s(d, 'reason') } }),
  'certificates.deadline-reached': (d) => ({ type: 'reach-deadline', data: { deadline: d.deadline as Deadline, about: s(d, 'about') } }),
  'certificates.surveillance-recorded': (d) => ({ type: 'record-surveillance', data: { passed: d.passed as boolean, ...(d.reason ? { reason: s(d, 'reason') } : {}) } }),
  'certificates.certificate-suspended': (d) => ({ type: 'suspend-certificate', data: { reason: s(d, 'reason'), ...(d.months ? { months: d.months as number } : {}) } }),
  'certificates.certificate-reinstated': () => ({ type: 'reinstate-certificate', data: {} }),
  'certificates.certificate-withdrawn': (d) => ({ type: 'withdraw-certificate', data: { reason: s(d, 'reason') } }),
  'certificates.certificate-cancelled': (d) => ({ type: 'cancel-certificate', data: { reason: s(d, 'reason') } }),
  'certificates.scope-changed': (d) => ({ type: 'change-scope', data: { change: d.change as 'extension' | 'reduction', scope: d.scope as never } }),
};

export const caseIdOf = (event: EventEnvelope): string => event.data.caseId as string;

/** The command a request names in the public contract, as this service's table has it. */
export const commandTypeOf = (eventType: string): string | undefined => REQUESTED_COMMANDS[eventType];
