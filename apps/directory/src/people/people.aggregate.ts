import type { Aggregate, AggregateType } from '@gbt/event-store';
import { personDecider, type PersonCommand, type PersonEvent, type PersonRefusal, type PersonState } from './person.decider';

const NOT_FOUND: readonly PersonRefusal['error'][] = ['directory.person-unknown', 'directory.qualification-unknown', 'directory.relation-unknown'];
const CONFLICT: readonly PersonRefusal['error'][] = ['directory.person-exists', 'directory.person-removed', 'directory.person-already-disabled', 'directory.person-not-disabled'];

/** One stream per person: `person-<personId>` (the contract's naming, shared with the demo directory). */
export const peopleAggregate: AggregateType<PersonCommand, PersonEvent, PersonState, PersonRefusal> = {
  decider: personDecider,
  eventTypes: [
    'directory.person-registered',
    'directory.person-renamed',
    'directory.roles-changed',
    'directory.person-disabled',
    'directory.person-enabled',
    'directory.person-removed',
    'directory.qualification-recorded',
    'directory.qualification-withdrawn',
    'directory.relation-declared',
    'directory.relation-retracted',
  ],
  streamId: (personId) => `person-${personId}`,
  refusalStatus: (r) => (NOT_FOUND.includes(r.error) ? 404 : CONFLICT.includes(r.error) ? 409 : 422),
};

export const PEOPLE = Symbol('PEOPLE');
export type People = Aggregate<PersonCommand, PersonEvent, PersonState, PersonRefusal>;
