import { z } from 'zod';
import { defineEvent } from './event-registry';

const contact = z.object({
  name: z.string().trim().min(1).max(100),
  phone: z.string().regex(/^\+?[0-9 -]{5,20}$/, 'phone must be digits, spaces or dashes, optionally starting with +'),
  email: z.string().email().max(200),
});
const outlet = z.object({ name: z.string().trim().min(1).max(200), address: z.string().trim().min(1).max(500) });

export const organisationDetailsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().min(1).max(500),
  contacts: z.array(contact).min(1).max(20),
  outlets: z.array(outlet).max(2_000),
});
export type OrganisationDetails = z.infer<typeof organisationDetailsSchema>;

/** Organisations applying for certification, on `applications.organisation.v1`. */
export const organisationEvents = [
  defineEvent({
    type: 'applications.organisation-registered',
    schemaVersion: 1,
    schema: organisationDetailsSchema.extend({ organisationId: z.string().min(1), creditCode: z.string().length(18), registeredBy: z.string().min(1) }),
  }),
  defineEvent({ type: 'applications.organisation-updated', schemaVersion: 1, schema: organisationDetailsSchema }),
];
