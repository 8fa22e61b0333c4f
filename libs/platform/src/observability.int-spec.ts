import { Controller, HttpCode, Inject, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Db } from 'mongodb';
import request from 'supertest';
import { z } from 'zod';
import { defineEvent, EventRegistry } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { ensureTopics, JsonLogger } from '@gbt/messaging';
import { dropDatabase, testKafka, uniqueName, waitFor } from '@gbt/testing';
import { configureHttp, Consumers, HealthController, loadServiceConfig, MONGO_DB, PlatformModule, type ServiceConfig } from './index';

const registry = new EventRegistry([defineEvent({ type: 'test.widget-made', schemaVersion: 1, schema: z.object({ id: z.string() }) })]);

@Controller('widgets')
class WidgetsController {
  constructor(@Inject(MongoEventStore) private readonly store: MongoEventStore) {}

  @Post(':id')
  @HttpCode(201)
  async make(@Param('id') id: string) {
    await this.store.append(`widget-${id}`, [{ type: 'test.widget-made', data: { id } }, { type: 'test.widget-made', data: { id } }], {
      actor: { id: 'tester' },
      correlationId: 'c',
      causationId: null,
      occurredAt: new Date(),
      expectedVersion: 0,
    });
  }
}

async function startApp(config: ServiceConfig, topic: string): Promise<INestApplication> {
  const logger = new JsonLogger(config.service, 'error');
  @Module({ imports: [PlatformModule.forRoot({ config, registry, topicFor: () => topic, topics: [topic], logger })], controllers: [HealthController, WidgetsController] })
  class ObservedModule {}
  const moduleRef = await Test.createTestingModule({ imports: [ObservedModule] }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger);
  await app.init();
  return app;
}

const sample = (text: string, name: string, labels = ''): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(name) && l.includes(labels) && !l.startsWith('#'));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('health and metrics on real servers', () => {
  const topic = uniqueName('widgets');
  const config = { ...loadServiceConfig('observed'), database: uniqueName('observed').replace(/-/g, '_') };
  let app: INestApplication;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    await ensureTopics(testKafka(), [{ topic }]);
    app = await startApp(config, topic);
    // A consumer held on its first message until the end, so nothing it reads is committed.
    await app.get(Consumers).start('held', { topics: [topic], registry, handler: () => held });
  });
  afterAll(async () => {
    release();
    const database = app.get<Db>(MONGO_DB).databaseName;
    await app.close();
    await dropDatabase(database);
  });

  it('is live and ready while the database, Kafka and Redis answer', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok', service: 'observed' });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { database: { ok: true }, kafka: { ok: true }, redis: { ok: true } } });
    // terminus's per-check status and the list of failing dependencies come on top of the fields above.
    expect(ready.body).toMatchObject({ service: 'observed', failing: [], checks: { database: { status: 'up' }, kafka: { status: 'up' }, redis: { status: 'up' } } });
    expect(ready.headers['cache-control']).toMatch(/no-store/);
  });

  it('is ready for probes that overlap while its Redis check connects for the first time', async () => {
    const fresh = await startApp({ ...config, service: 'observed-overlap' }, topic);
    try {
      const answers = await Promise.all([1, 2, 3].map(() => request(fresh.getHttpServer()).get('/health/ready')));
      expect(answers.map((a) => [a.status, a.body.checks?.redis])).toEqual([1, 2, 3].map(() => [200, expect.objectContaining({ ok: true })]));
    } finally {
      await fresh.close();
    }
  });

  it('counts appended events, times requests by route, and reports outbox and consumer lag', async () => {
    await request(app.getHttpServer()).post('/widgets/1').expect(201);
    await request(app.getHttpServer()).post('/widgets/2').expect(201);
    const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(sample(metrics.text, 'gbt_events_appended_total', 'service="observed"')).toBe(4);
    expect(sample(metrics.text, 'gbt_http_request_duration_seconds_count', 'route="/widgets/:id"')).toBe(2);
    expect(sample(metrics.text, 'gbt_outbox_pending_commits')).toBeGreaterThanOrEqual(0);
    expect(sample(metrics.text, 'gbt_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    // The relay publishes the four events; the idle consumer never commits, so they all stay as lag.
    await waitFor(async () => {
      const text = (await request(app.getHttpServer()).get('/metrics')).text;
      return sample(text, 'gbt_consumer_lag_messages', `topic="${topic}"`) === 4;
    }, 30_000, 'a consumer lag of 4');
  });

  it('is live but not ready, quickly and saying why, when Redis does not answer', async () => {
    const unreachable = await startApp({ ...config, service: 'observed-no-redis', redisUrl: 'redis://127.0.0.1:1' }, topic);
    try {
      await request(unreachable.getHttpServer()).get('/health/live').expect(200);
      const started = Date.now();
      const ready = await request(unreachable.getHttpServer()).get('/health/ready').expect(503);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(ready.body).toMatchObject({ status: 'not-ready', checks: { database: { ok: true }, kafka: { ok: true }, redis: { ok: false } } });
      expect(ready.body.checks.redis.error).toMatch(/ECONNREFUSED|Connection is closed|did not answer/);
      expect(ready.body).toMatchObject({ service: 'observed-no-redis', failing: ['redis'], checks: { redis: { status: 'down' } } });
      expect(ready.headers['content-type']).toMatch(/json/);
    } finally {
      await unreachable.close();
    }
  });
});
