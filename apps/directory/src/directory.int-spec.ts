import { randomUUID } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from '@gbt/auth';
import { EventRegistry, organisationEvents, Topics } from '@gbt/contracts';
import { EventPublisher } from '@gbt/messaging';
import { testEnvelope, testKafka, waitFor } from '@gbt/testing';
import { totpCode } from './accounts/totp';
import { startDirectory } from './testing/harness';

type Tokens = { accessToken: string; refreshToken: string; expiresIn: number; person: { id: string; roles: string[] } };
type Mail = { _id: string; kind: string; to: string; link: string | null };

const PASSWORD = 'correct horse battery staple';
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}@acme.example`;
const bearer = (t: Tokens) => ({ authorization: `Bearer ${t.accessToken}` });
const tokenOf = (mail: Mail) => new URL(mail.link!).searchParams.get('token')!;

describe('directory service over HTTP', () => {
  let h: Awaited<ReturnType<typeof startDirectory>>;
  let publisher: EventPublisher;

  beforeAll(async () => {
    h = await startDirectory({ loginLimitPerAccount: 3, loginWindowSeconds: 60, accessTokenSeconds: 120 });
    publisher = new EventPublisher(testKafka(), { registry: new EventRegistry(organisationEvents), topicFor: () => Topics.organisation });
    await publisher.connect();
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await h?.close();
  });

  const signIn = (email: string, password = PASSWORD, totp?: string) => h.http().post('/auth/sign-in').send({ email, password, ...(totp ? { totp } : {}) });
  const mailsTo = async (to: string): Promise<Mail[]> => ((await h.http().get('/demo/mails?limit=100').expect(200)).body as { mails: Mail[] }).mails.filter((m) => m.to === to);

  it("registers a company's first user, who invites a colleague by mail; the colleague accepts and both are members", async () => {
    const email = unique('first');
    const weak = await h.http().post('/auth/registration').send({ name: 'Wang Fang', email, password: 'short' }).expect(400);
    expect(weak.body).toMatchObject({ code: 'auth.password-policy', params: { rule: 'too-short', minLength: 12 } });
    const first = (await h.http().post('/auth/registration').send({ name: 'Wang Fang', email, password: PASSWORD }).expect(201)).body as Tokens;
    expect(first.person.roles).toEqual(['applicant']);
    await h.http().post('/auth/registration').send({ name: 'Someone else', email: email.toUpperCase(), password: PASSWORD }).expect(409);

    // The applications service says the first user registered the organisation: the user becomes its first member.
    const organisationId = `org-${randomUUID()}`;
    const contacts = [{ name: 'Wang Fang', phone: '+86 571 1234567', email }];
    await publisher.publish([testEnvelope('applications.organisation-registered', organisationId, { organisationId, creditCode: '91330100MA2B3C4D5E', name: 'Acme', address: 'Hangzhou', contacts, outlets: [], registeredBy: first.person.id }, { actor: first.person.id })]);
    await waitFor(async () => (await h.http().get(`/organisations/${organisationId}/members`).set(bearer(first))).status === 200, 30_000, 'the registrant to become a member');

    const colleague = unique('colleague');
    const invited = await h.http().post(`/organisations/${organisationId}/invitations`).set(bearer(first)).send({ email: colleague }).expect(201);
    const [mail] = await mailsTo(colleague);
    expect(mail).toMatchObject({ kind: 'invitation' });
    await h.http().post('/invitations/acceptance').send({ token: tokenOf(mail!) }).expect(400);
    const accepted = await h.http().post('/invitations/acceptance').send({ token: tokenOf(mail!), name: 'Li Lei', password: PASSWORD }).expect(201);
    expect(accepted.body).toMatchObject({ organisationId, tokens: { person: { roles: ['applicant'] } } });
    await h.http().post('/invitations/acceptance').send({ token: tokenOf(mail!), name: 'Li Lei', password: PASSWORD }).expect(400);

    const members = await h.http().get(`/organisations/${organisationId}/members`).set(bearer(accepted.body.tokens)).expect(200);
    expect(members.body.members).toEqual([first.person.id, accepted.body.personId]);
    expect(members.body.invitations).toEqual([expect.objectContaining({ invitationId: invited.body.invitationId, status: 'accepted' })]);
    // Someone of another organisation sees it as missing; a member leaves.
    const stranger = (await h.http().post('/auth/registration').send({ name: 'Stranger', email: unique('stranger'), password: PASSWORD }).expect(201)).body as Tokens;
    await h.http().get(`/organisations/${organisationId}/members`).set(bearer(stranger)).expect(404);
    await h.http().post(`/organisations/${organisationId}/members/${accepted.body.personId}/departure`).set(bearer(accepted.body.tokens)).expect(200);
    await h.http().get(`/organisations/${organisationId}/members`).set(bearer(accepted.body.tokens)).expect(404);
  });

  it('signs in with a password, rotates refresh tokens, ends the family when an old one comes back, and signs out', async () => {
    const email = unique('rotation');
    await h.http().post('/auth/registration').send({ name: 'Zhao Min', email, password: PASSWORD }).expect(201);
    await signIn(email, 'not the password at all').expect(401, /auth.invalid-credentials/);
    const first = (await signIn(email).expect(200)).body as Tokens;
    expect(first.expiresIn).toBe(120);
    const second = (await h.http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body as Tokens;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reuse = await h.http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('auth.refresh-reused');
    // The whole family ended with it, the newest token too.
    expect((await h.http().post('/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401)).body.code).toBe('auth.refresh-revoked');

    const session = (await signIn(email).expect(200)).body as Tokens;
    await h.http().post('/auth/sign-out').send({ refreshToken: session.refreshToken }).expect(204);
    expect((await h.http().post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401)).body.code).toBe('auth.refresh-revoked');
  });

  it('issues access tokens that the services accept through the published keys', async () => {
    const email = unique('verified');
    const tokens = (await h.http().post('/auth/registration').send({ name: 'Sun Li', email, password: PASSWORD }).expect(201)).body as Tokens;
    const jwks = await h.http().get('/.well-known/jwks.json').expect(200);
    const published = join(mkdtempSync(join(tmpdir(), 'directory-jwks-')), 'jwks.json');
    writeFileSync(published, JSON.stringify(jwks.body));
    for (const jwksFile of [published, h.auth.config.jwksFile!]) {
      const principal = await new TokenVerifier({ ...h.auth.config, jwksFile }).verify(tokens.accessToken);
      expect(principal).toEqual({ id: tokens.person.id, name: 'Sun Li', roles: ['applicant'] });
    }
    expect((await h.http().get('/me').set(bearer(tokens)).expect(200)).body).toMatchObject({ email, status: 'active' });
  });

  it('requires TOTP of a decision maker: enrolment first, then a fresh code at every sign-in, none used twice', async () => {
    const email = unique('decider');
    const added = await h.http().post('/staff').set(h.as('ada.admin')).send({ name: 'Qian Wei', email, roles: ['decision-maker'], password: PASSWORD }).expect(201);
    const refused = await signIn(email).expect(403);
    expect(refused.body.code).toBe('auth.totp-enrolment-required');
    const ticket = refused.body.params.enrolmentTicket as string;
    const { secret, otpauthUri } = (await h.http().post('/auth/totp-enrolment').send({ ticket }).expect(200)).body as { secret: string; otpauthUri: string };
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    await h.http().post('/auth/totp-enrolment/confirmation').send({ ticket, code: totpCode(secret, new Date()) === '000000' ? '111111' : '000000' }).expect(401);
    const enrolmentCode = totpCode(secret, new Date());
    const enrolled = (await h.http().post('/auth/totp-enrolment/confirmation').send({ ticket, code: enrolmentCode }).expect(200)).body as Tokens;
    expect(enrolled.person).toMatchObject({ id: added.body.personId, roles: ['decision-maker'] });
    const { staff } = (await h.http().get('/staff').set(h.as('ada.admin')).expect(200)).body as { staff: { personId: string; roles: string[] }[] };
    expect(staff).toContainEqual(expect.objectContaining({ personId: added.body.personId, roles: ['decision-maker'] }));
    expect(staff.map((s) => s.personId)).toEqual(expect.arrayContaining(['rita.reviewer', 'dan.decider', 'ada.admin']));
    expect(staff.map((s) => s.personId)).not.toContain('alice.applicant');

    expect((await signIn(email).expect(401)).body.code).toBe('auth.totp-required');
    // A code is good once (RFC 6238 5.2): the enrolment's code again is refused, even within its 30 s; the next step's code is taken (one step of drift), once.
    expect((await signIn(email, PASSWORD, enrolmentCode).expect(401)).body.code).toBe('auth.totp-reused');
    const nextCode = totpCode(secret, new Date(Date.now() + 30_000));
    const signedIn = (await signIn(email, PASSWORD, nextCode).expect(200)).body as Tokens;
    expect(signedIn.person.roles).toEqual(['decision-maker']);
    expect((await signIn(email, PASSWORD, nextCode).expect(401)).body.code).toBe('auth.totp-reused');
  });

  it('lets only one of two sign-ins at the same moment with the same code through', async () => {
    const email = unique('racer');
    const registered = (await h.http().post('/auth/registration').send({ name: 'Ma Chao', email, password: PASSWORD }).expect(201)).body as Tokens;
    const { ticket } = (await h.http().post('/me/totp-enrolment').set(bearer(registered)).expect(200)).body as { ticket: string };
    const { secret } = (await h.http().post('/auth/totp-enrolment').send({ ticket }).expect(200)).body as { secret: string };
    await h.http().post('/auth/totp-enrolment/confirmation').send({ ticket, code: totpCode(secret, new Date()) }).expect(200);
    const code = totpCode(secret, new Date(Date.now() + 30_000));
    const answers = await Promise.all([signIn(email, PASSWORD, code), signIn(email, PASSWORD, code)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    expect(answers.find((a) => a.status === 401)?.body.code).toBe('auth.totp-reused');
  });

  it('resets a forgotten password through the mailed link, ending every sign-in', async () => {
    const email = unique('forgetful');
    await h.http().post('/auth/registration').send({ name: 'Zhou Xun', email, password: PASSWORD }).expect(201);
    const before = (await signIn(email).expect(200)).body as Tokens;
    await h.http().post('/auth/password-reset').send({ email }).expect(202);
    await h.http().post('/auth/password-reset').send({ email: unique('nobody') }).expect(202);
    const [mail] = await mailsTo(email);
    expect(mail).toMatchObject({ kind: 'password-reset' });
    const fresh = 'a new and much longer passphrase';
    await h.http().post('/auth/password-reset/confirmation').send({ token: tokenOf(mail!), password: 'aaaaaaaaaaaaaaaa' }).expect(400, /auth.password-policy/);
    await h.http().post('/auth/password-reset/confirmation').send({ token: tokenOf(mail!), password: fresh }).expect(204);
    await h.http().post('/auth/password-reset/confirmation').send({ token: tokenOf(mail!), password: fresh }).expect(400, /auth.token-invalid/);
    await signIn(email).expect(401);
    await signIn(email, fresh).expect(200);
    await h.http().post('/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);
  });

  it("refuses a disabled person's refresh at once, and lists the change in their history", async () => {
    const email = unique('leaver');
    const tokens = (await h.http().post('/auth/registration').send({ name: 'Wu Gang', email, password: PASSWORD }).expect(201)).body as Tokens;
    await h.http().post(`/people/${tokens.person.id}/disable`).set(h.as('ada.admin')).send({ reason: 'left the company' }).expect(200);
    expect((await h.http().post('/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401)).body.code).toBe('auth.refresh-revoked');
    expect((await signIn(email).expect(403)).body.code).toBe('auth.person-inactive');
    const history = await h.http().get(`/people/${tokens.person.id}/history`).set(h.as('ada.admin')).expect(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['directory.person-registered', 'directory.person-disabled']);
    expect(history.body[1]).toMatchObject({ actor: { id: 'ada.admin', role: 'administrator' }, data: { reason: 'left the company', by: 'ada.admin' } });
  });

  it('throttles failed sign-ins of an account with 429 and Retry-After', async () => {
    const email = unique('guessed');
    await h.http().post('/auth/registration').send({ name: 'Zheng He', email, password: PASSWORD }).expect(201);
    for (let i = 0; i < 3; i++) await signIn(email, `wrong guess number ${i}`).expect(401);
    const throttled = await signIn(email).expect(429);
    expect(throttled.body).toMatchObject({ code: 'auth.throttled', params: { scope: 'account' } });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('seeds the demo people with their qualifications and signs them in with one click in demo mode', async () => {
    const rita = (await h.http().post('/demo/sign-in').send({ personId: 'rita.reviewer' }).expect(200)).body as Tokens;
    expect(rita.person).toMatchObject({ id: 'rita.reviewer', roles: ['reviewer'] });
    const person = await h.http().get('/people/rita.reviewer').set(h.as('ada.admin')).expect(200);
    expect(Object.keys(person.body.qualifications)).toEqual(['qualification-rita.reviewer-appliances']);
  });

  it('says sign-in with an identity provider is off when OIDC is not configured, and refuses to start one', async () => {
    expect((await h.http().get('/auth/oidc').expect(200)).body).toEqual({ configured: false, providerName: null });
    expect((await h.http().post('/auth/oidc/authorization').expect(404)).body.code).toBe('auth.oidc-not-configured');
    expect((await h.http().post('/auth/oidc/sign-in').send({ code: 'code', state: 's'.repeat(43) }).expect(404)).body.code).toBe('auth.oidc-not-configured');
  });
});
