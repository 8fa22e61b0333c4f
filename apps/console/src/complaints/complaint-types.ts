/** The certificates service's complaint answers, as the console reads them (apps/certificates/src/complaints). */
export interface InformationRequest {
  readonly requestId: string;
  readonly question: string;
  readonly dueBy: string;
  readonly answer: string | null;
}

export interface ComplaintHistoryEntry {
  readonly type: string;
  readonly at: string;
  readonly actor?: string;
  readonly data: Record<string, unknown>;
}

export interface ComplaintCommon {
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
  readonly requests: readonly InformationRequest[];
  readonly history: readonly ComplaintHistoryEntry[];
}

/** What the staff who handle complaints see: the complainant's words and contact details too. */
export interface StaffComplaint extends ComplaintCommon {
  readonly description: string;
  readonly contact: { readonly name: string | null; readonly phone: string | null; readonly email: string | null } | null;
  readonly escalated: boolean;
}

export interface OpenComplaintItem {
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

export interface ComplaintReceipt {
  readonly reference: string;
  readonly receivedAt: string;
  readonly answerDueBy: string;
  readonly contactGiven: boolean;
}

export const REJECTION_CODES = ['out-of-scope', 'not-after-sales-service', 'duplicate', 'no-certificate', 'insufficient-information'] as const;
export const OUTCOMES = ['unfounded', 'founded-corrective-action', 'founded-suspension'] as const;
