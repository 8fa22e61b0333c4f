import { z } from 'zod';
import { idSchema as id, textSchema as text, levelSchema } from './primitives';

/** The scoring input of clause 6.2, as the evidence review service publishes it and the what-if endpoint takes it. */
export const findingSchema = z
  .object({
    id,
    requirementId: id,
    description: text,
    recordedBy: id,
    sample: z.object({ checked: z.number().int().min(1), failed: z.number().int().min(0) }).optional(),
  })
  .refine((f) => !f.sample || f.sample.failed <= f.sample.checked, { message: 'sample.failed cannot exceed sample.checked', path: ['sample', 'failed'] });
export const exclusionSchema = z.object({ id, reason: text, recordedBy: id });
export const specialItemSchema = z.object({ id, description: text, recordedBy: id });

/** Parts of a scoring input to replace, for what-if: whatever is absent stays as it was. */
export const scoringOverridesSchema = z.object({
  findings: z.array(findingSchema).max(2_000).optional(),
  exclusions: z.array(exclusionSchema).max(200).optional(),
  specialDeductions: z.array(specialItemSchema).max(100).optional(),
  specialBonuses: z.array(specialItemSchema).max(10).optional(),
});

export const scoringInputSchema = z.object({
  findings: z.array(findingSchema).max(2_000),
  exclusions: z.array(exclusionSchema).max(200).default([]),
  specialDeductions: z.array(specialItemSchema).max(100).default([]),
  specialBonuses: z.array(specialItemSchema).max(10).default([]),
});

const localised = z.object({ zh: z.string(), en: z.string() });
const points = { available: z.number(), obtained: z.number(), lost: z.number() };
const findingEffect = z.object({ findingId: id, description: z.string(), recordedBy: id, sample: z.object({ checked: z.number(), failed: z.number() }).nullable(), lost: z.number() });
const requirementScore = z.object({ id, name: localised, points: z.number(), scored: z.boolean(), method: z.string(), sampled: z.boolean(), exclusion: exclusionSchema.nullable(), findings: z.array(findingEffect), ...points });
const indicatorScore = z.object({ id, name: localised, exclusion: exclusionSchema.nullable(), requirements: z.array(requirementScore), ...points });
const categoryScore = z.object({ id, name: localised, totalPoints: z.number(), indicators: z.array(indicatorScore), ...points });

/** A scorecard with its explanation: per category, indicator and requirement, what was available, obtained and lost, and why. */
export const scorecardSchema = z.object({
  catalogueVersion: id,
  baseScore: z.number(),
  specialDeductions: z.array(specialItemSchema),
  specialBonuses: z.array(specialItemSchema),
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  level: levelSchema.nullable(),
  failReasons: z.array(z.string()),
  categories: z.array(categoryScore),
  ...points,
});
