import { demoAuth } from '@gbt/auth';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp, loadServiceConfig } from '@gbt/platform';
import { dropDatabase, startGroupsAtTopicEnds, testKafka, uniqueName } from '@gbt/testing';
import { ScoringModule } from '../app.module';

/** The scoring service on the real servers, with a database of its own. */
export async function startScoring() {
  const auth = await demoAuth();
  const config = { ...loadServiceConfig('scoring'), database: uniqueName('scoring').replace(/-/g, '_') };
  // Reads Kafka from now on, not every earlier test run's events (a restart on the same database keeps its offsets).
  await startGroupsAtTopicEnds(testKafka(uniqueName('offsets')), ['review-results', 'case-access', 'staff-competence'].map((name) => `${config.database}.${name}`));
  const logger = new JsonLogger('scoring-test', 'error');
  const moduleRef = await Test.createTestingModule({
    imports: [ScoringModule.forRoot({ config, auth: auth.config, logger })],
  }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger);
  await app.init();
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    as: auth.as,
    async close() {
      await app.close();
      await dropDatabase(config.database);
    },
  };
}
