import type { Level, Scope } from './scope';

/** Who asks and when: time always arrives with the command, never from a clock inside the domain. */
export interface CommandMeta {
  readonly actor: { readonly id: string; readonly role?: string };
  readonly at: Date;
}

type Command<T extends string, D = Record<string, never>> = { readonly type: T; readonly data: D } & CommandMeta;

export type CaseCommand =
  | Command<'draft-application', { caseId: string; organisationId: string; catalogueVersion: string; scope: Scope }>
  | Command<'edit-application', { scope: Scope }>
  | Command<'attach-evidence', { documentId: string; requirementId: string; fileName: string; contentType: string; size: number; sha256: string }>
  | Command<'detach-evidence', { documentId: string }>
  | Command<'submit-application'>
  | Command<'withdraw-application', { reason: string }>
  | Command<'accept-application'>
  | Command<'refuse-application', { reason: string }>
  | Command<'reopen-application', { appealId: string; setAsideBy: string }>
  | Command<'declare-conflict-of-interest', { personId: string; reason: string }>
  | Command<'assign-evaluator', { personId: string }>
  | Command<'complete-document-review'>
  | Command<'complete-on-site-evaluation'>
  | Command<'record-nonconformity', { nonconformityId: string; requirementId: string; finding: string; rectifyBy: Date }>
  | Command<'close-nonconformity', { nonconformityId: string }>
  | Command<
      'record-score',
      { scorecardId: string; catalogueVersion: string; score: number; level: Level | null; specialDeductions: number; passed: boolean; waiveOpenNonconformities: boolean }
    >
  | Command<'grant-certification', { certificateNumber: string; level: Level; scorecardId: string }>
  | Command<'deny-certification', { reason: string }>
  | Command<'reopen-decision', { appealId: string }>
  | Command<'reopen-level-decision', { appealId: string; setAsideBy: string }>
  | Command<'redecide-level', { level: Level; scorecardId: string }>
  | Command<'set-aside-withdrawal', { appealId: string }>
  | Command<'mark-surveillance-due'>
  | Command<'record-surveillance', { passed: boolean; reason?: string; extraordinary?: boolean } & SurveillanceAudit>
  | Command<'suspend-certificate', { reason: string; months?: number }>
  | Command<'reinstate-certificate'>
  | Command<'withdraw-certificate', { reason: string; grounds?: 'decision-retaken' }>
  | Command<'cancel-certificate', { reason: string }>
  | Command<'expire-certificate'>
  | Command<'change-scope', { change: 'extension' | 'reduction'; scope: Scope }>
  | Command<'start-recertification', { catalogueVersion: string }>
  | Command<'reach-deadline', { deadline: Deadline; about: string }>;

/**
 * The dates timers watch. A timer names the deadline and the date it was planned for; the lifecycle
 * acts only if that date still holds, so a timer that raced a passed surveillance, a reinstatement
 * or a renewal changes nothing.
 */
/** The audit plan a surveillance was carried out under (issue 19) and the sites it visited, as the scope lists sites; absent for one planned without outlets. */
export interface SurveillanceAudit {
  readonly auditPlanId?: string;
  readonly auditPlanRevision?: number;
  readonly sites?: readonly string[];
}

export type Deadline = 'surveillance-due' | 'surveillance-overdue' | 'suspension-deadline' | 'expiry';

export type CaseCommandType = CaseCommand['type'];
export type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

/** A command as a caller gives it; who and when are added by the service that executes it. */
export type CaseCommandInput = CaseCommand extends infer C ? (C extends CaseCommand ? Omit<C, 'actor' | 'at'> : never) : never;
