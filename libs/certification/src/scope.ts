/** What a certification covers: product and service categories, sites and service outlets. */
export interface Scope {
  readonly productCategories: readonly string[];
  readonly serviceCategories: readonly string[];
  readonly sites: readonly string[];
  readonly outlets: readonly string[];
}

export const emptyScope: Scope = { productCategories: [], serviceCategories: [], sites: [], outlets: [] };

export { LEVEL_NAMES, LEVELS, levelRank, type Level } from '@gbt/catalogue';
