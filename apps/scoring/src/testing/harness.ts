import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DEFAULT_AUDIENCE, DEMO_USERS, DEV_ISSUER, DevIssuer } from '@gbt/auth';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp, loadServiceConfig } from '@gbt/platform';
import { dropDatabase, uniqueName } from '@gbt/testing';
import { ScoringModule } from '../app.module';

/** The scoring service on the real servers, with a database of its own. */
export async function startScoring() {
  const issuer = await DevIssuer.open(mkdtempSync(join(tmpdir(), 'scoring-auth-')));
  const config = { ...loadServiceConfig('scoring'), database: uniqueName('scoring').replace(/-/g, '_') };
  const logger = new JsonLogger('scoring-test', 'error');
  const moduleRef = await Test.createTestingModule({
    imports: [ScoringModule.forRoot({ config, auth: { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, jwksFile: issuer.jwksFile }, logger })],
  }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger);
  await app.init();
  const tokens = new Map<string, string>();
  for (const user of DEMO_USERS) tokens.set(user.id, await issuer.token(user));
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    as: (userId: string) => ({ authorization: `Bearer ${tokens.get(userId)}` }),
    async close() {
      await app.close();
      await dropDatabase(config.database);
    },
  };
}
