import type { DirectoryEvent } from '@gbt/auth';
import { applyDirectoryEvent, type StaffMember } from './staff-projection';

const by = 'ada.admin';
const fold = (events: DirectoryEvent[]): StaffMember => events.reduce(applyDirectoryEvent, { personId: 'p', name: '', roles: [], status: 'active', qualifications: [], relations: [] } as StaffMember);
const recorded = (qualificationId: string, validUntil = '2027-12-31'): DirectoryEvent => ({
  type: 'directory.qualification-recorded',
  data: { personId: 'p', qualificationId, productCategories: ['x'], registrationNumber: 'R', validFrom: '2026-01-01', validUntil, by },
});
const declared = (relationId: string, until?: string): DirectoryEvent => ({
  type: 'directory.relation-declared',
  data: { personId: 'p', relationId, organisationId: 'org-1', kind: 'employment', from: '2020-01-01', ...(until ? { until } : {}), declaredAt: '2026-01-01T00:00:00Z', by },
});

describe("a person's facts from the directory's events", () => {
  it('keeps qualifications by id: recorded again replaces, withdrawn drops', () => {
    const facts = fold([recorded('q1'), recorded('q2'), recorded('q1', '2028-01-01'), { type: 'directory.qualification-withdrawn', data: { personId: 'p', qualificationId: 'q2', reason: 'mistake', by } }]);
    expect(facts.qualifications).toEqual([expect.objectContaining({ qualificationId: 'q1', validUntil: '2028-01-01' })]);
  });

  it('keeps relations by id: declared again with an end replaces, retracted drops', () => {
    const facts = fold([declared('r1'), declared('r2'), declared('r1', '2025-01-01'), { type: 'directory.relation-retracted', data: { personId: 'p', relationId: 'r2', reason: 'mistake', by } }]);
    expect(facts.relations).toEqual([{ relationId: 'r1', organisationId: 'org-1', kind: 'employment', from: '2020-01-01', until: '2025-01-01' }]);
  });

  it('follows disabling and enabling; removal is final', () => {
    expect(fold([{ type: 'directory.person-disabled', data: { personId: 'p', reason: 'leave', by } }]).status).toBe('disabled');
    expect(fold([{ type: 'directory.person-disabled', data: { personId: 'p', reason: 'leave', by } }, { type: 'directory.person-enabled', data: { personId: 'p', by } }]).status).toBe('active');
    expect(fold([{ type: 'directory.person-removed', data: { personId: 'p', reason: 'left', by } }, { type: 'directory.person-enabled', data: { personId: 'p', by } }]).status).toBe('removed');
  });

  it('keeps the name and roles lists of staff show', () => {
    const facts = fold([
      { type: 'directory.person-registered', data: { personId: 'p', name: 'Pat', email: 'p@x.example', roles: ['reviewer'], registeredBy: by } },
      { type: 'directory.roles-changed', data: { personId: 'p', roles: ['reviewer', 'lead-reviewer'], by } },
      { type: 'directory.person-renamed', data: { personId: 'p', name: 'Pat Lin', by } },
    ]);
    expect(facts).toMatchObject({ name: 'Pat Lin', roles: ['reviewer', 'lead-reviewer'], status: 'active' });
  });

  it('gives the same facts when an event is delivered twice', () => {
    expect(fold([recorded('q1'), declared('r1'), declared('r1'), recorded('q1')])).toEqual(fold([recorded('q1'), declared('r1')]));
  });
});
