import type { Reasoned } from './reasons';
import type { Level, Scope } from './scope';

export interface Evidence {
  readonly requirementId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
}

export interface Nonconformity {
  readonly requirementId: string;
  readonly finding: string;
  readonly recordedBy: string;
  readonly rectifyBy: string;
  readonly open: boolean;
}

export interface ScoreSummary {
  readonly scorecardId: string;
  readonly catalogueVersion: string;
  readonly score: number;
  readonly level: Level | null;
  readonly specialDeductions: number;
}

export interface Certificate {
  readonly number: string;
  readonly level: Level;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly cycle: number;
  readonly nextSurveillanceBy: string;
}

export type EvaluationPhase = 'document-review' | 'on-site' | 'ready-for-scoring' | 'decision-pending';

/** What every case knows once drafted. */
export interface CaseFile {
  readonly caseId: string;
  readonly organisationId: string;
  readonly catalogueVersion: string;
  readonly scope: Scope;
  readonly evidence: Readonly<Record<string, Evidence>>;
  /** People with a declared conflict of interest: they may neither evaluate nor decide. */
  readonly conflicts: readonly string[];
  /** People who took part in the current cycle's evaluation: they may not decide it. */
  readonly evaluators: readonly string[];
  readonly nonconformities: Readonly<Record<string, Nonconformity>>;
  readonly score: ScoreSummary | null;
  /** An upheld appeal set the level decision aside (ADR 0038): the level is decided again, not by `setAsideBy`. */
  readonly levelReopened?: { readonly appealId: string; readonly setAsideBy: string; readonly reopenedBy?: string };
}

/** What a withdrawal interrupted: an upheld appeal against it returns the case there (ADR 0038). */
/** `surveillanceDueBy`: a surveillance was due when the withdrawal came (it is due again when the withdrawal is set aside). */
export type WithdrawnFrom = { readonly status: 'certified'; readonly surveillanceDueBy?: string | null } | (Reasoned & { readonly status: 'suspended'; readonly until: string });

/** A case that ended or stopped has a reason: a person's words, or one the lifecycle worded with a code (reasons.ts). */
export type CaseState =
  | { readonly status: 'none' }
  | (CaseFile & { readonly status: 'draft' })
  /** `barred`: who took the refusal an upheld appeal set aside; they review the application no more. */
  | (CaseFile & { readonly status: 'submitted'; readonly barred?: readonly string[] })
  | (CaseFile & Reasoned & { readonly status: 'refused' })
  | (CaseFile & Reasoned & { readonly status: 'application-withdrawn' })
  | (CaseFile & { readonly status: 'under-evaluation'; readonly phase: EvaluationPhase })
  | (CaseFile & Reasoned & { readonly status: 'not-certified' })
  | (CaseFile & { readonly status: 'decision-pending' })
  | (CaseFile & { readonly status: 'certified'; readonly certificate: Certificate; readonly surveillanceDueBy: string | null })
  | (CaseFile & Reasoned & { readonly status: 'suspended'; readonly certificate: Certificate; readonly until: string })
  | (CaseFile & { readonly status: 'recertifying'; readonly certificate: Certificate; readonly phase: EvaluationPhase })
  | (CaseFile & Reasoned & { readonly status: 'withdrawn'; readonly certificate: Certificate; readonly before?: WithdrawnFrom })
  | (CaseFile & Reasoned & { readonly status: 'cancelled'; readonly certificate: Certificate })
  | (CaseFile & { readonly status: 'expired'; readonly certificate: Certificate });

export type CaseStatus = CaseState['status'];

export const initialState: CaseState = { status: 'none' };

/** A record's own entry: ids come from requests, and "constructor" must not find Object's. */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

export type StateOf<S extends CaseStatus> = Extract<CaseState, { status: S }>;
