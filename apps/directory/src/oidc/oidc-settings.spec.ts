import { mapRoles, oidcSettingsFromEnv, parseRoleMap } from './oidc-settings';

describe('OIDC settings', () => {
  it('is off without an issuer and a client, and refuses half a configuration', () => {
    expect(oidcSettingsFromEnv({}, 'http://console.example')).toBeUndefined();
    expect(() => oidcSettingsFromEnv({ OIDC_ISSUER: 'https://sso.example' }, 'http://console.example')).toThrow(/OIDC_CLIENT_ID/);
  });

  it("defaults the callback to the console's page, the name to the issuer's host and the role claim to roles", () => {
    expect(oidcSettingsFromEnv({ OIDC_ISSUER: 'https://sso.example/realms/cb', OIDC_CLIENT_ID: 'console' }, 'https://console.example')).toEqual({
      issuer: 'https://sso.example/realms/cb',
      clientId: 'console',
      clientSecret: undefined,
      redirectUri: 'https://console.example/oidc/callback',
      providerName: 'sso.example',
      scope: 'openid profile email',
      roleClaim: 'roles',
      roleMap: {},
    });
  });

  it('reads the role map as JSON, one role or a list per claim value, and refuses roles the platform does not have', () => {
    expect(parseRoleMap('{"cb-admins":["administrator","reviewer"],"cb-reviewers":"reviewer"}')).toEqual({ 'cb-admins': ['administrator', 'reviewer'], 'cb-reviewers': ['reviewer'] });
    expect(() => parseRoleMap('{"cb-root":"superuser"}')).toThrow(/superuser/);
    expect(() => parseRoleMap('cb-admins=administrator')).toThrow(/JSON object/);
  });

  it('maps the claim (a list or one value) to roles, in the platform order, each once, ignoring values it does not know', () => {
    const map = parseRoleMap('{"cb-admins":["administrator","reviewer"],"cb-reviewers":"reviewer","toString":"applicant"}');
    expect(mapRoles(['cb-reviewers', 'cb-admins', 'canteen'], map)).toEqual(['reviewer', 'administrator']);
    expect(mapRoles('cb-reviewers', map)).toEqual(['reviewer']);
    expect(mapRoles(undefined, map)).toEqual([]);
    expect(mapRoles(['constructor', 42], map)).toEqual([]);
  });
});
