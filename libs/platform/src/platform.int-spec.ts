import { Controller, Headers, HttpCode, Inject, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Db } from 'mongodb';
import request from 'supertest';
import { z } from 'zod';
import { defineEvent, EventRegistry } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { currentCorrelation, ensureTopics, EventConsumer, JsonLogger, MongoInbox, type CorrelationContext } from '@gbt/messaging';
import { dropDatabase, testKafka, testServers, uniqueName, waitFor } from '@gbt/testing';
import { configureHttp, loadServiceConfig, MONGO_DB, PlatformModule } from './index';

const registry = new EventRegistry([
  defineEvent({ type: 'test.thing-requested', schemaVersion: 1, schema: z.object({ id: z.string() }) }),
  defineEvent({ type: 'test.thing-acknowledged', schemaVersion: 1, schema: z.object({ id: z.string() }) }),
]);

const metadata = (ctx: CorrelationContext) => ({ actor: { id: 'tester' }, correlationId: ctx.correlationId, causationId: ctx.causationId, occurredAt: new Date() });

@Controller('things')
class ThingsController {
  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {}

  @Post(':id')
  @HttpCode(201)
  async request(@Param('id') id: string, @Headers('if-match') ifMatch?: string) {
    const streamId = `thing-${id}`;
    const expectedVersion = ifMatch ? Number(ifMatch.replace(/"/g, '')) : await this.store.streamVersion(streamId);
    this.logger.info('thing requested', { id });
    const result = await this.store.append(streamId, [{ type: 'test.thing-requested', data: { id } }], {
      ...metadata(currentCorrelation()!),
      expectedVersion,
    });
    return { version: result.nextExpectedVersion };
  }
}

describe('PlatformModule: one correlation id from an HTTP request through Kafka to the next event', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger('platform-test', 'info', (line) => lines.push(JSON.parse(line)));
  const topic = uniqueName('things');
  let app: INestApplication;
  let consumer: EventConsumer;
  let store: MongoEventStore;

  beforeAll(async () => {
    await ensureTopics(testKafka(), [{ topic }]);
    const config = { ...loadServiceConfig('platform-test'), database: uniqueName('platform').replace(/-/g, '_') };
    @Module({ imports: [PlatformModule.forRoot({ config, registry, topicFor: () => topic, logger })], controllers: [ThingsController] })
    class TestServiceModule {}

    const moduleRef = await Test.createTestingModule({ imports: [TestServiceModule] }).compile();
    app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger);
    await app.init();
    store = app.get(MongoEventStore);
    consumer = new EventConsumer(testKafka(), {
      groupId: uniqueName('ack'),
      topics: [topic],
      registry,
      inbox: app.get(MongoInbox),
      logger,
      handler: async (event) => {
        if (event.type !== 'test.thing-requested') return;
        logger.info('acknowledging', { eventId: event.eventId });
        const ackStream = `ack-${event.streamId}`;
        await store.append(ackStream, [{ type: 'test.thing-acknowledged', data: { id: event.data.id as string } }], {
          ...metadata(currentCorrelation()!),
          expectedVersion: await store.streamVersion(ackStream),
        });
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    const database = app.get<Db>(MONGO_DB).databaseName;
    await app.close();
    await dropDatabase(database);
  });

  it('carries the request correlation id into every event and log line it causes', async () => {
    const res = await request(app.getHttpServer()).post('/things/42').set('x-correlation-id', 'corr-http-42').expect(201);
    expect(res.headers['x-correlation-id']).toBe('corr-http-42');

    const [requested] = await store.readStream('thing-42');
    expect(requested).toMatchObject({ correlationId: 'corr-http-42', causationId: null });
    const [ack] = await waitFor(async () => {
      const events = await store.readStream('ack-thing-42');
      return events.length ? events : undefined;
    }, 30_000, 'the acknowledgement event');
    expect(ack).toMatchObject({ type: 'test.thing-acknowledged', correlationId: 'corr-http-42', causationId: requested!.eventId });

    expect(lines.find((l) => l.msg === 'thing requested')).toMatchObject({ correlationId: 'corr-http-42', service: 'platform-test' });
    expect(lines.find((l) => l.msg === 'acknowledging')).toMatchObject({ correlationId: 'corr-http-42', causationId: requested!.eventId });
  });

  it('starts a correlation id when the request brings none, and rejects a malformed one', async () => {
    const res = await request(app.getHttpServer()).post('/things/43').set('x-correlation-id', 'bad id with spaces').expect(201);
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a lost race with 409 problem+json carrying the current version, never 500', async () => {
    await request(app.getHttpServer()).post('/things/44').expect(201);
    const res = await request(app.getHttpServer()).post('/things/44').set('if-match', '"0"').expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ status: 409, currentVersion: 1, type: 'urn:gbt:problem:concurrency' });
    expect(await store.streamVersion('thing-44')).toBe(1);
  });

  it('reads its servers from the environment, with a clear error when one is missing', () => {
    expect(() => loadServiceConfig('svc', { KAFKA_BROKERS: testServers().brokers })).toThrow(/svc: MONGODB_URI, REDIS_URL must be set/);
    expect(() => loadServiceConfig('svc', { MONGODB_URI: 'x', KAFKA_BROKERS: 'y', REDIS_URL: 'z', PORT: 'abc' })).toThrow(/PORT must be a TCP port/);
  });
});
