import { demoAuth } from '@gbt/auth';
import { Test } from '@nestjs/testing';
import type { Db } from 'mongodb';
import request from 'supertest';
import { Topics } from '@gbt/contracts';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp, loadServiceConfig, MONGO_DB } from '@gbt/platform';
import { dropDatabase, TestClock, testKafka, uniqueName } from '@gbt/testing';
import { EvidenceReviewModule } from '../app.module';
import type { ReviewQueueOptions } from '../tasks/work-queues';

/** The Kafka consumers the service starts (`consumers.start(name)`); their groups are `<database>.<name>`. */
const CONSUMERS = ['cases', 'case-access'];

/**
 * Starts the test's consumer groups at the topics' ends, as tools/e2e/stack.ts does. The topics
 * are shared by every test run and a new group would first replay all of them, planning the
 * review of every case any earlier run accepted: on a busy machine that takes longer than a test
 * waits, and those tasks share the queues with the test's own. Tests publish what they need.
 */
async function skipKafkaHistory(groups: readonly string[]): Promise<void> {
  const kafka = testKafka(uniqueName('review-offsets'));
  const admin = kafka.admin();
  await admin.connect();
  let ends: { topic: string; partition: number; offset: string }[];
  try {
    const existing = new Set(await admin.listTopics());
    const topics = Object.values(Topics).filter((t) => existing.has(t));
    ends = (await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ topic, partition, offset: high }))))).flat();
  } finally {
    await admin.disconnect();
  }
  if (ends.length === 0) return;
  const topics = [...new Set(ends.map((e) => e.topic))];
  for (const groupId of groups) {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
      await consumer.subscribe({ topics, fromBeginning: false });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await joined;
      await consumer.commitOffsets(ends);
    } finally {
      await consumer.disconnect();
    }
  }
}

/** The evidence review service on the real servers, with its own database and queue prefix, reading Kafka from now on. */
export async function startEvidenceReview(overrides: { redisUrl?: string; queues?: Partial<ReviewQueueOptions> } = {}) {
  const auth = await demoAuth();
  const base = loadServiceConfig('evidence-review');
  const config = { ...base, database: uniqueName('review').replace(/-/g, '_'), redisUrl: overrides.redisUrl ?? base.redisUrl };
  await skipKafkaHistory(CONSUMERS.map((name) => `${config.database}.${name}`));
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
      }),
    ],
  }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger);
  await app.init();
  return {
    app,
    clock,
    db: app.get<Db>(MONGO_DB),
    http: () => request(app.getHttpServer()),
    as: auth.as,
    async close() {
      await app.close();
      await dropDatabase(config.database);
    },
  };
}
