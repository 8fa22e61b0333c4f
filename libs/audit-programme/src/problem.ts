/**
 * Every problem the library finds with input, as a code with the names of its parameters: the
 * console words each in Chinese and English, and an HTTP answer (4xx problem+json) carries them.
 */
export const PROBLEM_CODES = {
  'man-days.employees-invalid': ['employees'],
  'man-days.outlets-invalid': ['outlets'],
  'man-days.adjustment-not-allowed': ['adjustment', 'tableVersion'],
  'man-days.adjustment-repeated': ['adjustment'],
  'man-days.adjustment-out-of-bounds': ['adjustment', 'percent', 'maxPercent'],
  'man-days.reductions-exceed-bound': ['percent', 'maxPercent'],
  'man-days.increases-exceed-bound': ['percent', 'maxPercent'],
  'sampling.seed-invalid': [],
  'sampling.outlet-id-blank': [],
  'sampling.requested-below-rule': ['requestedSize', 'ruleSize'],
  'audit-plan.id-blank': [],
  'audit-plan.date-invalid': ['field', 'value'],
  'audit-plan.dates-reversed': ['startDate', 'endDate'],
  'audit-plan.lead-count': ['leads'],
  'audit-plan.person-id-blank': [],
  'audit-plan.person-repeated': ['personId'],
  'audit-plan.team-too-small': ['auditors', 'days', 'onSite'],
  'audit-plan.kind-mismatch': ['part', 'kind'],
  'audit-plan.outlets-mismatch': ['visited', 'sampled'],
  'audit-plan.no-requirements': [],
  'audit-plan.requirement-repeated': ['requirementId'],
  'audit-plan.requirement-unknown': ['requirementId'],
} as const satisfies Record<string, readonly string[]>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** `message` is an English sentence for logs and developers (the HTTP `detail`); no screen shows it. */
export interface Problem {
  readonly code: ProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

type ParamsOf<C extends ProblemCode> = Record<(typeof PROBLEM_CODES)[C][number], string | number>;

export const problem = <C extends ProblemCode>(code: C, message: string, ...params: (typeof PROBLEM_CODES)[C] extends readonly [] ? [] : [ParamsOf<C>]): Problem => ({
  code,
  params: params[0] ?? {},
  message,
});

/** Thrown when input cannot be computed with: carries every problem, so a caller answers 4xx with all of them. */
export class InputProblems extends Error {
  constructor(
    what: string,
    readonly problems: readonly Problem[],
  ) {
    super(`${what}:\n- ${problems.map((p) => p.message).join('\n- ')}`);
    this.name = 'InputProblems';
  }
}
