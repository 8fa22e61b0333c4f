/**
 * The certification levels of GB/T 27922 and their order: vocabulary that the lifecycle (which
 * grants a level), the scoring (which supports one) and every consumer of the public contract
 * share. It lives here, in a shared domain library, so that none of them imports another's model.
 */
export type Level = 'compliant' | 'three-star' | 'four-star' | 'five-star';

/** 达标级 < 三星级 < 四星级 < 五星级 */
export const LEVELS = ['compliant', 'three-star', 'four-star', 'five-star'] as const satisfies readonly Level[];

export const levelRank = (level: Level): number => LEVELS.indexOf(level);

export const LEVEL_NAMES: Record<Level, { zh: string; en: string }> = {
  compliant: { zh: '达标级', en: 'Compliant' },
  'three-star': { zh: '三星级', en: 'Three-star' },
  'four-star': { zh: '四星级', en: 'Four-star' },
  'five-star': { zh: '五星级', en: 'Five-star' },
};
