// What evidence review's GET /cases/{caseId}/audit-plans answers (apps/evidence-review/src/audit-plans).
// Written out here, not imported from @gbt/audit-programme, which the browser bundle does not carry.

export const AUDIT_MODES = ['on-site', 'remote', 'combined'] as const;
export const ADJUSTMENT_CODES = [
  'complex-products',
  'many-product-categories',
  'complaints-received',
  'previous-major-nonconformities',
  'interpreter-needed',
  'narrow-scope',
  'other-certification-recognised',
  'no-nonconformities-last-audit',
] as const;

export interface ManDayLine {
  readonly code: 'band' | 'outlets' | 'adjustment' | 'rounding' | 'outlet-minimum';
  readonly params: Readonly<Record<string, string | number | null>>;
  readonly total: number;
  readonly onSite: number;
}

export interface OutletSample {
  readonly kind: string;
  readonly seed: string;
  readonly rule: { readonly factorPercent: Readonly<Record<'initial' | 'surveillance' | 'recertification', number>>; readonly randomPercent: number };
  readonly population: number;
  readonly ruleSize: number;
  readonly requestedSize: number | null;
  readonly capped: boolean;
  readonly randomCount: number;
  readonly outlets: readonly { readonly id: string; readonly reason: string }[];
}

export interface AuditPlan {
  readonly planId: string;
  readonly kind: string;
  readonly mode: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly team: readonly { readonly personId: string; readonly role: string }[];
  readonly outletSample: OutletSample | null;
  readonly requirementIds: readonly string[];
  readonly manDays: { readonly tableVersion: string; readonly total: number; readonly onSite: number; readonly lines: readonly ManDayLine[] };
}

export interface AuditOfProgramme {
  readonly kind: string;
  readonly planId: string;
  readonly status: 'none' | 'proposed' | 'change-requested' | 'confirmed' | 'cancelled';
  readonly revision: number;
  readonly plan: AuditPlan | null;
  readonly changeRequest: { readonly revision: number; readonly reason: string; readonly by: string } | null;
}

export interface AuditProgrammeView {
  readonly caseId: string;
  readonly cycle: number;
  readonly surveillancesDue: number;
  readonly outlets: readonly { readonly id: string; readonly name: string; readonly address: string }[];
  readonly employees: number | null;
  readonly audits: readonly AuditOfProgramme[];
}

/** The sampling stage of an audit kind: both surveillances alike. */
export const stageOf = (kind: string) => (kind.startsWith('surveillance') ? 'surveillance' : kind) as 'initial' | 'surveillance' | 'recertification';
