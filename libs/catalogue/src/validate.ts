import { catalogueSchema, describePath } from './catalogue-schema';
import { checkData, loadData } from './versioned-data';
import { SAMPLING_METHODS, SCHEME_TOTAL_POINTS, type Catalogue, type Localised, type Requirement } from './model';

/** Thrown by loadCatalogue: carries every problem so a body can fix its catalogue in one pass. */
export class CatalogueError extends Error {
  constructor(readonly version: string, readonly problems: readonly string[]) {
    super(`catalogue ${version} is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'CatalogueError';
  }
}

// Points may be fractional in a body's allocation; sums of binary fractions are compared with slack.
const EPSILON = 1e-9;
const same = (a: number, b: number) => Math.abs(a - b) < EPSILON;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const CHINESE = /[\u3400-\u9fff]/;

function translationProblems(what: string, field: string, value: Localised): string[] {
  const problems: string[] = [];
  if (value.zh.trim() === '') problems.push(`${what} has no Chinese ${field}`);
  else if (!CHINESE.test(value.zh)) problems.push(`${what} has a Chinese ${field} without Chinese characters: "${value.zh}"`);
  if (value.en.trim() === '') problems.push(`${what} has no English ${field}`);
  return problems;
}

function requirementProblems(r: Requirement): string[] {
  const what = `requirement ${r.id}`;
  const problems = [...translationProblems(what, 'name', r.name), ...translationProblems(what, 'text', r.text)];
  r.evidence.forEach((item, i) => problems.push(...translationProblems(what, `evidence item ${i + 1}`, item)));
  if (r.notes) problems.push(...translationProblems(what, 'guidance', r.notes.guidance), ...translationProblems(what, 'evaluator notes', r.notes.evaluatorNotes));
  if (!Number.isFinite(r.points) || r.points < 0) problems.push(`${what} has invalid points ${r.points}`);
  else if (r.scored && r.points <= 0) problems.push(`${what} is scored but has ${r.points} points`);
  else if (!r.scored && r.points !== 0) problems.push(`${what} is not scored but has ${r.points} points; set points to 0`);
  if (r.scored && r.evidence.length === 0) problems.push(`${what} lists no expected evidence`);
  if (r.method === 'sampled' && !r.sampled) problems.push(`${what} uses method 'sampled' but is not flagged sampled`);
  if (r.sampled && !SAMPLING_METHODS.includes(r.method)) {
    problems.push(`${what} is flagged sampled but its method '${r.method}' does not sample (use ${SAMPLING_METHODS.join(', ')})`);
  }
  if (!r.scored && r.sampled) problems.push(`${what} is not scored, so it cannot be sampled`);
  return problems;
}

function meaningProblems(c: Catalogue): string[] {
  const problems = translationProblems(`catalogue ${c.version}`, 'title', c.title);
  if (c.publisher.trim() === '') problems.push(`catalogue ${c.version} names no publisher`);
  const uses = new Map<string, number>();
  const use = (id: string) => uses.set(id, (uses.get(id) ?? 0) + 1);
  if (c.categories.length === 0) problems.push('the catalogue has no categories');
  for (const category of c.categories) {
    use(category.id);
    const what = `category ${category.id}`;
    problems.push(...translationProblems(what, 'name', category.name));
    if (category.indicators.length === 0) problems.push(`${what} has no indicators`);
    const points: number[] = [];
    for (const indicator of category.indicators) {
      use(indicator.id);
      problems.push(...translationProblems(`indicator ${indicator.id}`, 'name', indicator.name));
      if (!indicator.requirements.some((r) => r.scored)) problems.push(`indicator ${indicator.id} has no scored requirement`);
      for (const requirement of indicator.requirements) {
        use(requirement.id);
        problems.push(...requirementProblems(requirement));
        points.push(requirement.points);
      }
    }
    if (!same(sum(points), category.totalPoints)) {
      problems.push(`${what} (${category.name.en}): requirement points sum to ${sum(points)}, not its total of ${category.totalPoints}`);
    }
  }
  const totals = sum(c.categories.map((category) => category.totalPoints));
  if (!same(totals, SCHEME_TOTAL_POINTS)) problems.push(`category totals sum to ${totals}, not ${SCHEME_TOTAL_POINTS}`);
  for (const [id, count] of uses) if (count > 1) problems.push(`duplicate id ${id}: used ${count} times`);
  return problems;
}

const check = (data: unknown) => checkData(catalogueSchema, data, (issue) => `${describePath(data, issue.path)}: ${issue.message}`, meaningProblems);

/** Every problem with a catalogue; empty means valid. Accepts any data, e.g. a body's uploaded JSON. */
export function validateCatalogue(data: unknown): readonly string[] {
  return check(data).problems;
}

/** The validated, frozen catalogue (shared by every score computed against it); throws CatalogueError listing every problem. */
export function loadCatalogue(data: unknown): Catalogue {
  return loadData(check(data), data, (version, problems) => new CatalogueError(version, problems));
}
