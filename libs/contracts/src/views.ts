// What the services answer over HTTP, as types only: the services declare their responses with them
// and the console reads them through the type-only path @gbt/contracts/views, so the two cannot drift.
// No runtime code here: the console's bundle never includes this file.

export interface CaseView {
  readonly caseId: string;
  readonly version: number;
  readonly asOf: string | null;
  readonly status: string;
  readonly phase?: string | null;
  readonly organisationId?: string;
  readonly catalogueVersion?: string;
  readonly scope?: { productCategories: readonly string[]; serviceCategories: readonly string[] };
  readonly evidence?: Record<string, { requirementId: string; fileName: string; contentType: string; size: number; sha256: string }>;
  readonly evaluators?: readonly string[];
  readonly nonconformities?: Record<string, { requirementId: string; finding: string; recordedBy: string; rectifyBy: string; open: boolean }>;
  readonly score?: { scorecardId: string; score: number; level: string | null; specialDeductions: number } | null;
  readonly certificate?: { number: string; level: string; validFrom: string; validUntil: string; cycle: number; nextSurveillanceBy: string };
  readonly reason?: string;
  /** Present when the lifecycle worded the reason itself (reason-codes.ts); without it `reason` is a person's words. */
  readonly reasonCode?: string;
  readonly reasonParams?: Record<string, string>;
  readonly availableCommands: string[];
}

export interface HistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: { id: string; role?: string };
  readonly data: Record<string, unknown>;
}

export interface CaseRow {
  readonly caseId: string;
  readonly organisationName: string;
  readonly status: string;
  readonly level: string | null;
  readonly certificateNumber: string | null;
  readonly openNonconformities: number;
  readonly updatedAt: string;
  readonly dueBy: string | null;
}

export interface ReviewView {
  readonly status: string;
  readonly dueAt?: string;
  readonly tasks?: Record<string, { requirementIds: string[]; onSite: boolean; completed: boolean; waitingSince: string | null; escalated: boolean }>;
  readonly assessments?: Record<string, { outcome: string; finding?: string } | undefined>;
  readonly nonconformities?: Record<string, { requirementId: string; raisedBy: string; rectifyBy: string; correctionSubmitted: boolean; closed: boolean }>;
}

export interface TaskView {
  readonly taskId: string;
  readonly caseId: string;
  readonly queue: string;
  readonly requirementIds: string[];
  readonly assessments: Record<string, { assessment: { outcome: string; finding?: string; severity?: string }; by: string } | null>;
  readonly completed: boolean;
  readonly waitingForApplicantSince: string | null;
  readonly escalated: boolean;
  readonly claimedBy: string | null;
  readonly assignedTo: string | null;
  readonly slaDueAt: string | null;
  /** A site task's outlet (issue 19, ADR 0037): where the visit is; null for every other task. */
  readonly site?: { readonly outletId: string; readonly name: string; readonly address: string } | null;
}

export interface Points {
  readonly available: number;
  readonly obtained: number;
  readonly lost: number;
}
export interface RequirementScore extends Points {
  readonly id: string;
  readonly name: { zh: string; en: string };
  readonly findings: { findingId: string; description: string; recordedBy: string; lost: number }[];
}
export interface IndicatorScore extends Points {
  readonly id: string;
  readonly name: { zh: string; en: string };
  readonly requirements: RequirementScore[];
}
export interface CategoryScore extends Points {
  readonly id: string;
  readonly name: { zh: string; en: string };
  readonly totalPoints: number;
  readonly indicators: IndicatorScore[];
}
export interface Scorecard {
  readonly catalogueVersion: string;
  readonly score: number;
  readonly baseScore: number;
  readonly passed: boolean;
  readonly level: string | null;
  readonly failReasons: string[];
  readonly categories: CategoryScore[];
}
export interface Finding {
  readonly id: string;
  readonly requirementId: string;
  readonly description: string;
  readonly recordedBy: string;
}
export interface ScorecardRecord {
  readonly scorecardId: string;
  readonly kind: string;
  readonly current: boolean;
  readonly input: { findings: Finding[] };
  readonly scorecard: Scorecard;
}

export interface DecisionBasis {
  readonly caseId: string;
  readonly status: string;
  readonly awaitingDecision: boolean;
  /** An upheld appeal has the level of the current certificate decided again (ADR 0038): a grant at a level, no denial. */
  readonly redecidesLevel?: boolean;
  readonly cycle: number;
  readonly score: { scorecardId: string; score: number; level: string | null } | null;
  readonly scorecard: { scorecardId: string; hash: string; scorecard?: Scorecard } | null;
  readonly reviewReport: { hash: string } | null;
  readonly evaluators: string[];
  readonly decisions: {
    decisionId: string;
    cycle: number;
    outcome: string;
    level: string | null;
    reasons: string;
    decidedBy: string;
    stale: string | null;
    /** The appeal that set the decision aside (ADR 0033): another decision maker decides the cycle again. */
    setAside: string | null;
    certificateNumber: string | null;
    /** The request the decision sent to the lifecycle, and its answer (null while it is on its way). */
    requestId: string | null;
    answer: { outcome: 'accepted' | 'rejected'; code: string | null; reason: string | null } | null;
    /** The certificate number voided because the lifecycle rejected this grant; null for any other answer (a rejected re-decision voids nothing). */
    voidedNumber?: string | null;
  }[];
  /** Why the reader may not decide this case today (evaluator, conflict, competence, impartiality), or null. */
  readonly notForYou: NotAllowed | null;
}

// ---- Certificates service: decisions and requests to the lifecycle --------------------------------

/** Where a request of the certificates service to the lifecycle stands: requested until the applications service answers. */
export interface LifecycleRequestStatus {
  readonly requestId: string;
  /** Where to ask again: GET answers this shape. */
  readonly statusUrl: string;
  /** The lifecycle input sent, e.g. `certificates.suspend-certificate`. */
  readonly requested: string;
  readonly status: 'requested' | 'accepted' | 'rejected';
  /** The refusal code and sentence of a rejected request. */
  readonly code: string | null;
  readonly reason: string | null;
  /** The certificate number voided because the grant that reserved it was rejected. */
  readonly voidedNumber: string | null;
}

/** A decision just recorded; with the request it sent, unless a retaken decision left the certificate as it was. */
export type DecisionTaken = {
  readonly caseId: string;
  readonly decisionId: string;
  readonly cycle: number;
  readonly outcome: 'grant' | 'deny';
  readonly certificateNumber: string | null;
} & (LifecycleRequestStatus | Record<never, never>);

/** A surveillance result, suspension, reinstatement, withdrawal, cancellation or scope change, as sent. */
export interface CertificateRequested extends LifecycleRequestStatus {
  readonly certificateNumber: string;
}

// ---- end of the certificates service's block --------------------------------------------------------

export interface RegistryEntry {
  readonly number: string;
  readonly version: number;
  readonly holder: { name: string; creditCode: string };
  readonly level: string;
  readonly levelName: { zh: string; en: string };
  readonly validFrom: string;
  readonly validUntil: string;
  readonly status: string;
  /** For developers; readers get `standing` and each history entry's code (reason-codes.ts). */
  readonly statusReason: string;
  /** Whether it may be relied on now: certificate-core STANDING_REASONS, shown as `reason.standing.<reason>`. */
  readonly standing: { status: string; reason: string; params: Record<string, string>; at: string };
  /** `sites`: what a surveillance carried out under an audit plan visited. */
  readonly history: { status: string; change: string; reason: string; code: string; params: Record<string, string>; sites?: readonly string[]; at: string }[];
}

/** Whether a certificate was valid at an instant (GET /registry/certificates/:number/validity). */
export interface CertificateValidity {
  readonly valid: boolean;
  readonly status: string;
  readonly on: string;
  /** For developers; readers get `code` and `params`. */
  readonly reason: string;
  readonly code: string;
  readonly params: Record<string, string>;
}

/** A certificate in the public log (GET /log/certificates/:number): its leaves, and the leaf of its current status with the signed tree size that covers it (ADR 0030). */
export interface CertificateLogRecord {
  readonly number: string;
  readonly treeHead: { treeSize: number; timestamp: string; rootHash: string; keyId: string; signature: string } | null;
  readonly leaves: { index: number; entry: { number: string; status: string; at: string; code: string; eventId: string }; leafHash: string; auditPath: string[] | null }[];
  readonly current: { index: number; recordedAtTreeSize: number | null } | null;
}

// ---- applications service (apps/applications): answers not covered above ----

/** What a command on a case answers: the stream's version after it (the next ETag). */
export interface CaseChange {
  readonly caseId: string;
  readonly version: number;
  readonly duplicate: boolean;
}

/** An attached evidence document: the change, and the document's id and hash. */
export interface EvidenceAttached extends CaseChange {
  readonly documentId: string;
  readonly sha256: string;
}

/** A history entry as the applications service answers it: with the event's ids. */
export interface CaseHistoryEntry extends HistoryEntry {
  readonly eventId: string;
  readonly correlationId: string;
}

/** One row of the case list (GET /cases). */
export interface CaseListItem {
  readonly caseId: string;
  readonly organisationId: string;
  readonly organisationName: string | null;
  readonly status: string;
  readonly phase: string | null;
  readonly level: string | null;
  readonly certificateNumber: string | null;
  readonly validUntil: string | null;
  readonly nextSurveillanceBy: string | null;
  readonly suspendedUntil: string | null;
  readonly dueBy: string | null;
  readonly openNonconformities: number;
  /** An upheld appeal has the certificate's level decided again (ADR 0038). */
  readonly levelReopened?: boolean;
  readonly submittedAt: string | null;
  readonly updatedAt: string;
  readonly version: number;
}

export interface CaseListPage {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly items: CaseListItem[];
}

export interface OrganisationView {
  readonly organisationId: string;
  readonly name: string;
  readonly creditCode: string;
  readonly address: string;
  readonly contacts: { name: string; phone: string; email: string }[];
  /** Every outlet with its stable id (ids derived by position for outlets registered before ids existed). */
  readonly outlets: { id: string; name: string; address: string }[];
  /** Headcount, when the applicant gave it. */
  readonly employees?: number;
  readonly members: string[];
  readonly version: number;
}

export interface OrganisationChange {
  readonly organisationId: string;
  readonly version: number;
}
// ---- end of the applications service's views ----

// ---- evidence review: threads between applicant and reviewers, the reviewers' work list (issue 17) ----

/** A message in a thread: `kind` is a code; `text` is what the person wrote (null for a verification). */
export type ThreadMessageKind = 'question' | 'answer' | 'finding' | 'correction' | 'rejection' | 'verification';
export interface ThreadMessage {
  readonly kind: ThreadMessageKind;
  readonly text: string | null;
  /** Evidence documents of the case (the applications service's `/cases/<caseId>/evidence/<documentId>`). */
  readonly documentIds: readonly string[];
  readonly by: string;
  readonly at: string;
}
export type ThreadStatus = 'waiting-for-applicant' | 'answered' | 'awaiting-correction' | 'awaiting-verification' | 'closed';
/** A request for information on a task, or a nonconformity with its corrective actions. */
export interface ReviewThread {
  readonly threadId: string;
  readonly kind: 'information' | 'correction';
  readonly taskId: string | null;
  readonly nonconformityId: string | null;
  readonly requirementIds: readonly string[];
  readonly status: ThreadStatus;
  readonly messages: readonly ThreadMessage[];
  readonly startedAt: string;
  readonly updatedAt: string;
}
/** `GET /cases/{caseId}/threads` of the evidence review service. */
export interface ThreadsView {
  readonly caseId: string;
  readonly cycle: number;
  readonly threads: readonly ReviewThread[];
}

export type WorkUrgency = 'escalated' | 'overdue' | 'due-soon' | 'on-time' | 'waiting-for-applicant';
/** One open task on a reviewer's work list (`GET /work-list`). */
export interface WorkItem {
  readonly rank: number;
  readonly urgency: WorkUrgency;
  readonly taskId: string;
  readonly caseId: string;
  readonly cycle: number;
  readonly queue: string;
  readonly organisationId: string | null;
  readonly organisationName: string | null;
  readonly requirementIds: readonly string[];
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly escalated: boolean;
  readonly waitingForApplicantSince: string | null;
  readonly claimedBy: string | null;
  readonly assignedTo: string | null;
  readonly nextForYou: boolean;
  /** Why you may not claim it today (competence or impartiality), or null. */
  readonly notForYou: NotAllowed | null;
}
/** `asOf` is the service's clock (the demo clock may differ from the browser's): countdowns count from it. */
export interface WorkListView {
  readonly asOf: string;
  readonly items: readonly WorkItem[];
}
/** Why a person may not do something on a case: a refusal code (`error.<code>` in the console) and its parameters. */
export interface NotAllowed {
  readonly code: string;
  readonly params: Readonly<Record<string, string>>;
}
/**
 * `GET /tasks/{taskId}/eligible-reviewers`: the directory's staff with the reviewer role who may
 * take the task today, and the others with why not (`source` says where the people come from).
 */
export interface EligibleReviewersView {
  readonly taskId: string;
  readonly source: 'directory';
  readonly reviewers: readonly { readonly id: string; readonly name: string }[];
  readonly ineligible: readonly ({ readonly id: string; readonly name: string } & NotAllowed)[];
}

/** What an appeal is against (ADR 0033): the decision's kind, date (Shanghai) and maker; the same shape as `appealedDecisionSchema`. */
export interface AppealedDecisionView {
  readonly kind: 'refusal' | 'denial' | 'level' | 'suspension' | 'withdrawal';
  readonly decisionKey: string;
  readonly decidedOn: string;
  readonly decidedBy: string;
  readonly certificateNumber: string | null;
  readonly level: 'compliant' | 'three-star' | 'four-star' | 'five-star' | null;
}

/** One appeal as the appellant and the staff read it. `grounds` and `reasons` are people's own words. */
export interface AppealView {
  readonly appealId: string;
  readonly caseId: string;
  readonly against: AppealedDecisionView;
  readonly grounds: string;
  readonly lodgedBy: string;
  readonly acknowledgedOn: string;
  readonly answerBy: string;
  readonly status: 'open' | 'upheld' | 'dismissed';
  readonly handlerId: string | null;
  readonly escalated: boolean;
  readonly outcome: { readonly reasons: string; readonly decidedBy: string; readonly remedy: string | null; readonly requestId: string | null } | null;
  readonly history: readonly { readonly type: string; readonly at: string; readonly actor: string }[];
}

/** `GET /cases/{caseId}/appeals`: the case's appeals, and whether (until when) the decision it stands on may be appealed today. */
export interface CaseAppeals {
  /** The service's calendar date in Shanghai (the demo clock may differ from the browser's): the period left counts from it. */
  readonly today: string;
  readonly appealable: (AppealedDecisionView & { readonly periodEndsOn: string }) | null;
  /** Why an appeal cannot be lodged today (a refusal code), or null. */
  readonly notAllowed: NotAllowed | null;
  readonly appeals: readonly AppealView[];
}

/** A line of the decision makers' appeals list (`GET /appeals`, index documents read by `_id`). */
export interface AppealListEntry {
  readonly caseId: string;
  readonly appealId: string;
  readonly kind: AppealedDecisionView['kind'];
  readonly acknowledgedOn: string;
  readonly answerBy: string;
  readonly handlerId: string | null;
}

// ---- certificates service: complaints (issue 19, ADR 0035) ----
export interface ComplaintInformationRequestView {
  readonly requestId: string;
  readonly question: string;
  readonly dueBy: string;
  readonly answer: string | null;
}

/** One fact of a complaint; the holder's copy carries only the fields it may read, and no actor. */
export interface ComplaintHistoryEntryView {
  readonly type: string;
  readonly at: string;
  readonly actor?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What the holder (`GET /cases/{caseId}/complaints`) and the staff both see of a complaint. */
export interface ComplaintView {
  readonly reference: string;
  readonly status: 'received' | 'investigating' | 'closed';
  readonly kind: 'certificate' | 'body';
  readonly certificateNumber: string | null;
  readonly caseId: string | null;
  readonly receivedAt: string;
  readonly answerDueBy: string;
  readonly rejectionCode: string | null;
  readonly surveillance: 'none' | 'ordered' | 'passed' | 'failed';
  readonly outcome: string | null;
  readonly requests: readonly ComplaintInformationRequestView[];
  readonly history: readonly ComplaintHistoryEntryView[];
}

/** `GET /complaints/{reference}`, for complaint handlers only: the complainant's words and contact details too. */
export interface StaffComplaintView extends ComplaintView {
  readonly version: number;
  readonly description: string;
  readonly contact: { readonly name: string | null; readonly phone: string | null; readonly email: string | null } | null;
  readonly escalated: boolean;
}

/** One line of `GET /complaints?kind=`: the open list of one kind, a document read by `_id`. */
export interface OpenComplaintView {
  readonly reference: string;
  readonly kind: 'certificate' | 'body';
  readonly certificateNumber: string | null;
  readonly status: 'received' | 'investigating';
  readonly receivedAt: string;
  readonly answerDueBy: string;
  readonly escalated: boolean;
  readonly informationRequested: boolean;
  readonly surveillance: string;
}

/** `POST /complaints`: the acknowledgement. */
export interface ComplaintReceiptView {
  readonly reference: string;
  readonly receivedAt: string;
  readonly answerDueBy: string;
  readonly contactGiven: boolean;
}

/** `GET /registry/certificates/{number}/complaints`: counts only, never who complained. */
export interface ComplaintTallyView {
  readonly certificateNumber: string;
  readonly receivedLast12Months: number;
  readonly closedLast12Months: number;
}
// ---- end of complaints ----

// ---- evidence review: audit plans (issue 19, ADR 0037) ----
/** One step of a plan's man-day computation: a code the console words with its params; the steps add up. */
export interface ManDayLineView {
  readonly code: 'band' | 'outlets' | 'adjustment' | 'rounding' | 'outlet-minimum';
  readonly params: Readonly<Record<string, string | number | null>>;
  readonly total: number;
  readonly onSite: number;
}

export interface OutletSampleView {
  readonly kind: string;
  readonly seed: string;
  readonly rule: { readonly factorPercent: Readonly<Record<'initial' | 'surveillance' | 'recertification', number>>; readonly randomPercent: number };
  readonly population: number;
  readonly ruleSize: number;
  readonly requestedSize: number | null;
  readonly capped: boolean;
  readonly randomCount: number;
  readonly outlets: readonly { readonly id: string; readonly reason: string }[];
  readonly duplicates: readonly string[];
}

export interface AuditPlanView {
  readonly planId: string;
  readonly caseId: string;
  readonly kind: string;
  readonly mode: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly team: readonly { readonly personId: string; readonly role: string }[];
  readonly outletSample: OutletSampleView | null;
  readonly sites?: readonly { readonly id: string; readonly name: string; readonly address: string }[];
  readonly requirementIds: readonly string[];
  readonly manDays: { readonly tableVersion: string; readonly kind: string; readonly total: number; readonly onSite: number; readonly lines: readonly ManDayLineView[] };
}

export interface AuditOfProgrammeView {
  readonly kind: string;
  readonly planId: string;
  readonly status: 'none' | 'proposed' | 'change-requested' | 'confirmed' | 'cancelled';
  readonly revision: number;
  readonly version: number;
  readonly plan: AuditPlanView | null;
  /** The applicant's last request for a change, while the plan waits for a new revision. */
  readonly changeRequest: { readonly revision: number; readonly reason: string; readonly by: string } | null;
  /** A confirmed surveillance plan's site tasks, one per sampled outlet: open until its visit is recorded. Empty for other audits. */
  readonly siteTasks: readonly SiteTaskView[];
}

export interface SiteTaskView {
  readonly outletId: string;
  readonly status: 'open' | 'conforming' | 'finding';
  readonly finding: string | null;
  readonly recordedBy: string | null;
}

/** `GET /cases/{caseId}/audit-plans`: the audits of the case's current cycle with their plans. */
export interface AuditProgrammeView {
  readonly caseId: string;
  readonly cycle: number;
  /** Surveillance timers fired in this cycle: that many surveillance audits are due to be planned. */
  readonly surveillancesDue: number;
  /** What the plans' outlet ids name. */
  readonly outlets: readonly { readonly id: string; readonly name: string; readonly address: string }[];
  readonly employees: number | null;
  readonly audits: readonly AuditOfProgrammeView[];
  /** Outlets with a finding at an audit: the next audit's sample includes each of them. */
  readonly flaggedOutlets: readonly { readonly outletId: string; readonly planId: string; readonly finding: string }[];
}
/** `GET /audit-plans/due`: a surveillance timer fired and the audit's plan is still to be proposed. */
export interface AuditPlanDueView {
  readonly planId: string;
  readonly caseId: string;
  readonly organisationId: string;
  readonly kind: string;
  /** When the surveillance is due (an instant, as the lifecycle states it). */
  readonly dueBy: string;
}
/** `GET /site-visits`: an outlet the giver is to visit as an auditor of a confirmed surveillance plan (its open site task). */
export interface SiteVisitDueView {
  readonly planId: string;
  readonly caseId: string;
  readonly organisationId: string;
  readonly kind: string;
  readonly outletId: string;
  readonly outletName: string;
  readonly outletAddress: string;
  readonly startDate: string;
  readonly endDate: string;
}
// ---- end of evidence review: audit plans ----
