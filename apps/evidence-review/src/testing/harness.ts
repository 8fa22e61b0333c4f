import { demoAuth } from '@gbt/auth';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import type { Db } from 'mongodb';
import request from 'supertest';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp, loadServiceConfig, MONGO_DB } from '@gbt/platform';
import { dropDatabase, publishDemoDirectory, startGroupsAtTopicEnds, TestClock, testKafka, uniqueName, waitForDemoDirectory } from '@gbt/testing';
import { EvidenceReviewModule } from '../app.module';
import type { EscalationOptions } from '../review/escalations';
import { PlanReview, REVIEW_SYSTEM } from '../review/review-commands';
import { FIRST_CYCLE } from '../review/review-cycles';
import { ReviewOfCycle } from '../review/review-queries';
import type { ReviewQueueOptions } from '../tasks/work-queues';

/** The Kafka consumers the service starts (`consumers.start(name)`); their groups are `<database>.<name>`. */
const CONSUMERS = ['cases', 'case-access', 'staff-competence', 'audit-plans'];

/**
 * The evidence review service on the real servers, with its own database and queue prefix, reading Kafka from now on.
 * Its clock is a TestClock (`clock.set`); escalations the clock has reached fire within a sweep (250 ms unless overridden).
 */
export type ReviewHarness = Awaited<ReturnType<typeof startEvidenceReview>>;

export async function startEvidenceReview(overrides: { redisUrl?: string; queues?: Partial<ReviewQueueOptions>; escalations?: Partial<EscalationOptions> } = {}) {
  const auth = await demoAuth();
  const base = loadServiceConfig('evidence-review');
  const config = { ...base, database: uniqueName('review').replace(/-/g, '_'), redisUrl: overrides.redisUrl ?? base.redisUrl };
  await startGroupsAtTopicEnds(testKafka(uniqueName('review-offsets')), CONSUMERS.map((name) => `${config.database}.${name}`));
  const logger = new JsonLogger('review-test', 'error');
  const clock = new TestClock(new Date());
  const moduleRef = await Test.createTestingModule({
    imports: [
      EvidenceReviewModule.forRoot({
        config,
        auth: auth.config,
        logger,
        clock,
        queues: { prefix: uniqueName('q'), ...overrides.queues },
        escalations: { sweepIntervalMs: 250, ...overrides.escalations },
      }),
    ],
  }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger);
  await app.init();
  // The demo staff's qualifications, as the directory would publish them: claims are judged by them.
  await publishDemoDirectory(testKafka(uniqueName('directory')));
  await waitForDemoDirectory(app.get<Db>(MONGO_DB));
  const commands = app.get(CommandBus);
  const queries = app.get(QueryBus);
  return {
    app,
    clock,
    /** A cycle's review planned and loaded on the service's buses, as the case events would. */
    reviews: {
      plan: (caseId: string, organisationId: string, catalogueVersion: string, startedAt: Date, cycle = FIRST_CYCLE) =>
        commands.execute(new PlanReview({ caseId, organisationId, catalogueVersion, cycle }, { actor: REVIEW_SYSTEM, at: startedAt })),
      load: (caseId: string, cycle = FIRST_CYCLE) => queries.execute(new ReviewOfCycle({ caseId, cycle })),
    },
    db: app.get<Db>(MONGO_DB),
    http: () => request(app.getHttpServer()),
    as: auth.as,
    /** The test's token issuer, for people who are not demo users. */
    issuer: auth.issuer,
    async close() {
      await app.close();
      await dropDatabase(config.database);
    },
  };
}
