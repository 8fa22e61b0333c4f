import { gbt27922v1Data } from './data/gbt27922-2011-v1';
import type { Catalogue } from './model';
import { createCatalogueRegistry } from './registry';
import { CatalogueError, loadCatalogue, validateCatalogue } from './validate';

// A writable copy of the default data to break in one place per test.
type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
const copy = (): Mutable<Catalogue> => structuredClone(gbt27922v1Data) as Mutable<Catalogue>;
const requirementOf = (c: Mutable<Catalogue>, category: number, indicator: number, requirement: number) =>
  c.categories[category]!.indicators[indicator]!.requirements[requirement]!;

const problemsOf = (data: unknown): string[] => {
  try {
    loadCatalogue(data);
  } catch (error) {
    if (error instanceof CatalogueError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the catalogue to be rejected');
};

describe('validateCatalogue and loadCatalogue', () => {
  it("accepts a body's own version with a different allocation that still sums right", () => {
    const own = copy();
    own.version = 'acme-cert.2025.1';
    requirementOf(own, 0, 0, 0).points = 4; // 5.1.1.1 3 -> 4
    requirementOf(own, 0, 0, 1).points = 2; // 5.1.1.2 3 -> 2
    expect(validateCatalogue(own)).toEqual([]);
    expect(loadCatalogue(own).version).toBe('acme-cert.2025.1');
  });

  it('rejects a duplicate id, naming it', () => {
    const broken = copy();
    requirementOf(broken, 0, 1, 1).id = '5.1.2.1';
    expect(problemsOf(broken)).toEqual(['duplicate id 5.1.2.1: used 2 times']);
  });

  it('rejects points that do not add up to the category total, with the sum found', () => {
    const broken = copy();
    requirementOf(broken, 1, 0, 0).points = 4;
    expect(problemsOf(broken)).toEqual(['category 5.2 (Product service): requirement points sum to 36, not its total of 35']);
  });

  it('rejects category totals that do not add up to 100', () => {
    const broken = copy();
    broken.categories[2]!.totalPoints = 26;
    requirementOf(broken, 2, 0, 0).points = 4;
    expect(problemsOf(broken)).toEqual(['category totals sum to 101, not 100']);
  });

  it('rejects missing or untranslated names and texts', () => {
    const broken = copy();
    requirementOf(broken, 0, 2, 0).name = { zh: '经费保障', en: ' ' };
    requirementOf(broken, 2, 1, 0).text = { zh: 'Complaint channels are published', en: 'Complaint channels are published' };
    broken.categories[1]!.indicators[2]!.name = { zh: '', en: 'Delivery' };
    // In catalogue order.
    expect(problemsOf(broken)).toEqual([
      'requirement 5.1.3.1 has no English name',
      'indicator 5.2.3 has no Chinese name',
      'requirement 5.3.2.1 has a Chinese text without Chinese characters: "Complaint channels are published"',
    ]);
  });

  it('reports a translation key that is missing altogether by its path', () => {
    const broken = copy() as unknown as { categories: { indicators: { requirements: { name: Record<string, string> }[] }[] }[] };
    delete broken.categories[0]!.indicators[1]!.requirements[1]!.name['en'];
    expect(validateCatalogue(broken)).toEqual(['categories[5.1].indicators[5.1.2].requirements[5.1.2.2].name.en: is missing']);
  });

  it('rejects scored requirements without points and unscored ones with points', () => {
    const broken = copy();
    requirementOf(broken, 0, 0, 2).points = 1; // 5.1.1.3 explanatory
    requirementOf(broken, 0, 0, 0).points = 0; // 5.1.1.1
    requirementOf(broken, 0, 0, 1).points = 5; // keeps 5.1 at 40
    expect(problemsOf(broken)).toEqual([
      'requirement 5.1.1.1 is scored but has 0 points',
      'requirement 5.1.1.3 is not scored but has 1 points; set points to 0',
    ]);
  });

  it('rejects sampling flags that contradict the method', () => {
    const broken = copy();
    requirementOf(broken, 0, 1, 0).sampled = false; // 5.1.2.1, method 'sampled'
    requirementOf(broken, 0, 1, 1).sampled = true; // 5.1.2.2, method 'document-review'
    expect(problemsOf(broken)).toEqual([
      "requirement 5.1.2.1 uses method 'sampled' but is not flagged sampled",
      "requirement 5.1.2.2 is flagged sampled but its method 'document-review' does not sample (use sampled, mystery-shopper, customer-survey)",
    ]);
  });

  it('rejects an unknown evaluation method and a misspelt key, reporting both at once', () => {
    const broken = copy() as unknown as { categories: { indicators: { requirements: Record<string, unknown>[] }[] }[] };
    const requirement = broken.categories[2]!.indicators[0]!.requirements[0]!;
    requirement['method'] = 'telepathy';
    requirement['sampeld'] = true;
    expect(validateCatalogue(broken)).toEqual([
      'categories[5.3].indicators[5.3.1].requirements[5.3.1.1].method: Invalid option: expected one of "document-review"|"on-site"|"sampled"|"mystery-shopper"|"customer-survey"',
      'categories[5.3].indicators[5.3.1].requirements[5.3.1.1]: Unrecognized key: "sampeld"',
    ]);
  });

  it('names the version in the error message and lists every problem', () => {
    const broken = copy();
    requirementOf(broken, 0, 1, 1).id = '5.1.2.1';
    requirementOf(broken, 1, 0, 0).points = 4;
    expect(() => loadCatalogue(broken)).toThrow(
      'catalogue gbt27922-2011.v1 is invalid:\n- category 5.2 (Product service): requirement points sum to 36, not its total of 35\n- duplicate id 5.1.2.1: used 2 times',
    );
  });

  it('rejects something that is not a catalogue at all', () => {
    expect(validateCatalogue(null)).toEqual(['catalogue: Invalid input: expected object, received null']);
  });

  it('refuses to register the same version twice', () => {
    expect(() => createCatalogueRegistry([gbt27922v1Data, copy()])).toThrow('catalogue version gbt27922-2011.v1 is registered twice');
  });
});

