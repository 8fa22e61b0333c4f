import type { INestApplication, LoggerService } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
// terminus's own executor, whose shutdown hook turns every check into "shutting down".
import { HealthCheckExecutor } from '@nestjs/terminus/dist/health-check/health-check-executor.service';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { HealthController } from './health.controller';
import { CHECK_TIMEOUT_MS, DatabaseHealthIndicator, HealthCheckLogger, KafkaHealthIndicator, RedisHealthIndicator } from './health-indicators';
import { KafkaAdmin } from './kafka-admin';
import { Metrics } from './metrics';
import { Readiness } from './readiness';
import { MONGO_DB, SERVICE_CONFIG } from './tokens';

const never = () => new Promise<never>(() => undefined);
const answering = { command: async () => ({ ok: 1 }) };
const kafkaAnswering = { get: async () => ({ describeCluster: async () => ({ brokers: [] }) }) };

/** Redis answering, without a server: the real indicator is covered by the integration test and the tests below that refuse it. */
const redisAnswering = {
  provide: RedisHealthIndicator,
  inject: [HealthIndicatorService],
  useFactory: (indicators: HealthIndicatorService) => ({ check: async (key: string) => indicators.check(key).up({ ok: true, ms: 0 }) }),
};

async function probeApp(deps: { db?: unknown; kafka?: unknown; redis?: 'answering' | 'refusing'; logger?: LoggerService }): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule.forRoot({ logger: deps.logger ? HealthCheckLogger : false })],
    controllers: [HealthController],
    providers: [
      { provide: SERVICE_CONFIG, useValue: { service: 'probed', redisUrl: 'redis://127.0.0.1:1' } },
      { provide: MONGO_DB, useValue: deps.db ?? answering },
      { provide: KafkaAdmin, useValue: deps.kafka ?? kafkaAnswering },
      { provide: Metrics, useValue: {} },
      DatabaseHealthIndicator,
      KafkaHealthIndicator,
      deps.redis === 'refusing' ? RedisHealthIndicator : redisAnswering,
      Readiness,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: deps.logger ?? false });
  await app.init();
  return app;
}

describe('readiness through terminus', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers 200 ready with every check up, uncached, and liveness without checking anything', async () => {
    const db = { command: jest.fn(answering.command) };
    app = await probeApp({ db });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.headers['cache-control']).toMatch(/no-store/);
    expect(ready.body).toEqual({
      status: 'ready',
      service: 'probed',
      checks: {
        database: { status: 'up', ok: true, ms: expect.any(Number) },
        kafka: { status: 'up', ok: true, ms: expect.any(Number) },
        redis: { status: 'up', ok: true, ms: 0 },
      },
      failing: [],
    });
    db.command.mockClear();
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok', service: 'probed' });
    const live = await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok', service: 'probed' });
    expect(live.headers['cache-control']).toMatch(/no-store/);
    expect(db.command).not.toHaveBeenCalled();
  });

  it('answers 503 within the budget naming a database that hangs, the others still up', async () => {
    app = await probeApp({ db: { command: never } });
    const started = Date.now();
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(CHECK_TIMEOUT_MS - 50);
    expect(Date.now() - started).toBeLessThan(CHECK_TIMEOUT_MS + 1_500);
    expect(ready.headers['content-type']).toMatch(/json/);
    expect(ready.body).toMatchObject({
      status: 'not-ready',
      service: 'probed',
      failing: ['database'],
      checks: { database: { status: 'down', ok: false, error: 'the database did not answer within 2000 ms' }, kafka: { ok: true }, redis: { ok: true } },
    });
  });

  it('names Kafka when its admin cannot connect, and both when the database fails too', async () => {
    const kafka = { get: async () => Promise.reject(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:1')) };
    app = await probeApp({ kafka });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ status: 'not-ready', failing: ['kafka'], checks: { kafka: { ok: false, error: expect.stringMatching(/ECONNREFUSED/) } } });
    await app.close();

    app = await probeApp({ kafka, db: { command: async () => Promise.reject(new Error('not primary')) } });
    const both = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(both.body).toMatchObject({ failing: ['database', 'kafka'], checks: { database: { ok: false, error: 'not primary' }, redis: { ok: true } } });
  });

  it('logs a failed check as a warning naming the dependency, not as an error of the service', async () => {
    const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn(), debug: jest.fn(), verbose: jest.fn() };
    app = await probeApp({ db: { command: async () => Promise.reject(new Error('not primary')) }, logger });
    await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/Health Check has failed!.*"database".*not primary/), 'health');
  });

  it('fails at once on a refused Redis, probe after probe and for overlapping probes, without retrying in between', async () => {
    app = await probeApp({ redis: 'refusing' });
    for (let round = 0; round < 2; round++) {
      const started = Date.now();
      const answers = await Promise.all([1, 2, 3].map(() => request(app!.getHttpServer()).get('/health/ready').expect(503)));
      expect(Date.now() - started).toBeLessThan(1_000);
      for (const { body } of answers) {
        expect(body).toMatchObject({ failing: ['redis'], checks: { database: { ok: true }, kafka: { ok: true }, redis: { status: 'down', ok: false } } });
        expect(body.checks.redis.error).toMatch(/ECONNREFUSED|Connection is closed/);
      }
    }
  });

  it('is not ready once the application is shutting down, though every check is up', async () => {
    app = await probeApp({});
    app.get(HealthCheckExecutor).beforeApplicationShutdown();
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ status: 'not-ready', failing: [], shuttingDown: true, checks: { database: { ok: true } } });
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});
