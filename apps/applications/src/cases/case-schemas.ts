import { z } from 'zod';
import { catalogueVersions, DEFAULT_CATALOGUE_VERSION } from '@gbt/catalogue';
import { scopeSchema } from '@gbt/certification';

const trimmedList = z.array(z.string().trim().min(1).max(200)).max(500);
export const scopeInput = z.strictObject({
  productCategories: trimmedList.default([]),
  serviceCategories: trimmedList.default([]),
  sites: trimmedList.default([]),
  outlets: trimmedList.default([]),
}) satisfies z.ZodType<z.infer<typeof scopeSchema>, unknown>;

const catalogueVersion = z
  .string()
  .refine((v) => catalogueVersions.includes(v), { message: `must be a published catalogue version: ${catalogueVersions.join(', ')}` })
  .default(DEFAULT_CATALOGUE_VERSION);

export const draftInput = z.strictObject({ organisationId: z.string().min(1).max(100), catalogueVersion, scope: scopeInput });
export const recertificationBody = z.strictObject({ catalogueVersion });

export const scopeBody = z.strictObject({ scope: scopeInput });
export const reasonBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(4_000) });
export const conflictBody = z.strictObject({ personId: z.string().trim().min(1).max(200), reason: z.string().trim().min(1).max(4_000) });

export const asOfQuery = z.strictObject({
  asOf: z
    .string()
    .datetime({ offset: true, message: 'asOf must be an ISO 8601 instant such as 2027-03-01T00:00:00Z' })
    .transform((s) => new Date(s))
    .optional(),
});
