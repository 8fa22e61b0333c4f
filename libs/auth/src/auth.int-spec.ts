import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SignJWT } from 'jose';
import request from 'supertest';
import { configureHttp } from '@gbt/platform';
import { JsonLogger } from '@gbt/messaging';
import { AuthModule, CurrentUser, DEMO_USERS, DEV_ISSUER, DevIssuer, PERSON_STANDING, TokenVerifier, type PersonStanding, type Principal, type Standing } from './index';

const user = (id: string) => DEMO_USERS.find((u) => u.id === id)!;

const PROBE_RULES = {
  'GET /open': { grants: [{ who: 'anyone' as const }] },
  'GET /me': { grants: [{ who: 'applicant' as const }, { who: 'decision-maker' as const }] },
  'GET /decisions': { grants: [{ who: 'decision-maker' as const }] },
};

@Controller()
class ProbeController {
  @Get('open')
  open() {
    return { ok: true };
  }

  @Get('me')
  me(@CurrentUser() me: Principal) {
    return me;
  }

  @Get('decisions')
  decisions() {
    return { ok: true };
  }

  @Get('unlisted')
  unlisted() {
    return { ok: true };
  }
}

/** The directory as this probe service knows it: the demo people, one disabled, one removed, and a decision maker who lost that role. */
const STANDINGS = new Map<string, Standing>([
  ...DEMO_USERS.map((u): [string, Standing] => [u.id, { status: 'active', roles: u.roles }]),
  ['dora.disabled', { status: 'disabled', roles: ['applicant'] }],
  ['rex.removed', { status: 'removed', roles: ['applicant'] }],
  ['demoted.decider', { status: 'active', roles: ['applicant'] }],
]);
const probePeople: PersonStanding = { standing: async (id) => STANDINGS.get(id) ?? null };

describe('bearer tokens from the development issuer', () => {
  let issuer: DevIssuer;
  const signed = (times: { iat?: number | null; exp?: number | null; nbf?: number }) => issuer.sign({ sub: 'alice.applicant', name: 'Alice', roles: ['applicant'], ...times });
  let other: DevIssuer;
  let verifier: TokenVerifier;
  let app: INestApplication;

  beforeAll(async () => {
    issuer = await DevIssuer.open(mkdtempSync(join(tmpdir(), 'auth-')));
    other = await DevIssuer.open(mkdtempSync(join(tmpdir(), 'auth-other-')));
    const config = { issuer: DEV_ISSUER, audience: 'gbt27922-certification', jwksFile: issuer.jwksFile };
    verifier = new TokenVerifier(config);
    @Module({ imports: [AuthModule.forRoot(config, 'applications', PROBE_RULES)], controllers: [ProbeController], providers: [{ provide: PERSON_STANDING, useValue: probePeople }] })
    class ProbeModule {}
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = configureHttp(moduleRef.createNestApplication({ logger: false }), new JsonLogger('auth-test', 'error'));
    await app.init();
  });
  afterAll(() => app.close());

  it('turns a valid token into a principal with its roles', async () => {
    expect(await verifier.verify(await issuer.token(user('lena.lead')))).toEqual({
      id: 'lena.lead',
      name: 'Lena Zhou (lead reviewer)',
      roles: ['lead-reviewer', 'reviewer'],
    });
  });

  it('rejects tokens signed by another key, tampered, expired, for another audience or without a known role', async () => {
    const good = await issuer.token(user('alice.applicant'));
    const [h, p, s] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), roles: ['administrator'] })).toString('base64url');
    await expect(verifier.verify(await other.token(user('alice.applicant')))).rejects.toThrow(/invalid token/);
    await expect(verifier.verify(`${h}.${forged}.${s}`)).rejects.toThrow(/signature verification failed/);
    await expect(verifier.verify(await issuer.token(user('alice.applicant'), -120))).rejects.toThrow(/"exp" claim/);
    const elsewhere = new TokenVerifier({ issuer: DEV_ISSUER, audience: 'another-system', jwksFile: issuer.jwksFile });
    await expect(elsewhere.verify(good)).rejects.toThrow(/"aud" claim/);
    const noRole = await new SignJWT({ roles: ['superuser'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(DEV_ISSUER)
      .setAudience('gbt27922-certification')
      .sign(new TextEncoder().encode('not-the-issuer-key-at-all-000000'));
    await expect(verifier.verify(noRole)).rejects.toThrow(/invalid token/);
  });

  it('refuses a token without "exp" or "iat", living longer than allowed, issued or valid only in the future', async () => {
    await expect(verifier.verify(await signed({}))).resolves.toMatchObject({ id: 'alice.applicant' });
    await expect(verifier.verify(await signed({ exp: null }))).rejects.toThrow(/"exp" claim/);
    await expect(verifier.verify(await signed({ iat: null }))).rejects.toThrow(/"iat" claim/);
    await expect(verifier.verify(await signed({ exp: 13 * 3600 }))).rejects.toThrow(/longer than the 43200 s allowed/);
    await expect(verifier.verify(await signed({ iat: 3600, exp: 7200 }))).rejects.toThrow(/"iat" is in the future/);
    await expect(verifier.verify(await signed({ nbf: 3600 }))).rejects.toThrow(/"nbf" claim/);
    // Within the bounded clock skew, an issuer a few seconds ahead is still accepted.
    await expect(verifier.verify(await signed({ iat: 10, nbf: 10 }))).resolves.toMatchObject({ id: 'alice.applicant' });
    const shortLived = new TokenVerifier({ issuer: DEV_ISSUER, audience: 'gbt27922-certification', jwksFile: issuer.jwksFile, maxLifetimeSeconds: 300 });
    await expect(shortLived.verify(await signed({}))).rejects.toThrow(/longer than the 300 s allowed/);
  });

  it('guards every endpoint by the access rules, and refuses an endpoint that has no rule', async () => {
    const http = request(app.getHttpServer());
    const unlisted = await http.get('/unlisted').set('authorization', `Bearer ${await issuer.token(user('ada.admin'))}`).expect(403);
    expect(unlisted.body).toMatchObject({ code: 'access.no-rule', params: { operation: 'GET /unlisted' } });
  });

  it('guards every endpoint unless marked public, with 401 and 403 as problem+json', async () => {
    const http = request(app.getHttpServer());
    await http.get('/open').expect(200);
    const missing = await http.get('/me').expect(401);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect(missing.body.detail).toMatch(/bearer token is required/);
    await http.get('/me').set('authorization', 'Bearer nonsense').expect(401);
    const alice = await issuer.token(user('alice.applicant'));
    expect((await http.get('/me').set('authorization', `Bearer ${alice}`).expect(200)).body.id).toBe('alice.applicant');
    const forbidden = await http.get('/decisions').set('authorization', `Bearer ${alice}`).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'access.role', detail: 'this needs one of the roles: decision-maker', params: { roles: ['decision-maker'] } });
    await http.get('/decisions').set('authorization', `Bearer ${await issuer.token(user('dan.decider'))}`).expect(200);
  });

  it('refuses the valid tokens of people the directory disabled, removed or does not know, and roles it took away', async () => {
    const http = request(app.getHttpServer());
    const as = async (sub: string, roles = ['applicant']) => `Bearer ${await issuer.sign({ sub, name: sub, roles, iat: -60 })}`;
    expect((await http.get('/me').set('authorization', await as('dora.disabled')).expect(401)).body).toMatchObject({ code: 'access.person-disabled' });
    expect((await http.get('/me').set('authorization', await as('rex.removed')).expect(401)).body).toMatchObject({ code: 'access.person-removed' });
    expect((await http.get('/me').set('authorization', await as('nobody.known')).expect(401)).body).toMatchObject({ code: 'access.person-unknown', params: { personId: 'nobody.known' } });
    // The token still claims decision-maker, which the directory no longer gives the person.
    const demoted = await as('demoted.decider', ['decision-maker', 'applicant']);
    expect((await http.get('/me').set('authorization', demoted).expect(200)).body.roles).toEqual(['applicant']);
    expect((await http.get('/decisions').set('authorization', demoted).expect(403)).body).toMatchObject({ code: 'access.role' });
  });
});
