import { randomInt, randomUUID } from 'node:crypto';
import { creditCodeCheckCharacter } from '@gbt/contracts';
import { waitFor } from '@gbt/testing';
import { startStack, type Stack } from './stack';

type Tokens = { accessToken: string; refreshToken: string; person: { id: string } };
type Mail = { kind: string; to: string; link: string | null };

const PASSWORD = 'correct horse battery staple';
const email = (name: string) => `${name}-${randomUUID().slice(0, 8)}@people.example`;
const bearer = (t: Tokens) => ({ authorization: `Bearer ${t.accessToken}` });
const SCOPE = { productCategories: ['家用电器 household appliances'], serviceCategories: ['维修 repair'] };
/** A valid unified social credit code that no other run uses. */
const creditCode = () => {
  const first17 = `91350100${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

/**
 * The directory's word in the other services, over HTTP against real processes as `npm start` runs
 * them and with unlisted people refused as in production: tokens of disabled, removed and unknown
 * people are refused by the applications service, and organisations' members follow the directory
 * there and in scoring's copy (case-access).
 */
describe("the directory's people and members in the applications service", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(['directory', 'applications', 'scoring'], { unlistedPeople: 'refuse' });
  }, 180_000);
  afterAll(() => stack?.stop(), 90_000);

  const dir = () => stack.http('directory');
  const apps = () => stack.http('applications');
  const scoring = () => stack.http('scoring');
  const register = async (name: string): Promise<Tokens> => (await dir().post('/auth/registration').send({ name, email: email(name), password: PASSWORD }).expect(201)).body;
  /** The applications service answers this person's token as `status` (its read model follows the directory's events). */
  const appsAnswers = (tokens: Tokens, status: number, what: string) =>
    waitFor(async () => {
      const res = await apps().get('/me/organisations').set(bearer(tokens));
      return res.status === status && res;
    }, 20_000, what);

  it("accepts a person of the directory, refuses one it does not know, and refuses a disabled or removed person's token within seconds and their refresh at once", async () => {
    const wang = await register('wang');
    await appsAnswers(wang, 200, 'a registered person to be accepted');

    const stranger = await stack.issuer.sign({ sub: `nobody-${randomUUID()}`, roles: ['applicant'], iat: -60, exp: 300 });
    const unknown = await apps().get('/me/organisations').set('authorization', `Bearer ${stranger}`).expect(401);
    expect(unknown.body).toMatchObject({ code: 'access.person-unknown' });

    await dir().post(`/people/${wang.person.id}/disable`).set(stack.as('ada.admin')).send({ reason: 'on leave' }).expect(200);
    const disabled = await appsAnswers(wang, 401, 'the disabled person to be refused');
    expect(disabled.body).toMatchObject({ code: 'access.person-disabled', params: { personId: wang.person.id } });
    expect((await dir().post('/auth/refresh').send({ refreshToken: wang.refreshToken }).expect(401)).body.code).toBe('auth.refresh-revoked');

    const li = await register('li');
    await appsAnswers(li, 200, 'a second registered person to be accepted');
    await dir().post(`/people/${li.person.id}/removal`).set(stack.as('ada.admin')).send({ reason: 'left the company' }).expect(200);
    expect((await dir().post('/auth/refresh').send({ refreshToken: li.refreshToken }).expect(401)).body.code).toBe('auth.refresh-revoked');
    const removed = await appsAnswers(li, 401, 'the removed person to be refused');
    expect(removed.body).toMatchObject({ code: 'access.person-removed' });
  });

  it("accepts the demo people of `npm start`, by the console's demo tokens and by one-click sign-in, as the directory seeds them", async () => {
    await appsAnswers({ accessToken: stack.as('alice.applicant').authorization.replace(/^Bearer /, ''), refreshToken: '', person: { id: 'alice.applicant' } }, 200, "alice's demo token to be accepted");
    const demo = (await dir().post('/demo/sign-in').send({ personId: 'bob.applicant' }).expect(200)).body as Tokens;
    await appsAnswers(demo, 200, "bob's demo sign-in to be accepted");
  });

  it("lets a colleague who joined by invitation read and act on the organisation's cases, and not once they left", async () => {
    const first = await register('first');
    await appsAnswers(first, 200, 'the registrant to be accepted');
    const mail = email('alice');
    const organisation = { name: 'Acme 福州爱克美 (members)', creditCode: creditCode(), address: '1 Wusi Road, Fuzhou', contacts: [{ name: 'Wang', phone: '+86 591 1234567', email: mail }], outlets: [] };
    const { organisationId } = (await apps().post('/organisations').set(bearer(first)).send(organisation).expect(201)).body as { organisationId: string };
    const { caseId } = (await apps().post('/cases').set(bearer(first)).send({ organisationId, scope: SCOPE }).expect(201)).body as { caseId: string };

    // The directory makes the registrant the first member; the registrant invites a colleague by mail.
    const colleagueEmail = email('colleague');
    await waitFor(async () => (await dir().post(`/organisations/${organisationId}/invitations`).set(bearer(first)).send({ email: colleagueEmail })).status === 201, 20_000, 'the invitation');
    const mails = (await dir().get('/demo/mails?limit=100').expect(200)).body.mails as Mail[];
    const link = mails.find((m) => m.to === colleagueEmail && m.kind === 'invitation')?.link;
    const token = new URL(link!).searchParams.get('token');
    const joined = (await dir().post('/invitations/acceptance').send({ token, name: 'Li Lei', password: PASSWORD }).expect(201)).body as { personId: string; tokens: Tokens };
    const colleague = joined.tokens;

    // The colleague reads the case, finds the organisation in their picker and adds a draft of their own.
    await waitFor(async () => (await apps().get(`/cases/${caseId}`).set(bearer(colleague))).status === 200, 20_000, 'the colleague to read the case');
    await waitFor(async () => ((await apps().get('/me/organisations').set(bearer(colleague))).body as { organisationId: string }[]).some((o) => o.organisationId === organisationId), 20_000, "the organisation in the colleague's picker");
    await apps().post('/cases').set(bearer(colleague)).send({ organisationId, scope: SCOPE }).expect(201);
    // Another service's copy of the members (case-access) follows the directory as well.
    await waitFor(async () => (await scoring().get(`/cases/${caseId}/scorecards`).set(bearer(colleague))).status === 200, 20_000, "the colleague to read the case's scorecards");

    // The colleague leaves: the case answers as missing, as to a stranger.
    await dir().post(`/organisations/${organisationId}/members/${joined.personId}/departure`).set(bearer(colleague)).expect(200);
    const gone = await waitFor(async () => {
      const res = await apps().get(`/cases/${caseId}`).set(bearer(colleague));
      return res.status === 404 && res;
    }, 20_000, 'the case to be refused to the colleague who left');
    expect(gone.body).toMatchObject({ status: 404 });
    await apps().post('/cases').set(bearer(colleague)).send({ organisationId, scope: SCOPE }).expect(404);
    expect((await apps().get('/me/organisations').set(bearer(colleague)).expect(200)).body).toEqual([]);
    await waitFor(async () => (await scoring().get(`/cases/${caseId}/scorecards`).set(bearer(colleague))).status === 404, 20_000, "the scorecards to be refused to the colleague who left");
    await apps().get(`/cases/${caseId}`).set(bearer(first)).expect(200);
    await scoring().get(`/cases/${caseId}/scorecards`).set(bearer(first)).expect(200);
  });
});
