import type { Catalogue, Requirement } from '../model';
import { scoringInputProblems } from './check-scoring-input';
import {
  DEFAULT_SCORING_RULES,
  type Exclusion,
  type Finding,
  type FindingEffect,
  type Points,
  type RequirementScore,
  type ScoreOutcome,
  type ScoringInput,
  type ScoringRules,
} from './scoring-model';

/**
 * One decimal, half up. The level is read from this rounded score, so the published number and
 * the level always agree (69.95 shows as 70.0 and passes). toFixed first removes binary noise
 * such as 699.4999999999999 for 69.95 * 10.
 */
export const roundScore = (value: number): number => Math.round(Number((value * 10).toFixed(6))) / 10;

const total = (parts: readonly Points[]): Points => ({
  available: parts.reduce((sum, p) => sum + p.available, 0),
  obtained: parts.reduce((sum, p) => sum + p.obtained, 0),
  lost: parts.reduce((sum, p) => sum + p.lost, 0),
});

const effect = (finding: Finding, lost: number): FindingEffect => ({
  findingId: finding.id,
  description: finding.description,
  recordedBy: finding.recordedBy,
  sample: finding.sample ? { checked: finding.sample.checked, failed: finding.sample.failed } : null,
  lost,
});

/**
 * Clause 6.2: a qualitative nonconformity costs all the points (shared equally between such
 * findings, so the explanation does not depend on their order); otherwise samples are pooled and
 * the requirement loses points * failed / checked, each finding carrying its own failed samples.
 */
function requirementScore(requirement: Requirement, exclusion: Exclusion | null, findings: readonly Finding[]): RequirementScore {
  const { id, name, points, scored, method, sampled } = requirement;
  const base = { id, name, points, scored, method, sampled, exclusion };
  if (exclusion || !scored) return { ...base, available: 0, obtained: 0, lost: 0, findings: findings.map((f) => effect(f, 0)) };
  const qualitative = findings.filter((f) => !f.sample);
  if (qualitative.length > 0) {
    const share = points / qualitative.length;
    return { ...base, available: points, obtained: 0, lost: points, findings: findings.map((f) => effect(f, f.sample ? 0 : share)) };
  }
  const checked = findings.reduce((sum, f) => sum + (f.sample?.checked ?? 0), 0);
  const lostBy = (f: Finding) => (checked > 0 ? (points * (f.sample?.failed ?? 0)) / checked : 0);
  const lost = findings.reduce((sum, f) => sum + lostBy(f), 0);
  return { ...base, available: points, obtained: points - lost, lost, findings: findings.map((f) => effect(f, lostBy(f))) };
}

/** Scores findings against a catalogue per GB/T 27922-2011 clause 6.2, explaining every point. */
export function score(catalogue: Catalogue, input: ScoringInput, rules: ScoringRules = DEFAULT_SCORING_RULES): ScoreOutcome {
  const problems = scoringInputProblems(catalogue, input, rules);
  if (problems.length > 0) return { ok: false, problems };

  const exclusions = new Map((input.exclusions ?? []).map((e) => [e.id, e]));
  const findingsOf = (requirementId: string) => input.findings.filter((f) => f.requirementId === requirementId);
  const categories = catalogue.categories.map((category) => {
    const indicators = category.indicators.map((indicator) => {
      const indicatorExclusion = exclusions.get(indicator.id) ?? null;
      const requirements = indicator.requirements.map((r) => requirementScore(r, indicatorExclusion ?? exclusions.get(r.id) ?? null, findingsOf(r.id)));
      return { id: indicator.id, name: indicator.name, exclusion: indicatorExclusion, requirements, ...total(requirements) };
    });
    return { id: category.id, name: category.name, totalPoints: category.totalPoints, indicators, ...total(indicators) };
  });

  const points = total(categories);
  const baseScore = (100 * points.obtained) / points.available;
  const specialDeductions = input.specialDeductions ?? [];
  const specialBonuses = input.specialBonuses ?? [];
  const adjusted = baseScore - specialDeductions.length * rules.specialDeductionPoints + specialBonuses.length * rules.specialBonusPoints;
  const final = roundScore(Math.min(100, Math.max(0, adjusted)));

  const levels = [...rules.levels].sort((a, b) => b.minScore - a.minScore);
  const reached = levels.find((l) => final >= l.minScore);
  const passMark = Math.min(...levels.map((l) => l.minScore));
  const failReasons = [
    ...(reached ? [] : [`score ${final.toFixed(1)} is below the pass mark of ${passMark}`]),
    ...(specialDeductions.length >= rules.failAtSpecialDeductions
      ? [`${specialDeductions.length} special deduction items: ${rules.failAtSpecialDeductions} or more fail the evaluation`]
      : []),
  ];
  const passed = failReasons.length === 0;
  return {
    ok: true,
    scorecard: {
      catalogueVersion: catalogue.version,
      ...points,
      baseScore,
      specialDeductions,
      specialBonuses,
      score: final,
      passed,
      level: passed && reached ? reached.level : null,
      failReasons,
      categories,
    },
  };
}
