import type { Scorecard } from '@gbt/catalogue';

const requirementPoints = (s: Scorecard) =>
  new Map(s.categories.flatMap((c) => c.indicators.flatMap((i) => i.requirements.map((r) => [r.id, { available: r.available, obtained: r.obtained }] as const))));

/** What changed between two scorecards, possibly under different catalogue versions, requirement by requirement. */
export function compareScorecards(from: Scorecard, to: Scorecard) {
  const before = requirementPoints(from);
  const after = requirementPoints(to);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  return {
    catalogueVersion: { from: from.catalogueVersion, to: to.catalogueVersion },
    score: { from: from.score, to: to.score, delta: Math.round((to.score - from.score) * 10) / 10 },
    level: { from: from.level, to: to.level },
    passed: { from: from.passed, to: to.passed },
    requirements: ids
      .map((id) => ({ id, from: before.get(id) ?? null, to: after.get(id) ?? null }))
      .filter((r) => r.from?.available !== r.to?.available || r.from?.obtained !== r.to?.obtained),
  };
}
