import type { AuditStage } from '../audit-kinds';

/**
 * The sampling rule, IAF MD1 style: an audit visits ceil(factor × √n) of n outlets (at least one
 * when there are any), and at least randomPercent of the sample is chosen at random. Factors are
 * whole percent so that the rule is computed exactly (0.6 × √25 is 3, not 3.0000000000000004).
 */
export interface SamplingRule {
  readonly factorPercent: Readonly<Record<AuditStage, number>>;
  readonly randomPercent: number;
}

/** IAF MD1: √n initial, 0.6·√n surveillance, 0.8·√n recertification, rounded up; a quarter at random. */
export const IAF_MD1_SAMPLING: SamplingRule = Object.freeze({
  factorPercent: Object.freeze({ initial: 100, surveillance: 60, recertification: 80 }),
  randomPercent: 25,
});

/** The smallest k with k ≥ (factorPercent / 100) × √n, i.e. 10 000 k² ≥ factorPercent² n; at least 1 if n > 0. */
export function sampleSize(population: number, factorPercent: number): number {
  if (population === 0) return 0;
  const target = factorPercent * factorPercent * population;
  let k = Math.max(1, Math.floor((factorPercent * Math.sqrt(population)) / 100) - 1);
  while (10_000 * k * k < target) k++;
  return Math.max(1, k);
}

/** How many of a sample of this size are chosen at random: ceil(size × randomPercent / 100). */
export const randomShare = (size: number, randomPercent: number): number => Math.ceil((size * randomPercent) / 100);
