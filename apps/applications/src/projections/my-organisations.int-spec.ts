import { waitFor } from '@gbt/testing';
import { ACME, GLOBEX, startApplications, type Harness } from '../testing/harness';

describe("GET /me/organisations: the applicant's organisations by name, on the real database and Kafka", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApplications();
  });
  afterAll(() => h.close());

  const as = (user: string) => ({ authorization: h.bearer(user) });
  const mine = async (user: string) => (await h.http().get('/me/organisations').set(as(user)).expect(200)).body as { organisationId: string; name: string; creditCode: string }[];

  it("lists each applicant's own organisations with name and credit code, and nobody else's", async () => {
    // Registered again in every run: the second registration of the same credit code is refused, the membership stays.
    await h.http().post('/organisations').set(as('alice.applicant')).send(ACME);
    await h.http().post('/organisations').set(as('bob.applicant')).send(GLOBEX);
    const alice = await waitFor(async () => {
      const list = await mine('alice.applicant');
      return list.some((o) => o.creditCode === ACME.creditCode) ? list : undefined;
    });
    expect(alice).toContainEqual({ organisationId: `org-${ACME.creditCode}`, name: ACME.name, creditCode: ACME.creditCode });
    expect(alice.map((o) => o.creditCode)).not.toContain(GLOBEX.creditCode);
    const bob = await waitFor(async () => {
      const list = await mine('bob.applicant');
      return list.some((o) => o.creditCode === GLOBEX.creditCode) ? list : undefined;
    });
    expect(bob.map((o) => o.creditCode)).not.toContain(ACME.creditCode);
  });

  it('is for applicants: staff get 403, no token 401', async () => {
    await h.http().get('/me/organisations').set(as('lena.lead')).expect(403);
    await h.http().get('/me/organisations').expect(401);
  });
});
