import type { Aggregate, AggregateType } from '@gbt/event-store';
import { organisationDecider, type OrganisationCommand, type OrganisationError, type OrganisationEvent, type OrganisationState } from './organisation';

/** Organisations, keyed by their id, which is their stream id (`org-<credit code>`, unique by construction). */
export const organisationAggregate: AggregateType<OrganisationCommand, OrganisationEvent, OrganisationState, OrganisationError> = {
  decider: organisationDecider,
  eventTypes: ['applications.organisation-registered', 'applications.organisation-updated'],
  streamId: (organisationId) => organisationId,
  refusalStatus: (refusal) => (refusal.error === 'NotRegistered' ? 404 : 409),
};

export const ORGANISATIONS = Symbol('ORGANISATIONS');
export type Organisations = Aggregate<OrganisationCommand, OrganisationEvent, OrganisationState, OrganisationError>;
export type RegisteredOrganisation = Extract<OrganisationState, { status: 'registered' }>;
