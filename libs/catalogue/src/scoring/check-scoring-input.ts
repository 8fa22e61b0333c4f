import { findIndicator, locateRequirement } from '../lookup';
import type { Catalogue } from '../model';
import type { ScoringInput, ScoringRules } from './scoring-model';

const duplicates = (ids: readonly string[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

/**
 * Input that cannot be scored is refused with every reason, rather than scored in some guessed way:
 * a score that ignored a finding would be a wrong certificate.
 */
export function scoringInputProblems(catalogue: Catalogue, input: ScoringInput, rules: ScoringRules): string[] {
  const problems: string[] = [];
  const excluded = new Set<string>();
  for (const exclusion of input.exclusions ?? []) {
    const indicator = findIndicator(catalogue, exclusion.id);
    if (indicator) indicator.requirements.forEach((r) => excluded.add(r.id));
    else if (locateRequirement(catalogue, exclusion.id)) excluded.add(exclusion.id);
    else problems.push(`exclusion ${exclusion.id} is not an indicator or requirement of catalogue ${catalogue.version}`);
    if (exclusion.reason.trim() === '') problems.push(`exclusion ${exclusion.id} gives no reason`);
  }
  for (const finding of input.findings) {
    const where = `finding ${finding.id}`;
    const requirement = locateRequirement(catalogue, finding.requirementId)?.requirement;
    if (!requirement) {
      problems.push(`${where} refers to ${finding.requirementId}, which is not a requirement of catalogue ${catalogue.version}`);
      continue;
    }
    if (!requirement.scored) problems.push(`${where}: requirement ${requirement.id} carries no points; record it against a scored requirement`);
    if (excluded.has(requirement.id)) problems.push(`${where}: requirement ${requirement.id} is excluded, so it cannot have a finding`);
    if (finding.recordedBy.trim() === '') problems.push(`${where} does not say who recorded it`);
    const sample = finding.sample;
    if (sample && !requirement.sampled) problems.push(`${where} has sample counts but requirement ${requirement.id} is not sampled`);
    if (sample && !(Number.isInteger(sample.checked) && sample.checked > 0)) problems.push(`${where}: checked must be a whole number above 0, not ${sample.checked}`);
    if (sample && !(Number.isInteger(sample.failed) && sample.failed >= 0 && sample.failed <= sample.checked)) {
      problems.push(`${where}: failed must be a whole number from 0 to checked (${sample.checked}), not ${sample.failed}`);
    }
  }
  const ids = (items: readonly { id: string }[] | undefined) => (items ?? []).map((item) => item.id);
  for (const id of duplicates(ids(input.findings))) problems.push(`finding id ${id} is used more than once`);
  for (const id of duplicates([...ids(input.specialDeductions), ...ids(input.specialBonuses)])) problems.push(`special item id ${id} is used more than once`);
  const bonuses = input.specialBonuses?.length ?? 0;
  if (bonuses > rules.maxSpecialBonuses) problems.push(`${bonuses} special bonus items given; at most ${rules.maxSpecialBonuses} may be awarded`);
  const applicable = catalogue.categories.flatMap((c) => c.indicators.flatMap((i) => i.requirements)).some((r) => r.scored && !excluded.has(r.id));
  if (!applicable) problems.push('every scored requirement is excluded: there is nothing to score');
  return problems;
}
