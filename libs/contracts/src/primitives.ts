import { z } from 'zod';
import { LEVELS } from '@gbt/catalogue';

/** The value shapes every contract shares, defined once so a case id means the same on every topic. */
export const caseIdSchema = z.string().regex(/^case-[0-9a-f-]{36}$/, 'caseId must look like case-<uuid>');
export const idSchema = z.string().min(1).max(200);
export const textSchema = z.string().min(1).max(4_000);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 hex digits');
export const isoDateTimeSchema = z.string().datetime({ offset: true });

/** The certification levels (shared vocabulary from @gbt/catalogue), in every contract that names one. */
export const levelSchema = z.enum(LEVELS);
const scopeList = z.array(z.string().min(1).max(200)).max(500).readonly();
/** What a certification covers, as every contract states it. */
export const scopeSchema = z.object({ productCategories: scopeList, serviceCategories: scopeList, sites: scopeList, outlets: scopeList });
