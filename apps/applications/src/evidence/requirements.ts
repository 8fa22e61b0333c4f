import { findRequirement, getCatalogue } from '@gbt/catalogue';

/** Why a document cannot be attached to this requirement of the case's catalogue version, or null. */
export function requirementProblem(catalogueVersion: string, requirementId: string): string | null {
  const catalogue = getCatalogue(catalogueVersion);
  if (!catalogue) return `catalogue version ${catalogueVersion} is not published`;
  const requirement = findRequirement(catalogue, requirementId);
  if (!requirement) return `requirement ${requirementId} does not exist in catalogue ${catalogueVersion}`;
  return null;
}
