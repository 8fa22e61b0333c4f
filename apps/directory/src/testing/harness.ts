import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { demoAuth } from '@gbt/auth';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp, loadServiceConfig } from '@gbt/platform';
import { dropDatabase, startGroupsAtTopicEnds, testKafka, uniqueName } from '@gbt/testing';
import { DirectoryModule } from '../app.module';
import { settingsFromEnv, type DirectorySettings } from '../settings';

/** The directory service on the real servers, with a database, keys and Redis prefix of its own, in demo mode unless told otherwise. */
export async function startDirectory(overrides: Partial<DirectorySettings> = {}) {
  const auth = await demoAuth();
  const config = { ...loadServiceConfig('directory'), database: uniqueName('directory').replace(/-/g, '_') };
  await startGroupsAtTopicEnds(testKafka(uniqueName('offsets')), [`${config.database}.organisations`, `${config.database}.report-reminders`]);
  const settings: DirectorySettings = {
    ...settingsFromEnv({}),
    issuer: auth.config.issuer,
    audience: auth.config.audience,
    keysDir: mkdtempSync(join(tmpdir(), 'directory-keys-')),
    jwksFile: auth.config.jwksFile,
    demo: true,
    ...overrides,
  };
  const logger = new JsonLogger('directory-test', 'error');
  const moduleRef = await Test.createTestingModule({
    imports: [DirectoryModule.forRoot({ config, auth: auth.config, settings, redisPrefix: config.database, logger })],
  }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger);
  await app.init();
  return {
    app,
    config,
    settings,
    auth,
    http: () => request(app.getHttpServer()),
    as: auth.as,
    async close() {
      await app.close();
      await dropDatabase(config.database);
    },
  };
}
