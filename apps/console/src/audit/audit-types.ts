// The audit plan's codes the console's forms offer: written out here, not imported from
// @gbt/audit-programme, which the browser bundle does not carry (a test holds them equal).
// The answers' types are the contract's views (libs/contracts/src/views.ts).

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

export type { AuditOfProgrammeView as AuditOfProgramme, AuditPlanView as AuditPlan, AuditProgrammeView, ManDayLineView as ManDayLine, OutletSampleView as OutletSample } from '@gbt/contracts/views';

/** The sampling stage of an audit kind: both surveillances alike. */
export const stageOf = (kind: string) => (kind.startsWith('surveillance') ? 'surveillance' : kind) as 'initial' | 'surveillance' | 'recertification';
