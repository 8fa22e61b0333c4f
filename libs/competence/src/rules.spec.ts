import { impartialityPolicyFromEnv, ineligibility, type StaffFacts } from './rules';

const policy = { relationYears: 2 };
const kase = { organisationId: 'org-1', productCategories: ['家用电器 Household Appliances'] };
const qualified = (over: Partial<StaffFacts> = {}): StaffFacts => ({
  personId: 'p',
  status: 'active',
  qualifications: [{ qualificationId: 'q1', productCategories: ['家用电器 household appliances', 'kitchen'], registrationNumber: 'R-1', validFrom: '2026-01-01', validUntil: '2026-12-31' }],
  relations: [],
  ...over,
});
const codeOf = (staff: StaffFacts | null, on = '2026-06-01', k = kase) => ineligibility(staff, 'p', k, on, policy)?.code ?? null;

describe('who may review or decide a case', () => {
  it('takes a person qualified that day for every category, matching after trimming and case folding', () => {
    expect(codeOf(qualified(), '2026-06-01', { organisationId: 'org-1', productCategories: [' 家用电器 HOUSEHOLD appliances ', 'Kitchen'] })).toBeNull();
  });

  it('counts the first and the last day of a qualification, not the day after', () => {
    expect(codeOf(qualified(), '2026-01-01')).toBeNull();
    expect(codeOf(qualified(), '2026-12-31')).toBeNull();
    expect(ineligibility(qualified(), 'p', kase, '2027-01-01', policy)).toMatchObject({ code: 'QualificationExpired', params: { validUntil: '2026-12-31' } });
    expect(codeOf(qualified(), '2025-12-31')).toBe('NotQualified');
  });

  it('refuses a category no qualification covers, naming the missing ones', () => {
    const refused = ineligibility(qualified(), 'p', { organisationId: 'org-1', productCategories: ['kitchen', 'gas appliances'] }, '2026-06-01', policy);
    expect(refused).toMatchObject({ code: 'NotQualified', params: { categories: 'gas appliances' } });
    expect(codeOf(qualified({ qualifications: [] }))).toBe('NotQualified');
  });

  it('needs some valid qualification even for a scope without product categories', () => {
    expect(codeOf(qualified(), '2026-06-01', { organisationId: 'org-1', productCategories: [] })).toBeNull();
    expect(codeOf(qualified(), '2027-06-01', { organisationId: 'org-1', productCategories: [] })).toBe('QualificationExpired');
    expect(codeOf(qualified({ qualifications: [] }), '2026-06-01', { organisationId: 'org-1', productCategories: [] })).toBe('NotQualified');
  });

  it('covers categories across several valid qualifications', () => {
    const two = qualified({ qualifications: [...qualified().qualifications, { qualificationId: 'q2', productCategories: ['gas'], registrationNumber: 'R-2', validFrom: '2026-01-01', validUntil: '2026-06-01' }] });
    expect(codeOf(two, '2026-06-01', { organisationId: 'org-1', productCategories: ['kitchen', 'gas'] })).toBeNull();
    expect(ineligibility(two, 'p', { organisationId: 'org-1', productCategories: ['kitchen', 'gas'] }, '2026-06-02', policy)).toMatchObject({ code: 'QualificationExpired', params: { categories: 'gas', validUntil: '2026-06-01' } });
  });

  it('refuses anyone not in the directory, disabled or removed', () => {
    expect(codeOf(null)).toBe('NotInDirectory');
    expect(codeOf(qualified({ status: 'disabled' }))).toBe('PersonDisabled');
    expect(codeOf(qualified({ status: 'removed' }))).toBe('PersonDisabled');
  });

  it('refuses a person related to the organisation now or within the window, and no longer after it', () => {
    const related = (until?: string) => qualified({ relations: [{ relationId: 'r', organisationId: 'org-1', kind: 'consultancy', from: '2020-01-01', ...(until ? { until } : {}) }] });
    expect(ineligibility(related(), 'p', kase, '2026-06-01', policy)).toMatchObject({ code: 'RelatedToOrganisation', params: { organisationId: 'org-1', kind: 'consultancy', until: '' } });
    expect(codeOf(related('2024-06-01'))).toBe('RelatedToOrganisation');
    expect(codeOf(related('2024-05-31'))).toBeNull();
    expect(codeOf(related('2026-05-01'), '2026-06-01', { organisationId: 'org-2', productCategories: ['kitchen'] })).toBeNull();
    expect(ineligibility(related('2025-06-01'), 'p', kase, '2026-06-01', { relationYears: 0 })).toBeNull();
  });

  it('reads the window from the environment, refusing what is not a whole number of years', () => {
    expect(impartialityPolicyFromEnv({})).toEqual({ relationYears: 2 });
    expect(impartialityPolicyFromEnv({ IMPARTIALITY_RELATION_YEARS: '3' })).toEqual({ relationYears: 3 });
    expect(() => impartialityPolicyFromEnv({ IMPARTIALITY_RELATION_YEARS: 'two' })).toThrow(/whole number/);
    expect(() => impartialityPolicyFromEnv({ IMPARTIALITY_RELATION_YEARS: '-1' })).toThrow(/whole number/);
  });
});
