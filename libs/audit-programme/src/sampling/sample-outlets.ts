import { stageOf, type AuditKind } from '../audit-kinds';
import { InputProblems, problem, type Problem } from '../problem';
import { IAF_MD1_SAMPLING, randomShare, sampleSize, type SamplingRule } from './sample-size';
import { SeededRandom } from './seeded-random';

/** Why an outlet deserves a visit beyond chance: the risk rules pick these first. */
export const OUTLET_RISKS = ['complaints', 'previous-nonconformity', 'new-outlet', 'changed-activities'] as const;
export type OutletRisk = (typeof OUTLET_RISKS)[number];

export interface SamplingOutlet {
  /** Stable across audits: previous samples refer to outlets by it. */
  readonly id: string;
  readonly risks?: readonly OutletRisk[];
}

export interface SamplingInput {
  readonly kind: AuditKind;
  readonly outlets: readonly SamplingOutlet[];
  /** The outlet ids sampled by the earlier audits of the programme, oldest audit first. */
  readonly previousSamples?: readonly (readonly string[])[];
  /** Recorded with the sample; the caller makes a fresh one per audit (e.g. 16 random bytes in hex). */
  readonly seed: string;
  /** A larger sample than the rule's, e.g. for risk; never a smaller one. */
  readonly requestedSize?: number;
}

/**
 * 'random': drawn by lot from all outlets; 'risk': has a risk flag; 'not-sampled-before': in no
 * earlier audit of the programme; 'least-recently-sampled': every outlet was visited before, this
 * one longest ago.
 */
export const SELECTION_REASONS = ['random', 'risk', 'not-sampled-before', 'least-recently-sampled'] as const;
export type SelectionReason = (typeof SELECTION_REASONS)[number];

export interface SampledOutlet {
  readonly id: string;
  readonly reason: SelectionReason;
}

export interface OutletSample {
  readonly kind: AuditKind;
  readonly seed: string;
  readonly rule: SamplingRule;
  /** Distinct outlets listed. */
  readonly population: number;
  /** What the rule asks for. */
  readonly ruleSize: number;
  readonly requestedSize: number | null;
  /** More were requested than there are outlets: every outlet is visited. */
  readonly capped: boolean;
  readonly randomCount: number;
  /** The random picks first, in the order drawn, then the rule's picks in priority order. */
  readonly outlets: readonly SampledOutlet[];
  /** Ids listed more than once (counted once). */
  readonly duplicates: readonly string[];
}

function inputProblems(input: SamplingInput, ruleSize: number): Problem[] {
  const problems: Problem[] = [];
  if (input.seed.trim() === '' || input.seed.length > 200) problems.push(problem('sampling.seed-invalid', 'the seed must be 1 to 200 characters, not blank'));
  if (input.outlets.some((o) => o.id.trim() === '')) problems.push(problem('sampling.outlet-id-blank', 'every outlet needs a non-blank id'));
  const requested = input.requestedSize;
  if (requested !== undefined && (!Number.isInteger(requested) || requested < ruleSize)) {
    problems.push(problem('sampling.requested-below-rule', `the requested sample size must be a whole number of at least the rule's ${ruleSize}, not ${requested}`, { requestedSize: String(requested), ruleSize }));
  }
  return problems;
}

/** One entry per id, sorted by code unit: the sample depends on the set of outlets, not on how the list was ordered. */
function distinctOutlets(outlets: readonly SamplingOutlet[]): { ids: string[]; risky: Set<string>; duplicates: string[] } {
  const counts = new Map<string, number>();
  const risky = new Set<string>();
  for (const outlet of outlets) {
    counts.set(outlet.id, (counts.get(outlet.id) ?? 0) + 1);
    if ((outlet.risks ?? []).length > 0) risky.add(outlet.id);
  }
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ids = [...counts.keys()].sort(byCodeUnit);
  return { ids, risky, duplicates: ids.filter((id) => (counts.get(id) ?? 0) > 1) };
}

/**
 * Chooses the outlets an audit visits. First randomCount of them by lot from all outlets, then
 * the rest by priority: outlets with a risk flag, then those no earlier audit visited, then those
 * visited longest ago; ties are settled by the same seeded lot. Every outlet with a risk flag is
 * visited: flagged outlets count within the rule's (non-random) picks, and when there are more of
 * them than those picks the sample grows to take them all; the random part is never displaced, so
 * the seed still reproduces it. The result is a function of
 * (the set of outlet ids and flags, the previous samples, the seed, the kind, the requested size).
 * Throws InputProblems (every problem) for input it cannot sample from.
 */
export function sampleOutlets(input: SamplingInput, rule: SamplingRule = IAF_MD1_SAMPLING): OutletSample {
  const { ids, risky, duplicates } = distinctOutlets(input.outlets);
  const ruleSize = sampleSize(ids.length, rule.factorPercent[stageOf(input.kind)]);
  const problems = inputProblems(input, ruleSize);
  if (problems.length > 0) throw new InputProblems('outlet sampling input is invalid', problems);
  const requested = input.requestedSize ?? ruleSize;
  const size = Math.min(requested, ids.length);
  const randomCount = randomShare(size, rule.randomPercent);

  const lot = new SeededRandom(input.seed);
  const drawn = lot.shuffled(ids);
  const randomPicks = drawn.slice(0, randomCount);
  const lastVisit = lastSampledIndex(input.previousSamples ?? []);
  const priority = (id: string) => [risky.has(id) ? 0 : 1, lastVisit.get(id) ?? -1] as const;
  // The remainder keeps the lot's order, so a stable sort by priority settles ties by lot.
  const ranked = drawn.slice(randomCount).sort((a, b) => priority(a)[0] - priority(b)[0] || priority(a)[1] - priority(b)[1]);
  // Every flagged outlet is visited: counted within the rule's picks, and the sample grows when there are more of them.
  const flaggedLeft = ranked.filter((id) => risky.has(id)).length;
  const rulePicks = ranked.slice(0, Math.max(size - randomCount, flaggedLeft));

  const reasonOf = (id: string): SelectionReason => (risky.has(id) ? 'risk' : lastVisit.has(id) ? 'least-recently-sampled' : 'not-sampled-before');
  return {
    kind: input.kind,
    seed: input.seed,
    rule,
    population: ids.length,
    ruleSize,
    requestedSize: input.requestedSize ?? null,
    capped: requested > ids.length,
    randomCount,
    outlets: [...randomPicks.map((id) => ({ id, reason: 'random' as const })), ...rulePicks.map((id) => ({ id, reason: reasonOf(id) }))],
    duplicates,
  };
}

/** For each outlet id, the index of the latest earlier audit that visited it (ids no longer listed are simply never asked for). */
function lastSampledIndex(previous: readonly (readonly string[])[]): Map<string, number> {
  const last = new Map<string, number>();
  previous.forEach((sample, index) => sample.forEach((id) => last.set(id, index)));
  return last;
}

/**
 * Draws a recorded sample again from the outlets and earlier samples it was drawn from, with its
 * recorded seed, rule and requested size: equal to the record unless one of those changed.
 */
export const redrawSample = (recorded: OutletSample, outlets: readonly SamplingOutlet[], previousSamples: readonly (readonly string[])[] = []): OutletSample =>
  sampleOutlets({ kind: recorded.kind, outlets, previousSamples, seed: recorded.seed, ...(recorded.requestedSize === null ? {} : { requestedSize: recorded.requestedSize }) }, recorded.rule);
