import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { demoAuth } from '@gbt/auth';
import { Test } from '@nestjs/testing';
import type { Db } from 'mongodb';
import request from 'supertest';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp, loadServiceConfig, MONGO_DB } from '@gbt/platform';
import { dropDatabase, startGroupsAtTopicEnds, TestClock, testKafka, uniqueName } from '@gbt/testing';
import { ApplicationsModule } from '../app.module';
import { LocalDiskFileStore } from '../evidence/file-store';

export const ACME = {
  name: 'Acme Appliances 福州爱克美电器有限公司',
  creditCode: '91350100M000100Y43',
  address: '1 Wusi Road, Fuzhou',
  contacts: [{ name: 'Alice Wang', phone: '+86 591 1234567', email: 'alice@acme.example' }],
  outlets: [{ name: 'Gulou outlet', address: '2 Wusi Road, Fuzhou' }],
};
export const GLOBEX = { ...ACME, name: 'Globex Electronics', creditCode: '91110000802100433B' };
export const PDF = Buffer.from('%PDF-1.4\n% evidence\n');

/** The applications service on the real servers, with its own database, files and clock. */
export async function startApplications() {
  const auth = await demoAuth();
  const config = { ...loadServiceConfig('applications'), database: uniqueName('apps').replace(/-/g, '_') };
  // Reads Kafka from now on, not every earlier test run's events (a restart on the same database keeps its offsets).
  await startGroupsAtTopicEnds(testKafka(uniqueName('offsets')), ['lifecycle', 'case-list', 'staff-competence', 'organisation-members'].map((name) => `${config.database}.${name}`));
  const clock = new TestClock(new Date('2027-01-10T02:00:00Z'));
  const filesDir = mkdtempSync(join(tmpdir(), 'apps-files-'));
  const moduleRef = await Test.createTestingModule({
    imports: [
      ApplicationsModule.forRoot({
        config,
        auth: auth.config,
        clock,
        files: new LocalDiskFileStore(filesDir),
        logger: new JsonLogger('applications-test', 'error'),
      }),
    ],
  }).compile();
  const app: INestApplication = configureHttp(moduleRef.createNestApplication({ logger: false }), new JsonLogger('applications-test', 'error'));
  await app.init();
  const bearer = (userId: string) => auth.as(userId).authorization;
  return {
    app,
    clock,
    filesDir,
    config,
    db: app.get<Db>(MONGO_DB),
    http: () => request(app.getHttpServer()),
    bearer,
    async close() {
      await app.close();
      await dropDatabase(config.database);
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startApplications>>;

/** Registers Acme for Alice and starts a draft with one document; returns the case id and version. */
export async function draftWithEvidence(h: Harness, user = 'alice.applicant', organisation = ACME) {
  const http = h.http();
  const org = await http.post('/organisations').set('authorization', h.bearer(user)).send(organisation);
  const organisationId = org.body.organisationId ?? `org-${organisation.creditCode}`;
  const draft = await h
    .http()
    .post('/cases')
    .set('authorization', h.bearer(user))
    .send({ organisationId, scope: { productCategories: ['家用电器 household appliances'], serviceCategories: ['维修 repair'] } })
    .expect(201);
  const caseId: string = draft.body.caseId;
  const upload = await h
    .http()
    .post(`/cases/${caseId}/evidence`)
    .set('authorization', h.bearer(user))
    .set('if-match', `"${draft.body.version}"`)
    .field('requirementId', '5.1.1.1')
    .attach('file', PDF, { filename: '营业执照.pdf', contentType: 'application/pdf' })
    .expect(201);
  return { caseId, organisationId, documentId: upload.body.documentId as string, version: upload.body.version as number };
}
