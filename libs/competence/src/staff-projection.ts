import type { DirectoryEvent } from '@gbt/auth';
import type { Role } from '@gbt/access-policy';
import type { StaffFacts } from './rules';

export type DirectoryFact = DirectoryEvent;

/** A person's facts with what lists of staff show: their name and roles. */
export interface StaffMember extends StaffFacts {
  readonly name: string;
  readonly roles: readonly Role[];
}

/**
 * One directory event applied to a person's facts (pure, and idempotent: a redelivered event gives
 * the same facts). A qualification or relation recorded again under its id replaces the earlier one.
 */
export function applyDirectoryEvent(staff: StaffMember, event: DirectoryFact): StaffMember {
  switch (event.type) {
    case 'directory.person-registered':
      return { ...staff, name: event.data.name, roles: [...event.data.roles], status: staff.status === 'removed' ? 'removed' : 'active' };
    case 'directory.person-renamed':
      return { ...staff, name: event.data.name };
    case 'directory.roles-changed':
      return { ...staff, roles: [...event.data.roles] };
    case 'directory.person-enabled':
      return staff.status === 'removed' ? staff : { ...staff, status: 'active' };
    case 'directory.person-disabled':
      return staff.status === 'removed' ? staff : { ...staff, status: 'disabled' };
    case 'directory.person-removed':
      return { ...staff, status: 'removed' };
    case 'directory.qualification-recorded': {
      const { qualificationId, productCategories, registrationNumber, validFrom, validUntil } = event.data;
      const others = staff.qualifications.filter((q) => q.qualificationId !== qualificationId);
      return { ...staff, qualifications: [...others, { qualificationId, productCategories: [...productCategories], registrationNumber, validFrom, validUntil }] };
    }
    case 'directory.qualification-withdrawn':
      return { ...staff, qualifications: staff.qualifications.filter((q) => q.qualificationId !== event.data.qualificationId) };
    case 'directory.relation-declared': {
      const { relationId, organisationId, kind, from, until } = event.data;
      const others = staff.relations.filter((r) => r.relationId !== relationId);
      return { ...staff, relations: [...others, { relationId, organisationId, kind, from, ...(until === undefined ? {} : { until }) }] };
    }
    case 'directory.relation-retracted':
      return { ...staff, relations: staff.relations.filter((r) => r.relationId !== event.data.relationId) };
    default:
      return staff;
  }
}
