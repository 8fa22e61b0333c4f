import { personDecider, type PersonCommand, type PersonEvent, type PersonState } from './person.decider';

const given = (...commands: PersonCommand[]): PersonState =>
  commands.reduce((state, command) => {
    const outcome = personDecider.decide(command, state);
    if (!Array.isArray(outcome)) throw new Error(`refused: ${(outcome as { error: string }).error}`);
    return (outcome as PersonEvent[]).reduce(personDecider.evolve, state);
  }, personDecider.initialState);

const register = (roles: Extract<PersonCommand, { type: 'register' }>['roles'] = ['reviewer']): PersonCommand => ({ type: 'register', personId: 'p-1', name: 'Rita', email: 'rita@body.example', roles, registeredBy: 'ada.admin' });
const qualification = { qualificationId: 'q-1', productCategories: ['家用电器'], registrationNumber: 'R-1', validFrom: '2026-01-01', validUntil: '2028-12-31', by: 'ada.admin' };

describe('a person of the directory', () => {
  it('keeps roles, status, qualifications and relations as their events say', () => {
    const state = given(
      register(),
      { type: 'record-qualification', ...qualification },
      { type: 'declare-relation', relationId: 'r-1', organisationId: 'org-1', kind: 'employment', from: '2020-01-01', until: '2024-06-30', declaredAt: '2026-12-01T00:00:00Z', by: 'ada.admin' },
      { type: 'disable', reason: 'on leave', by: 'ada.admin' },
      { type: 'enable', by: 'ada.admin' },
      { type: 'withdraw-qualification', qualificationId: 'q-1', reason: 'lapsed', by: 'ada.admin' },
    );
    expect(state).toMatchObject({ status: 'active', roles: ['reviewer'], qualifications: {}, relations: { 'r-1': { organisationId: 'org-1', until: '2024-06-30' } } });
  });

  it('refuses what does not fit, each with its code', () => {
    const refusal = (state: PersonState, command: PersonCommand) => (personDecider.decide(command, state) as { error: string }).error;
    expect(refusal(personDecider.initialState, { type: 'enable', by: 'ada.admin' })).toBe('directory.person-unknown');
    expect(refusal(given(register()), register())).toBe('directory.person-exists');
    expect(refusal(given(register(['applicant'])), { type: 'record-qualification', ...qualification })).toBe('directory.not-staff');
    expect(refusal(given(register()), { type: 'record-qualification', ...qualification, validUntil: '2025-01-01' })).toBe('directory.dates-reversed');
    expect(refusal(given(register()), { type: 'enable', by: 'ada.admin' })).toBe('directory.person-not-disabled');
    expect(refusal(given(register(), { type: 'remove', reason: 'left', by: 'ada.admin' }), { type: 'rename', name: 'R', by: 'ada.admin' })).toBe('directory.person-removed');
    expect(refusal(given(register()), { type: 'retract-relation', relationId: 'r-9', reason: 'typo', by: 'ada.admin' })).toBe('directory.relation-unknown');
  });
});
