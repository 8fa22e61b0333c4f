import type { PlannedReview } from './review-state';

type Finding = { readonly id: string; readonly requirementId: string; readonly description: string; readonly recordedBy: string; readonly sample?: { readonly checked: number; readonly failed: number } };
type Exclusion = { readonly id: string; readonly reason: string; readonly recordedBy: string };
type SpecialItem = { readonly id: string; readonly description: string; readonly recordedBy: string };

/** The data of `review.results-published`. */
export type ReviewResults = {
  readonly caseId: string;
  readonly catalogueVersion: string;
  readonly findings: readonly Finding[];
  readonly exclusions: readonly Exclusion[];
  readonly specialDeductions: readonly SpecialItem[];
  readonly specialBonuses: readonly SpecialItem[];
  readonly openNonconformitiesWaived: boolean;
};

/** The review as the scoring service takes it (clause 6.2 input): findings, exclusions and special items, each with who recorded it. */
export function resultsFor(state: PlannedReview, openNonconformitiesWaived: boolean): ReviewResults {
  const findings: Finding[] = [];
  const exclusions: Exclusion[] = [];
  for (const [requirementId, { assessment, by }] of Object.entries(state.assessments)) {
    const id = `finding-${requirementId}`;
    if (assessment.outcome === 'nonconformity') findings.push({ id, requirementId, description: assessment.finding, recordedBy: by });
    if (assessment.outcome === 'sampled') {
      const description = assessment.finding ?? `${assessment.sample.failed} of ${assessment.sample.checked} samples failed`;
      findings.push({ id, requirementId, description, recordedBy: by, sample: assessment.sample });
    }
    if (assessment.outcome === 'not-applicable') exclusions.push({ id: requirementId, reason: assessment.justification, recordedBy: by });
  }
  const items = (kind: 'deduction' | 'bonus') =>
    state.specialItems.filter((i) => i.kind === kind).map((i) => ({ id: i.itemId, description: i.description, recordedBy: i.by }));
  return {
    caseId: state.caseId,
    catalogueVersion: state.catalogueVersion,
    findings,
    exclusions,
    specialDeductions: items('deduction'),
    specialBonuses: items('bonus'),
    openNonconformitiesWaived,
  };
}
