/** What a certification covers: product and service categories, sites and service outlets. */
export interface Scope {
  readonly productCategories: readonly string[];
  readonly serviceCategories: readonly string[];
  readonly sites: readonly string[];
  readonly outlets: readonly string[];
}

export const emptyScope: Scope = { productCategories: [], serviceCategories: [], sites: [], outlets: [] };

export type Level = 'compliant' | 'three-star' | 'four-star' | 'five-star';

/** 达标级 < 三星级 < 四星级 < 五星级 */
export const LEVELS: readonly Level[] = ['compliant', 'three-star', 'four-star', 'five-star'];

export const levelRank = (level: Level): number => LEVELS.indexOf(level);

export const LEVEL_NAMES: Record<Level, { zh: string; en: string }> = {
  compliant: { zh: '达标级', en: 'Compliant' },
  'three-star': { zh: '三星级', en: 'Three-star' },
  'four-star': { zh: '四星级', en: 'Four-star' },
  'five-star': { zh: '五星级', en: 'Five-star' },
};
