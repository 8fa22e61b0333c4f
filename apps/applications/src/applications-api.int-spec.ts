import { readdirSync } from 'node:fs';
import { MongoEventStore } from '@gbt/event-store';
import { Topics } from '@gbt/contracts';
import { readTopic, testKafka, waitFor } from '@gbt/testing';
import { ACME, draftWithEvidence, GLOBEX, PDF, startApplications, type Harness } from './testing/harness';

describe('applications service over HTTP, on the real database and Kafka', () => {
  let h: Harness;
  let store: MongoEventStore;
  beforeAll(async () => {
    h = await startApplications();
    store = h.app.get(MongoEventStore);
  });
  afterAll(() => h.close());

  const as = (user: string) => ({ authorization: h.bearer(user) });

  it('publishes a submitted application on certification.case.v1', async () => {
    const { caseId, version } = await draftWithEvidence(h);
    await h.http().post(`/cases/${caseId}/submit`).set(as('alice.applicant')).set('if-match', `"${version}"`).expect(200);
    const messages = await readTopic(testKafka(), Topics.certificationCase, (all) =>
      all.some((m) => m.key?.toString() === caseId && JSON.parse(m.value!.toString()).type === 'certification.application-submitted'),
    );
    const ours = messages.filter((m) => m.key?.toString() === caseId).map((m) => JSON.parse(m.value!.toString()));
    expect(ours.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'certification.application-drafted'],
      [2, 'certification.case-status-changed'],
      [3, 'certification.evidence-attached'],
      [4, 'certification.case-status-changed'],
      [5, 'certification.application-submitted'],
      [6, 'certification.case-status-changed'],
    ]);
    expect(ours[5]).toMatchObject({ data: { caseId, status: 'submitted', changes: [{ type: 'certification.application-submitted', data: {} }] } });
    expect(ours[4]).toMatchObject({ actor: { id: 'alice.applicant', role: 'applicant' }, streamId: caseId });
  });

  it('lets exactly one of two concurrent conflicting commands through; the other gets 409 with the current version', async () => {
    const { caseId, version } = await draftWithEvidence(h);
    const submitted = (await h.http().post(`/cases/${caseId}/submit`).set(as('alice.applicant')).set('if-match', `"${version}"`).expect(200)).body.version;
    const [accept, refuse] = await Promise.all([
      h.http().post(`/cases/${caseId}/accept`).set(as('lena.lead')).set('if-match', `"${submitted}"`),
      h.http().post(`/cases/${caseId}/refuse`).set(as('ada.admin')).set('if-match', `"${submitted}"`).send({ reason: 'not eligible' }),
    ]);
    expect([accept.status, refuse.status].sort()).toEqual([200, 409]);
    const loser = accept.status === 409 ? accept : refuse;
    // Each change is its facts and the status snapshot after them: accepting or refusing is version 8.
    expect(loser.body).toMatchObject({ status: 409, currentVersion: 8 });
    expect(loser.headers.etag).toBe('"8"');
    expect(await store.streamVersion(caseId)).toBe(8);
  });

  it('answers what a case looked like at any past instant, and shows its whole history', async () => {
    h.clock.set('2027-02-01T08:00:00Z');
    const { caseId, version } = await draftWithEvidence(h);
    h.clock.set('2027-02-03T08:00:00Z');
    const submitted = (await h.http().post(`/cases/${caseId}/submit`).set(as('alice.applicant')).set('if-match', `"${version}"`).expect(200)).body.version;
    h.clock.set('2027-03-01T08:00:00Z');
    await h.http().post(`/cases/${caseId}/accept`).set(as('lena.lead')).set('if-match', `"${submitted}"`).expect(200);

    const then = await h.http().get(`/cases/${caseId}`).query({ asOf: '2027-02-15T00:00:00Z' }).set(as('alice.applicant')).expect(200);
    expect(then.body).toMatchObject({ status: 'submitted', version: 6, asOf: '2027-02-15T00:00:00.000Z' });
    expect(then.headers.etag).toBe('"6"');
    const now = await h.http().get(`/cases/${caseId}`).set(as('alice.applicant')).expect(200);
    expect(now.body).toMatchObject({ status: 'under-evaluation', phase: 'document-review', version: 8 });
    const history = await h.http().get(`/cases/${caseId}/history`).set(as('rita.reviewer')).expect(200);
    expect(history.body.map((e: { type: string; occurredAt: string }) => [e.type, e.occurredAt])).toEqual([
      ['certification.application-drafted', '2027-02-01T08:00:00.000Z'],
      ['certification.evidence-attached', '2027-02-01T08:00:00.000Z'],
      ['certification.application-submitted', '2027-02-03T08:00:00.000Z'],
      ['certification.application-accepted', '2027-03-01T08:00:00.000Z'],
    ]);
    await h.http().get(`/cases/${caseId}`).query({ asOf: 'last tuesday' }).set(as('alice.applicant')).expect(400);
  });

  it('serves an attached document back byte for byte, with its name and hash', async () => {
    const { caseId, documentId } = await draftWithEvidence(h);
    const res = await h.http().get(`/cases/${caseId}/evidence/${documentId}`).set(as('alice.applicant')).buffer(true).expect(200);
    expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('营业执照.pdf')}`);
    const { body } = await h.http().get(`/cases/${caseId}`).set(as('alice.applicant'));
    expect(res.headers.etag).toBe(`"${body.evidence[documentId].sha256}"`);
  });

  describe('bad input gets a 4xx that names the problem, and changes nothing', () => {
    let caseId: string;
    let version: number;
    let files: number;
    beforeAll(async () => {
      ({ caseId, version } = await draftWithEvidence(h));
      files = readdirSync(h.filesDir).length;
    });
    const unchanged = async () => {
      expect(await store.streamVersion(caseId)).toBe(version);
      expect(readdirSync(h.filesDir)).toHaveLength(files);
    };
    const upload = (file: Buffer, contentType: string, requirementId = '5.1.2.1') =>
      h
        .http()
        .post(`/cases/${caseId}/evidence`)
        .set(as('alice.applicant'))
        .set('if-match', `"${version}"`)
        .field('requirementId', requirementId)
        .attach('file', file, { filename: 'x', contentType });

    it('an invalid credit code', async () => {
      const res = await h.http().post('/organisations').set(as('bob.applicant')).send({ ...GLOBEX, creditCode: '91110000802100433C' }).expect(400);
      expect(res.body.errors).toEqual(['creditCode: the check character of 91110000802100433C should be B, not C']);
      expect(await store.streamVersion('org-91110000802100433C')).toBe(0);
    });

    it('a malformed or incomplete body', async () => {
      const bad = await h.http().post('/cases').set(as('alice.applicant')).set('content-type', 'application/json').send('{"organisationId": ').expect(400);
      expect(bad.body.detail).toMatch(/JSON/);
      const missing = await h.http().post('/cases').set(as('alice.applicant')).send({ scope: {} }).expect(400);
      expect(missing.body.errors).toEqual([expect.stringMatching(/^organisationId: /)]);
    });

    it('a file of a forbidden type, or whose bytes are not what it claims', async () => {
      expect((await upload(Buffer.from('hello'), 'text/plain').expect(415)).body.detail).toMatch(/content type text\/plain is not accepted/);
      expect((await upload(PDF, 'image/png').expect(415)).body.detail).toBe("the file's bytes are not a image/png file");
      await unchanged();
    });

    it('a file over the size limit', async () => {
      const res = await upload(Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]), 'application/pdf').expect(413);
      expect(res.body.detail).toMatch(/too large/i);
      await unchanged();
    });

    it('a requirement or catalogue version that does not exist', async () => {
      const res = await upload(PDF, 'application/pdf', '9.9.9').expect(422);
      expect(res.body).toMatchObject({ code: 'UnknownRequirement', detail: 'requirement 9.9.9 does not exist in catalogue gbt27922-2011.v1' });
      const draft = await h.http().post('/cases').set(as('alice.applicant')).send({ organisationId: 'org-91350100M000100Y43', catalogueVersion: 'v0', scope: {} }).expect(400);
      expect(draft.body.errors).toEqual([expect.stringMatching(/^catalogueVersion: must be a published catalogue version: gbt27922-2011.v1/)]);
      await unchanged();
    });

    it('an illegal transition', async () => {
      const res = await h.http().post(`/cases/${caseId}/accept`).set(as('lena.lead')).set('if-match', `"${version}"`).expect(409);
      expect(res.body).toMatchObject({ code: 'NotAllowedInState', detail: 'accept-application is not allowed when the case is draft' });
      await unchanged();
    });

    it('a change without If-Match, or with a stale one', async () => {
      const res = await h.http().post(`/cases/${caseId}/submit`).set(as('alice.applicant')).expect(428);
      expect(res.body).toMatchObject({ currentVersion: version });
      await h.http().post(`/cases/${caseId}/submit`).set(as('alice.applicant')).set('if-match', `"${version - 1}"`).expect(409);
      await unchanged();
    });
  });

  describe('an applicant never reaches another organisation', () => {
    let alice: Awaited<ReturnType<typeof draftWithEvidence>>;
    beforeAll(async () => {
      alice = await draftWithEvidence(h);
      await h.http().post('/organisations').set(as('bob.applicant')).send(GLOBEX).expect(201);
    });

    it('cannot read, list, download, change or apply for it', async () => {
      const bob = as('bob.applicant');
      const { caseId, documentId, organisationId, version } = alice;
      await h.http().get(`/cases/${caseId}`).set(bob).expect(404);
      await h.http().get(`/cases/${caseId}/history`).set(bob).expect(404);
      await h.http().get(`/cases/${caseId}/evidence/${documentId}`).set(bob).expect(404);
      await h.http().get(`/organisations/${organisationId}`).set(bob).expect(404);
      await h.http().put(`/organisations/${organisationId}`).set(bob).set('if-match', '"1"').send(ACME).expect(404);
      await h.http().post(`/cases/${caseId}/submit`).set(bob).set('if-match', `"${version}"`).expect(404);
      await h.http().delete(`/cases/${caseId}/evidence/${documentId}`).set(bob).set('if-match', `"${version}"`).expect(404);
      await h
        .http()
        .post(`/cases/${caseId}/evidence`)
        .set(bob)
        .set('if-match', `"${version}"`)
        .field('requirementId', '5.1.1.1')
        .attach('file', PDF, { filename: 'x.pdf', contentType: 'application/pdf' })
        .expect(404);
      await h.http().post('/cases').set(bob).send({ organisationId, scope: { productCategories: ['x'] } }).expect(404);
      expect(await store.streamVersion(caseId)).toBe(version);
      const list = await waitFor(async () => {
        const res = await h.http().get('/cases').set(bob).expect(200);
        return res;
      });
      expect(list.body.items.map((i: { organisationId: string }) => i.organisationId)).not.toContain(organisationId);
    });

    it('cannot do staff work', async () => {
      await h.http().post(`/cases/${alice.caseId}/accept`).set(as('alice.applicant')).set('if-match', `"${alice.version}"`).expect(403);
    });
  });

  it('lists cases from a read model that can be dropped and rebuilt', async () => {
    const { caseId } = await draftWithEvidence(h);
    const listed = await waitFor(async () => {
      const res = await h.http().get('/cases').query({ status: 'draft', limit: 200 }).set(as('lena.lead')).expect(200);
      return res.body.items.some((i: { caseId: string; version: number }) => i.caseId === caseId && i.version === 4) ? res.body : undefined;
    });
    expect(listed.items.find((i: { caseId: string }) => i.caseId === caseId)).toMatchObject({ status: 'draft', organisationName: ACME.name, version: 4 });
    // Wait until the read model has caught up with every case stream, then compare it with a rebuild.
    const before = await waitFor(async () => {
      const rows = await h.db.collection('case_list').find({}).sort({ _id: 1 }).toArray();
      const streams = await h.db.collection('es_commits').distinct('streamId');
      const cases = streams.filter((s: string) => s.startsWith('case-'));
      const current = await Promise.all(rows.map(async (r) => r.version === (await store.streamVersion(String(r._id)))));
      return rows.length === cases.length && current.every(Boolean) ? rows : undefined;
    });
    const rebuilt = await h.http().post('/admin/read-models/rebuild').set(as('ada.admin')).expect(200);
    expect(rebuilt.body.cases).toBe(before.length);
    expect(await h.db.collection('case_list').find({}).sort({ _id: 1 }).toArray()).toEqual(before);
    await h.http().get('/cases').query({ status: 'sleeping' }).set(as('lena.lead')).expect(400);
  });
});
