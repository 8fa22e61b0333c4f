import type { Catalogue, Category, Indicator, Requirement } from './model';

/** A requirement with the indicator and category it belongs to, for explanations and reports. */
export interface LocatedRequirement {
  readonly category: Category;
  readonly indicator: Indicator;
  readonly requirement: Requirement;
}

/** Every requirement in catalogue order, scored or not. */
export function allRequirements(catalogue: Catalogue): readonly LocatedRequirement[] {
  return catalogue.categories.flatMap((category) =>
    category.indicators.flatMap((indicator) => indicator.requirements.map((requirement) => ({ category, indicator, requirement }))),
  );
}

export function locateRequirement(catalogue: Catalogue, requirementId: string): LocatedRequirement | undefined {
  return allRequirements(catalogue).find((located) => located.requirement.id === requirementId);
}

/** undefined means the id is not part of this catalogue version (e.g. a finding against another version). */
export function findRequirement(catalogue: Catalogue, requirementId: string): Requirement | undefined {
  return locateRequirement(catalogue, requirementId)?.requirement;
}

export function findIndicator(catalogue: Catalogue, indicatorId: string): Indicator | undefined {
  return catalogue.categories.flatMap((category) => category.indicators).find((indicator) => indicator.id === indicatorId);
}

/** Points of the scored requirements under a category or indicator. */
export function pointsOf(node: Category | Indicator): number {
  const requirements = 'indicators' in node ? node.indicators.flatMap((i) => i.requirements) : node.requirements;
  return requirements.filter((r) => r.scored).reduce((total, r) => total + r.points, 0);
}
