import { defaultRequirementNotes, withNotes } from './data/notes';
import { allRequirements } from './lookup';
import { defaultCatalogue } from './registry';
import { validateCatalogue } from './validate';

const CHINESE = /[\u3400-\u9fff]/;

describe('guidance and evaluator notes of the default catalogue', () => {
  const requirements = allRequirements(defaultCatalogue).map((l) => l.requirement);

  it('covers all 40 requirements: 39 scored and the explanatory 5.1.1.3', () => {
    expect(requirements).toHaveLength(40);
    expect(requirements.filter((r) => r.scored)).toHaveLength(39);
  });

  it.each(requirements.map((r) => [r.id, r] as const))('%s has non-empty zh and en guidance and evaluator notes', (_id, r) => {
    for (const text of [r.notes?.guidance, r.notes?.evaluatorNotes]) {
      expect(text?.zh.trim()).toMatch(CHINESE);
      expect(text?.en.trim().length).toBeGreaterThan(40);
    }
  });

  it('gives every requirement its own words: no two requirements share a note', () => {
    const texts = requirements.flatMap((r) => [r.notes?.guidance.zh, r.notes?.guidance.en, r.notes?.evaluatorNotes.zh, r.notes?.evaluatorNotes.en]);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('refuses notes for a requirement the catalogue does not have', () => {
    const stray = { ...defaultRequirementNotes, '9.9.9': defaultRequirementNotes['5.1.1.1'] };
    expect(() => withNotes(defaultCatalogue, stray)).toThrow('9.9.9');
  });

  it('validates notes like every other text: both languages, Chinese characters in zh, no unknown keys', () => {
    const edit = (notes: unknown) => ({
      ...defaultCatalogue,
      categories: defaultCatalogue.categories.map((c, ci) => ({
        ...c,
        indicators: c.indicators.map((i, ii) => ({ ...i, requirements: i.requirements.map((r, ri) => (ci + ii + ri === 0 ? { ...r, notes } : r)) })),
      })),
    });
    const good = defaultRequirementNotes['5.1.1.1'];
    expect(validateCatalogue(edit({ ...good, guidance: { zh: '', en: 'x' } }))).toEqual(['requirement 5.1.1.1 has no Chinese guidance']);
    expect(validateCatalogue(edit({ ...good, evaluatorNotes: { zh: 'check', en: '' } }))).toEqual([
      'requirement 5.1.1.1 has a Chinese evaluator notes without Chinese characters: "check"',
      'requirement 5.1.1.1 has no English evaluator notes',
    ]);
    expect(validateCatalogue(edit({ ...good, hint: { zh: '提示', en: 'hint' } }))[0]).toMatch(/notes/);
    expect(validateCatalogue(edit(undefined))).toEqual([]);
  });
});
