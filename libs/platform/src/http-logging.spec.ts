import { Controller, Get, HttpCode, NotFoundException, Param, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { JsonLogger } from '@gbt/messaging';
import { configureHttp } from './bootstrap';
import { requestLogLevel } from './http-logging';

@Controller('things')
class ThingsController {
  @Get(':id')
  find(@Param('id') id: string) {
    if (id === 'missing') throw new NotFoundException('no such thing');
    if (id === 'broken') throw new Error('database down');
    return { id };
  }
}

@Controller()
class ProbeController {
  @Get('health')
  @HttpCode(200)
  health() {
    return { status: 'ok' };
  }
}

describe('HTTP request log (pino-http behind configureHttp)', () => {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = new JsonLogger('http-test', 'debug', (line) => {
    raw.push(line);
    lines.push(JSON.parse(line));
  });
  let app: INestApplication;
  const requestLines = () => lines.filter((l) => l.msg === 'request completed' || l.msg === 'request aborted');

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController, ProbeController] }).compile();
    app = configureHttp(moduleRef.createNestApplication({ logger: false }), logger, []);
    await app.init();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    lines.length = 0;
    raw.length = 0;
  });

  it('writes one line per request with method, route, url, status, duration and correlation id', async () => {
    await request(app.getHttpServer()).get('/things/42?x=1').set('x-correlation-id', 'corr-req-42').expect(200);
    expect(requestLines()).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'http-test',
        msg: 'request completed',
        method: 'GET',
        route: '/things/:id',
        url: '/things/42?x=1',
        status: 200,
        durationMs: expect.any(Number),
        correlationId: 'corr-req-42',
      }),
    ]);
  });

  it('logs 4xx at warn and 5xx at error', async () => {
    await request(app.getHttpServer()).get('/things/missing').set('x-correlation-id', 'corr-404').expect(404);
    await request(app.getHttpServer()).get('/things/broken').set('x-correlation-id', 'corr-500').expect(500);
    await request(app.getHttpServer()).get('/nowhere').expect(404);
    const byStatus = requestLines().map((l) => [l.status, l.level, l.route, l.correlationId === undefined ? undefined : String(l.correlationId)]);
    expect(byStatus[0]).toEqual([404, 'warn', '/things/:id', 'corr-404']);
    expect(byStatus[1]).toEqual([500, 'error', '/things/:id', 'corr-500']);
    expect(requestLines()[1]).not.toHaveProperty('error');
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request failed', error: 'database down', correlationId: 'corr-500' }));
    expect(byStatus[2]).toEqual([404, 'warn', 'unmatched', expect.stringMatching(/^[0-9a-f-]{36}$/)]);
  });

  it('logs successful health probes at debug only', async () => {
    await request(app.getHttpServer()).get('/health').expect(200);
    expect(requestLines()).toEqual([expect.objectContaining({ level: 'debug', route: '/health', status: 200 })]);
    expect(requestLogLevel(200, '/metrics', false)).toBe('debug');
    expect(requestLogLevel(200, '/health/ready', false)).toBe('debug');
    expect(requestLogLevel(503, '/health/ready', false)).toBe('error');
    expect(requestLogLevel(200, '/healthcheck-report', false)).toBe('info');
    expect(requestLogLevel(200, '/things/1', true)).toBe('error');
  });

  it('never writes the Authorization header or cookies', async () => {
    await request(app.getHttpServer())
      .get('/things/7')
      .set('authorization', 'Bearer secret-token-value')
      .set('cookie', 'session=secret-cookie-value')
      .set('user-agent', 'log-test')
      .expect(200);
    const [line] = requestLines();
    expect(line).toMatchObject({ req: { headers: { authorization: '[Redacted]', cookie: '[Redacted]', 'user-agent': 'log-test' } } });
    expect(raw.join('\n')).not.toMatch(/secret-token-value|secret-cookie-value/);
  });

  it('follows the logger level: a service logging at error writes no lines for successful requests', async () => {
    const quiet: string[] = [];
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    const quietApp = configureHttp(moduleRef.createNestApplication({ logger: false }), new JsonLogger('quiet', 'error', (l) => quiet.push(l)), []);
    await quietApp.init();
    try {
      await request(quietApp.getHttpServer()).get('/things/1').expect(200);
      await request(quietApp.getHttpServer()).get('/things/missing').expect(404);
      expect(quiet.filter((l) => l.includes('"request '))).toEqual([]);
    } finally {
      await quietApp.close();
    }
  });
});
