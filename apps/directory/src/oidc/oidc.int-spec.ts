import { randomUUID } from 'node:crypto';
import { startDirectory } from '../testing/harness';
import { startTestProvider, type Callback, type TestProvider } from '../testing/oidc-provider';

type Tokens = { accessToken: string; refreshToken: string; person: { id: string; name: string; roles: string[] } };

const ROLE_MAP = { 'cb-reviewers': ['reviewer'], 'cb-deciders': ['decision-maker'], 'cb-admins': ['administrator'] } as const;

describe('sign-in with the body\'s identity provider (OIDC, authorization code with PKCE) over HTTP', () => {
  let provider: TestProvider;
  let h: Awaited<ReturnType<typeof startDirectory>>;

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await startDirectory({
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: undefined,
        redirectUri: provider.redirectUri,
        providerName: 'Acme SSO',
        scope: 'openid profile email groups',
        roleClaim: 'groups',
        roleMap: ROLE_MAP,
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
  });

  const start = async () => (await h.http().post('/auth/oidc/authorization').expect(200)).body as { authorizationUrl: string; state: string };
  const finish = (back: Callback, state = back.state) => h.http().post('/auth/oidc/sign-in').send({ ...back, state });
  async function signIn(subject: string, claims: Record<string, unknown>): Promise<Tokens> {
    const { authorizationUrl, state } = await start();
    const back = await provider.authorize(authorizationUrl, subject, claims);
    expect(back.state).toBe(state);
    const reply = await finish(back);
    expect(reply.body).toMatchObject({ tokenType: 'Bearer' });
    return reply.body as Tokens;
  }
  const me = async (tokens: Tokens) => {
    const reply = await h.http().get('/me').set({ authorization: `Bearer ${tokens.accessToken}` });
    expect(reply.body).toMatchObject({ personId: tokens.person.id });
    return reply.body as { personId: string; name: string; email: string; roles: string[] };
  };

  it('names the provider for the sign-in button, and sends the browser to it with a PKCE challenge (S256), a state and a nonce', async () => {
    expect((await h.http().get('/auth/oidc').expect(200)).body).toEqual({ configured: true, providerName: 'Acme SSO' });
    const { authorizationUrl, state } = await start();
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: 'console', response_type: 'code', code_challenge_method: 'S256', state, redirect_uri: provider.redirectUri });
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
  });

  it('registers the person on the first sign-in with the mapped roles, reuses them on the next, and follows a changed mapping', async () => {
    const subject = `reviewer-${randomUUID()}`;
    const email = `${subject}@acme.example`;
    const first = await signIn(subject, { email, email_verified: true, name: 'Sun Li', groups: ['cb-reviewers', 'staff-canteen'] });
    expect(first.person).toMatchObject({ name: 'Sun Li', roles: ['reviewer'] });
    expect(await me(first)).toMatchObject({ personId: first.person.id, email, roles: ['reviewer'] });
    await h.http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);

    // The provider now puts the person in the deciders' group too: the same person, with the roles changed as a directory event.
    const second = await signIn(subject, { email, email_verified: true, name: 'Sun Li', groups: ['cb-reviewers', 'cb-deciders'] });
    expect(second.person).toEqual({ id: first.person.id, name: 'Sun Li', roles: ['reviewer', 'decision-maker'] });
    const history = (await h.http().get(`/people/${first.person.id}/history`).set(h.as('ada.admin')).expect(200)).body as { events: { type: string }[] };
    expect(JSON.stringify(history)).toContain('directory.roles-changed');
    expect(JSON.stringify(history)).toContain('identity-provider');
  });

  it('refuses a state it did not issue or has used, a code from another sign-in (PKCE verifier and nonce are the other\'s), and an account without a mapped role', async () => {
    const subject = `mixed-${randomUUID()}`;
    const claims = { email: `${subject}@acme.example`, email_verified: true, name: 'Zhou Ming', groups: ['cb-admins'] };
    const a = await start();
    const b = await start();
    const backA = await provider.authorize(a.authorizationUrl, subject, claims);
    expect((await finish(backA, 'x'.repeat(43)).expect(400)).body.code).toBe('auth.oidc-state-unknown');
    const crossed = await finish(backA, b.state).expect(401);
    expect(crossed.body.code).toBe('auth.oidc-refused');
    // B's pending sign-in was spent by the refused attempt, and A's code still works with A's own state, once.
    expect((await finish(backA, b.state).expect(400)).body.code).toBe('auth.oidc-state-unknown');
    const tokens = (await finish(backA, a.state).expect(200)).body as Tokens;
    expect(tokens.person.roles).toEqual(['administrator']);
    expect((await finish(backA, a.state).expect(400)).body.code).toBe('auth.oidc-state-unknown');

    const outsider = `outsider-${randomUUID()}`;
    const c = await start();
    const backC = await provider.authorize(c.authorizationUrl, outsider, { email: `${outsider}@acme.example`, email_verified: true, groups: ['staff-canteen'] });
    expect((await finish(backC).expect(403)).body.code).toBe('auth.oidc-no-role');
  });

  it('links a person of the directory by a verified address, refuses an unverified one, and refuses a disabled person', async () => {
    const email = `linked-${randomUUID()}@acme.example`;
    const added = await h.http().post('/staff').set(h.as('ada.admin')).send({ name: 'Qian Wei', email, roles: ['reviewer'] }).expect(201);
    const unverified = await start();
    const backU = await provider.authorize(unverified.authorizationUrl, `unverified-${randomUUID()}`, { email, email_verified: false, groups: ['cb-reviewers'] });
    expect((await finish(backU).expect(409)).body.code).toBe('auth.oidc-email-taken');

    const subject = `linked-${randomUUID()}`;
    const linked = await signIn(subject, { email, email_verified: true, name: 'Qian Wei', groups: ['cb-reviewers'] });
    expect(linked.person).toEqual({ id: added.body.personId, name: 'Qian Wei', roles: ['reviewer'] });

    await h.http().post(`/people/${added.body.personId}/disable`).set(h.as('ada.admin')).send({ reason: 'left the body' }).expect(200);
    const again = await start();
    const backD = await provider.authorize(again.authorizationUrl, subject, { email, email_verified: true, name: 'Qian Wei', groups: ['cb-reviewers'] });
    expect((await finish(backD).expect(403)).body.code).toBe('auth.person-inactive');
  });
});
