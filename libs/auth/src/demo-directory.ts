import { createHash } from 'node:crypto';
import { addCalendarMonths, addDays } from '@gbt/certificate-core';
import type { directoryEvents, EventEnvelope, EventsOf } from '@gbt/contracts';
import { DEMO_USERS, type DemoUser } from './dev-issuer';

/** One event of `directory.people.v1`, typed by its contract. */
export type DirectoryEvent = EventsOf<typeof directoryEvents>;

/**
 * Every product category a demo, scenario, drill, benchmark or test puts in a case's scope, so the
 * demo staff are qualified for all of them. A test that uses a new category adds it here; a test
 * about an unqualified reviewer uses a category of its own that is not in this list.
 */
export const DEMO_PRODUCT_CATEGORIES: readonly string[] = [
  '家用电器 household appliances',
  '厨房电器 kitchen appliances',
  '家用电器',
  '厨房电器',
  '家电',
  'household appliances',
  'appliances',
  'x',
];

/** A category only the expiring qualification covers: no case of the demo or the tests uses it. */
export const DEMO_EXPIRING_CATEGORY = '燃气用具 gas appliances';

/** Who registers the demo staff and records their qualifications. */
export const DEMO_ADMINISTRATOR = 'ada.admin';

export interface DemoQualification {
  readonly personId: string;
  readonly qualificationId: string;
  readonly registrationNumber: string;
  readonly productCategories: readonly string[];
  readonly validFrom: string;
  readonly validUntil: string;
}

/** Days from "today" to the end of the qualification that shows the administrator's expiry warning. */
export const DEMO_EXPIRY_WARNING_DAYS = 45;

// Wide enough for every simulated clock the demo and the tests set (the demo's expired certificate
// starts 37 months back, the whole-lifecycle test walks to 2034), so no demo claim ever meets an
// expired qualification by accident.
const YEARS_BEFORE = 10;
const YEARS_AFTER = 10;

const QUALIFIED_STAFF: readonly { readonly id: string; readonly registration: string }[] = [
  { id: 'rita.reviewer', registration: 'GBT27922-R-0101' },
  { id: 'roy.reviewer', registration: 'GBT27922-R-0102' },
  { id: 'lena.lead', registration: 'GBT27922-R-0103' },
  { id: 'dan.decider', registration: 'GBT27922-D-0201' },
  { id: 'dora.decider', registration: 'GBT27922-D-0202' },
  { id: 'dirk.decider', registration: 'GBT27922-D-0203' },
  // The administrator may claim review work (access policy): qualified like the reviewers.
  { id: 'ada.admin', registration: 'GBT27922-A-0301' },
];

/** The calendar date in Shanghai of an instant: the date qualifications and relations are stated in. */
export { shanghaiDate } from '@gbt/certificate-core';

const addYears = (date: string, years: number): string => addCalendarMonths(date, 12 * years);

/**
 * The demo staff's qualifications as of `today` (YYYY-MM-DD, Shanghai): each qualified staff member
 * for every demo category over a wide window, and Roy also for one more category that expires
 * within 60 days, so the administrator's pages always show an expiry warning.
 */
export function demoQualifications(today: string): DemoQualification[] {
  const lasting = QUALIFIED_STAFF.map((s) => ({
    personId: s.id,
    qualificationId: `qualification-${s.id}-appliances`,
    registrationNumber: s.registration,
    productCategories: DEMO_PRODUCT_CATEGORIES,
    validFrom: addYears(today, -YEARS_BEFORE),
    validUntil: addYears(today, YEARS_AFTER),
  }));
  const expiring = {
    personId: 'roy.reviewer',
    qualificationId: 'qualification-roy.reviewer-gas',
    registrationNumber: 'GBT27922-R-0102-G',
    productCategories: [DEMO_EXPIRING_CATEGORY],
    validFrom: addYears(today, -3),
    validUntil: addDays(today, DEMO_EXPIRY_WARNING_DAYS),
  };
  return [...lasting, expiring];
}

export const demoEmail = (user: DemoUser): string => `${user.id}@demo.example`;
export const personStream = (personId: string): string => `person-${personId}`;

/** The demo directory as streams of events, for the directory service to append in demo mode. */
export function demoDirectoryStreams(today: string): { streamId: string; events: DirectoryEvent[] }[] {
  const qualifications = demoQualifications(today);
  return DEMO_USERS.map((user) => ({
    streamId: personStream(user.id),
    events: [
      { type: 'directory.person-registered' as const, data: { personId: user.id, name: user.name, email: demoEmail(user), roles: [...user.roles], registeredBy: DEMO_ADMINISTRATOR } },
      ...qualifications
        .filter((q) => q.personId === user.id)
        .map((q) => ({ type: 'directory.qualification-recorded' as const, data: { ...q, productCategories: [...q.productCategories], by: DEMO_ADMINISTRATOR } })),
    ],
  }));
}

/** A stable uuid for a name, so publishing the same demo facts twice gives the same event ids. */
const nameUuid = (name: string): string => {
  const h = createHash('sha256').update(`gbt27922-demo-directory:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The demo directory as envelopes ready for `directory.people.v1`, for stacks that do not run the
 * directory service. Event ids depend only on the stream, the version and `today`, so publishing
 * twice (or next to the directory's own demo seed on the same facts) changes nothing.
 */
export function demoDirectoryEvents(today: string, occurredAt = `${today}T00:00:00+08:00`): EventEnvelope<DirectoryEvent['data']>[] {
  return demoDirectoryStreams(today).flatMap(({ streamId, events }) =>
    events.map((e, i) => ({
      eventId: nameUuid(`${today}:${streamId}:${i + 1}`),
      type: e.type,
      schemaVersion: 1,
      streamId,
      streamVersion: i + 1,
      occurredAt: new Date(occurredAt).toISOString(),
      actor: { id: DEMO_ADMINISTRATOR, role: 'administrator' },
      correlationId: `demo-directory-${today}`,
      causationId: null,
      data: e.data,
    })),
  );
}
