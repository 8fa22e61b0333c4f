import { startDirectory } from '../testing/harness';

describe('staff declare their own relations to organisations', () => {
  let h: Awaited<ReturnType<typeof startDirectory>>;

  beforeAll(async () => {
    h = await startDirectory();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a reviewer declares a consultancy; it is theirs in the history, and only an administrator can retract it', async () => {
    const declared = await h.http().post('/me/relations').set(h.as('roy.reviewer')).send({ organisationId: 'org-own-relation', kind: 'consultancy', from: '2025-03-01', until: '2026-02-28', description: 'advised on the complaint process' }).expect(201);
    const { relationId } = declared.body as { relationId: string };
    expect(relationId).toMatch(/^relation-/);

    const me = await h.http().get('/me').set(h.as('roy.reviewer')).expect(200);
    expect(me.body.relations[relationId]).toMatchObject({ organisationId: 'org-own-relation', kind: 'consultancy', from: '2025-03-01', until: '2026-02-28' });

    const history = await h.http().get('/people/roy.reviewer/history').set(h.as('ada.admin')).expect(200);
    expect(history.body.at(-1)).toMatchObject({ type: 'directory.relation-declared', actor: { id: 'roy.reviewer' } });

    await h.http().post(`/people/roy.reviewer/relations/${relationId}/retraction`).set(h.as('roy.reviewer')).send({ reason: 'changed my mind' }).expect(403);
    await h.http().post(`/people/roy.reviewer/relations/${relationId}/retraction`).set(h.as('ada.admin')).send({ reason: 'entered twice' }).expect(200);
  });

  it('refuses an applicant, and a declaration without its start date or of an unknown kind', async () => {
    await h.http().post('/me/relations').set(h.as('alice.applicant')).send({ organisationId: 'org-x', kind: 'employment', from: '2025-01-01' }).expect(403);
    const noStart = await h.http().post('/me/relations').set(h.as('rita.reviewer')).send({ organisationId: 'org-x', kind: 'employment' }).expect(400);
    expect(JSON.stringify(noStart.body)).toContain('from');
    await h.http().post('/me/relations').set(h.as('rita.reviewer')).send({ organisationId: 'org-x', kind: 'friendship', from: '2025-01-01' }).expect(400);
    expect((await h.http().get('/me').set(h.as('rita.reviewer')).expect(200)).body.relations).toEqual({});
  });
});
