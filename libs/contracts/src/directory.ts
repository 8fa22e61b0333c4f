import { z } from 'zod';
import { ROLES } from '@gbt/access-policy';
import { idSchema as id, isoDateTimeSchema as instant, textSchema as text } from './primitives';
import { defineEvent } from './event-registry';

/**
 * The directory service's record of people, on `directory.people.v1`: who works for the body, in
 * which roles, qualified for what and until when, and whom each must not judge; and who belongs to
 * which applicant organisation. Other services keep what they need of it (competence and
 * impartiality checks, refusing tokens of disabled or removed people); none writes it.
 *
 * Streams: `person-<uuid>` for a person's own facts, `membership-<organisationId>` for the members
 * and invitations of one organisation. Passwords, TOTP secrets and refresh tokens never appear here.
 */

/** A calendar date (Asia/Shanghai), as qualification and relation dates are stated on paper. */
export const calendarDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const personId = id;
const organisationId = id;
const email = z.string().trim().toLowerCase().email().max(200);
const name = z.string().trim().min(1).max(100);
const roles = z.array(z.enum(ROLES)).max(ROLES.length);
/** Product categories exactly as a case's scope names them (scope.productCategories). */
const productCategories = z.array(z.string().min(1).max(200)).min(1).max(100);

export const RELATION_KINDS = ['employment', 'consultancy', 'family', 'shareholding', 'other'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const directoryEvents = [
  // People: staff are added by an administrator; applicants register themselves or accept an invitation.
  defineEvent({ type: 'directory.person-registered', schemaVersion: 1, schema: z.object({ personId, name, email, roles, registeredBy: personId }) }),
  defineEvent({ type: 'directory.person-renamed', schemaVersion: 1, schema: z.object({ personId, name, by: personId }) }),
  defineEvent({ type: 'directory.roles-changed', schemaVersion: 1, schema: z.object({ personId, roles, by: personId }) }),
  defineEvent({ type: 'directory.person-disabled', schemaVersion: 1, schema: z.object({ personId, reason: text, by: personId }) }),
  defineEvent({ type: 'directory.person-enabled', schemaVersion: 1, schema: z.object({ personId, by: personId }) }),
  /** Final: the person's tokens stop working, the record stays for the history of what they did. */
  defineEvent({ type: 'directory.person-removed', schemaVersion: 1, schema: z.object({ personId, reason: text, by: personId }) }),

  // Competence (ISO/IEC 17065 6.1): what a staff member may review or decide, and until when.
  defineEvent({
    type: 'directory.qualification-recorded',
    schemaVersion: 1,
    schema: z
      .object({ personId, qualificationId: id, productCategories, registrationNumber: z.string().trim().min(1).max(100), validFrom: calendarDateSchema, validUntil: calendarDateSchema, by: personId })
      .refine((q) => q.validFrom <= q.validUntil, { message: 'validUntil cannot be before validFrom', path: ['validUntil'] }),
  }),
  defineEvent({ type: 'directory.qualification-withdrawn', schemaVersion: 1, schema: z.object({ personId, qualificationId: id, reason: text, by: personId }) }),

  // Impartiality (ISO/IEC 17065 4.2): relations to applicant organisations, with their dates.
  defineEvent({
    type: 'directory.relation-declared',
    schemaVersion: 1,
    schema: z
      .object({ personId, relationId: id, organisationId, kind: z.enum(RELATION_KINDS), description: text.optional(), from: calendarDateSchema, until: calendarDateSchema.optional(), declaredAt: instant, by: personId })
      .refine((r) => r.until === undefined || r.from <= r.until, { message: 'until cannot be before from', path: ['until'] }),
  }),
  /** A relation entered by mistake; an ended relation is declared again with its "until" instead. */
  defineEvent({ type: 'directory.relation-retracted', schemaVersion: 1, schema: z.object({ personId, relationId: id, reason: text, by: personId }) }),

  // Members of applicant organisations.
  defineEvent({ type: 'directory.member-invited', schemaVersion: 1, schema: z.object({ organisationId, invitationId: id, email, invitedBy: personId, expiresAt: instant }) }),
  defineEvent({ type: 'directory.invitation-revoked', schemaVersion: 1, schema: z.object({ organisationId, invitationId: id, by: personId }) }),
  defineEvent({ type: 'directory.member-joined', schemaVersion: 1, schema: z.object({ organisationId, personId, invitationId: id.optional() }) }),
  defineEvent({ type: 'directory.member-left', schemaVersion: 1, schema: z.object({ organisationId, personId, by: personId }) }),
];

/** Every refusal code of the directory service (`error.<code>` in the console's messages, zh and en). */
export const DIRECTORY_REFUSAL_CODES = [
  'auth.invalid-credentials',
  'auth.password-policy',
  'auth.throttled',
  'auth.totp-required',
  'auth.totp-invalid',
  'auth.totp-enrolment-required',
  'auth.totp-not-started',
  'auth.refresh-invalid',
  'auth.refresh-expired',
  'auth.refresh-revoked',
  'auth.refresh-reused',
  'auth.person-inactive',
  'auth.token-invalid',
  'directory.email-taken',
  'directory.registration-incomplete',
  'directory.person-unknown',
  'directory.person-exists',
  'directory.person-removed',
  'directory.person-already-disabled',
  'directory.person-not-disabled',
  'directory.not-staff',
  'directory.qualification-unknown',
  'directory.relation-unknown',
  'directory.dates-reversed',
  'directory.not-member',
  'directory.not-self',
  'directory.already-member',
  'directory.invitation-unknown',
  'directory.invitation-closed',
  'directory.invitation-expired',
  'directory.invitation-other-email',
  'auth.totp-reused',
  'auth.oidc-not-configured',
  'auth.oidc-state-unknown',
  'auth.oidc-refused',
  'auth.oidc-unavailable',
  'auth.oidc-no-role',
  'auth.oidc-claims-missing',
  'auth.oidc-email-taken',
] as const;
export type DirectoryRefusalCode = (typeof DIRECTORY_REFUSAL_CODES)[number];
