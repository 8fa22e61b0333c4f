import { ACCESS_POLICY } from './policy';
import { expectedFor, CALLERS } from './matrix';
import { mayAttempt, operationKey, ruleFor, verdict } from './decide';
import { SERVICES } from './model';

describe('the access policy', () => {
  it('names operations as OpenAPI does, from Express routes too', () => {
    expect(operationKey('post', '/cases/:id/submit')).toBe('POST /cases/{id}/submit');
    expect(operationKey('GET', '/registry/certificates/{number}/certificate.pdf')).toBe('GET /registry/certificates/{number}/certificate.pdf');
    expect(operationKey('HEAD', '/verify/:number')).toBe('GET /verify/{number}');
  });

  it('has no rule for what it does not name, not even for inherited property names', () => {
    expect(ruleFor('applications', 'GET /constructor')).toBeUndefined();
    expect(verdict(undefined, { roles: ['administrator'] })).toEqual({ kind: 'no-rule' });
  });

  it('gives the holder of a case what another organisation\'s applicant does not get', () => {
    const rule = ruleFor('applications', 'POST /cases/{id}/submit')!;
    expect(expectedFor(rule, 'applicant (holder)')).toBe('allowed');
    expect(expectedFor(rule, 'applicant (other organisation)')).toBe('hidden');
    expect(expectedFor(rule, 'reviewer')).toBe('forbidden');
    expect(expectedFor(rule, 'no token')).toBe('unauthenticated');
  });

  it('lets no reviewer cancel a certificate; the holder and an administrator may', () => {
    const rule = ruleFor('certificates', 'POST /certificates/{number}/cancellation')!;
    expect(CALLERS.filter((c) => expectedFor(rule, c) === 'allowed')).toEqual(['applicant (holder)', 'administrator']);
    expect(mayAttempt('certificates', 'POST /certificates/{number}/cancellation', ['reviewer', 'lead-reviewer'])).toBe(false);
  });

  it('names a resource wherever a grant depends on the holder', () => {
    for (const service of SERVICES) {
      for (const [key, rule] of Object.entries(ACCESS_POLICY[service])) {
        if (rule.grants.some((g) => 'relation' in g && g.relation === 'holder')) expect({ key, param: rule.resource?.param && key.includes(`{${rule.resource.param}}`) }).toEqual({ key, param: true });
      }
    }
  });
});
