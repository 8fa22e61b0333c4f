import { unlistedPeopleFromEnv } from './person-standing';

describe('AUTH_UNLISTED_PEOPLE', () => {
  it('refuses unlisted people unless told "accept", and names a wrong value', () => {
    expect(unlistedPeopleFromEnv(undefined)).toBe('refuse');
    expect(unlistedPeopleFromEnv('')).toBe('refuse');
    expect(unlistedPeopleFromEnv('refuse')).toBe('refuse');
    expect(unlistedPeopleFromEnv('accept')).toBe('accept');
    expect(() => unlistedPeopleFromEnv('yes')).toThrow('AUTH_UNLISTED_PEOPLE must be "accept" or "refuse", not "yes"');
  });
});
