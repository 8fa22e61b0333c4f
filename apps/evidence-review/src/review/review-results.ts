import type { PlannedReview } from './review-state';

/** The review as the scoring service takes it (clause 6.2 input): findings, exclusions and special items, each with who recorded it. */
export function resultsFor(state: PlannedReview, openNonconformitiesWaived: boolean) {
  const findings = [];
  const exclusions = [];
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
