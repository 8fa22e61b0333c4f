import type { Aggregate, AggregateType } from '@gbt/event-store';
import { membershipDecider, type MembershipCommand, type MembershipEvent, type MembershipRefusal, type MembershipState } from './membership.decider';

const STATUS: Record<MembershipRefusal['error'], number> = {
  'directory.not-member': 403,
  'directory.already-member': 409,
  'directory.invitation-unknown': 404,
  'directory.invitation-closed': 409,
  'directory.invitation-expired': 410,
  'directory.invitation-other-email': 403,
};

/** One stream per applicant organisation: `membership-<organisationId>`. */
export const membershipsAggregate: AggregateType<MembershipCommand, MembershipEvent, MembershipState, MembershipRefusal> = {
  decider: membershipDecider,
  eventTypes: ['directory.member-invited', 'directory.invitation-revoked', 'directory.member-joined', 'directory.member-left'],
  streamId: (organisationId) => `membership-${organisationId}`,
  refusalStatus: (r) => STATUS[r.error],
};

export const MEMBERSHIPS = Symbol('MEMBERSHIPS');
export type Memberships = Aggregate<MembershipCommand, MembershipEvent, MembershipState, MembershipRefusal>;
