import { z } from 'zod';
import { EVALUATION_METHODS, type Catalogue } from './model';

/**
 * The shape of a catalogue. Meaning (sums, uniqueness, translations) is checked in validate.ts so
 * that every problem can be reported together with the ids involved.
 */
const text = z.string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text') });
const localised = z.strictObject({ zh: text, en: text });
const id = z
  .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text') })
  .regex(/^\S+$/, 'must be a non-empty id without spaces');
const source = z.enum(['standard', 'default']);

export const requirementSchema = z.strictObject({
  id,
  name: localised,
  text: localised,
  points: z.number(),
  scored: z.boolean(),
  method: z.enum(EVALUATION_METHODS),
  sampled: z.boolean(),
  evidence: z.array(localised),
  source,
  pointsSource: source,
  notes: z.strictObject({ guidance: localised, evaluatorNotes: localised }).optional(),
});

export const indicatorSchema = z.strictObject({ id, name: localised, requirements: z.array(requirementSchema) });

export const categorySchema = z.strictObject({
  id,
  name: localised,
  totalPoints: z.number(),
  indicators: z.array(indicatorSchema),
});

// `strictObject` everywhere: a misspelt key in a body's catalogue is reported, not silently dropped.
export const catalogueSchema = z.strictObject({
  version: id,
  title: localised,
  publisher: text,
  categories: z.array(categorySchema),
}) satisfies z.ZodType<Catalogue>;

/** `categories[5.1].indicators[5.1.2].points`: array positions are shown by id where there is one. */
export function describePath(data: unknown, path: readonly PropertyKey[]): string {
  let here: unknown = data;
  let out = '';
  for (const key of path) {
    const next = here !== null && typeof here === 'object' ? (here as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const itemId = next !== null && typeof next === 'object' ? (next as { id?: unknown }).id : undefined;
      out += typeof itemId === 'string' && itemId !== '' ? `[${itemId}]` : `[${key}]`;
    } else {
      out += out === '' ? String(key) : `.${String(key)}`;
    }
    here = next;
  }
  return out === '' ? 'catalogue' : out;
}
