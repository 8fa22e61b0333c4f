import { z } from 'zod';
import { ADJUSTMENT_CODES, BAND_ORIGINS, type ManDayTable } from './table-model';

/** The shape of a man-day table; what the numbers mean together is checked in validate-table.ts. */
const text = z.string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be text') });
const days = z.number().finite();
const count = z.number().int('must be a whole number');
const effort = z.strictObject({ total: days, onSite: days });

// `strictObject` everywhere: a misspelt key in a body's table is reported, not silently dropped.
export const manDayTableSchema = z.strictObject({
  version: text.regex(/^\S+$/, 'must be a non-empty id without spaces'),
  effectiveFrom: text.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  publisher: text,
  sources: z.array(text),
  bands: z.array(
    z.strictObject({
      minEmployees: count,
      maxEmployees: count.nullable(),
      effort: z.strictObject({ initial: effort, surveillance: effort, recertification: effort }),
      origin: z.enum(BAND_ORIGINS),
    }),
  ),
  perOutletOnSite: days,
  adjustments: z.array(z.strictObject({ code: z.enum(ADJUSTMENT_CODES), maxPercent: count })),
  maxReductionPercent: count,
  maxIncreasePercent: count,
}) satisfies z.ZodType<ManDayTable>;
