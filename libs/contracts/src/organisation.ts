import { z } from 'zod';
import { defineEvent } from './event-registry';

const contact = z.object({
  name: z.string().trim().min(1).max(100),
  phone: z.string().regex(/^\+?[0-9 -]{5,20}$/, 'phone must be digits, spaces or dashes, optionally starting with +'),
  email: z.string().email().max(200),
});
/**
 * A service outlet. `id` is stable across edits, so audit plans can refer to an outlet across the
 * programme (issue 19). Events written before ids existed have none: readers give them
 * `outlet-<position>` (1-based) with `withOutletIds`, and the applications service numbers new
 * outlets after the highest number in use, so those derived ids stay what they were.
 */
export const outletIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'an outlet id is 1-64 letters, digits, dots, dashes or underscores');
const outlet = z.object({ id: outletIdSchema.optional(), name: z.string().trim().min(1).max(200), address: z.string().trim().min(1).max(500) });

export const organisationDetailsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().min(1).max(500),
  contacts: z.array(contact).min(1).max(20),
  outlets: z
    .array(outlet)
    .max(2_000)
    .refine((outlets) => new Set(outlets.flatMap((o) => (o.id ? [o.id] : []))).size === outlets.filter((o) => o.id).length, 'each outlet id may be listed once'),
  /** Employees (headcount): what the audit effort is computed from. Absent on organisations registered before it was asked. */
  employees: z.number().int().min(1).max(10_000_000).optional(),
});
export type OrganisationDetails = z.infer<typeof organisationDetailsSchema>;

export type Outlet = z.infer<typeof outlet>;
export type IdentifiedOutlet = Outlet & { readonly id: string };

/** Every outlet with its id: the one recorded, or `outlet-<position>` for outlets written before ids existed. */
export const withOutletIds = (outlets: readonly Outlet[]): IdentifiedOutlet[] => outlets.map((o, i) => ({ ...o, id: o.id ?? `outlet-${i + 1}` }));

/** Organisations applying for certification, on `applications.organisation.v1`. */
export const organisationEvents = [
  defineEvent({
    type: 'applications.organisation-registered',
    schemaVersion: 1,
    schema: organisationDetailsSchema.extend({ organisationId: z.string().min(1), creditCode: z.string().length(18), registeredBy: z.string().min(1) }),
  }),
  defineEvent({ type: 'applications.organisation-updated', schemaVersion: 1, schema: organisationDetailsSchema }),
];
