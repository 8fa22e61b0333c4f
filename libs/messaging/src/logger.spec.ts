import { withCorrelation } from './correlation';
import { errorFields, JsonLogger, logLevelFromEnv } from './logger';

const capture = (service = 'svc', level?: Parameters<typeof logLevelFromEnv>[0]) => {
  const raw: string[] = [];
  const logger = new JsonLogger(service, level === undefined ? undefined : logLevelFromEnv(level), (line) => raw.push(line));
  const lines = () => raw.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, raw, lines };
};

describe('JsonLogger (on pino)', () => {
  it('writes one JSON object per line with time, level word, service, msg and the fields', () => {
    const { logger, raw, lines } = capture('applications', 'debug');
    logger.info('case submitted', { caseId: 'c-1', count: 2 });
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain('\n');
    const [line] = lines();
    expect(line).toEqual({ time: expect.any(String), level: 'info', service: 'applications', msg: 'case submitted', caseId: 'c-1', count: 2 });
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
    expect(line).not.toHaveProperty('pid');
    expect(line).not.toHaveProperty('hostname');
  });

  it('keeps the message as written: no printf-style formatting', () => {
    const { logger, lines } = capture();
    logger.warn('100% of %s done', {});
    logger.warn('plain');
    expect(lines().map((l) => l.msg)).toEqual(['100% of %s done', 'plain']);
  });

  it('writes each level as its word and drops lines below the minimum level', () => {
    const { logger, lines } = capture('svc', 'warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines().map((l) => [l.level, l.msg])).toEqual([['warn', 'w'], ['error', 'e']]);

    const all = capture('svc', 'debug');
    all.logger.debug('d');
    all.logger.info('i');
    expect(all.lines().map((l) => l.level)).toEqual(['debug', 'info']);
  });

  it('reads LOG_LEVEL in any case and falls back to info on anything else', () => {
    expect(logLevelFromEnv('DEBUG')).toBe('debug');
    expect(logLevelFromEnv(' error ')).toBe('error');
    expect(logLevelFromEnv('verbose')).toBe('info');
    expect(logLevelFromEnv(undefined)).toBe('info');
  });

  it('adds the correlation and causation ids of the running correlation context, and none outside it', async () => {
    const { logger, lines } = capture();
    logger.info('outside');
    withCorrelation({ correlationId: 'corr-1', causationId: null }, () => logger.info('from a request'));
    await withCorrelation({ correlationId: 'corr-1', causationId: 'evt-9' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('from a message');
    });
    const [outside, request, message] = lines();
    expect(outside).not.toHaveProperty('correlationId');
    expect(outside).not.toHaveProperty('causationId');
    expect(request).toMatchObject({ correlationId: 'corr-1', causationId: null });
    expect(message).toMatchObject({ correlationId: 'corr-1', causationId: 'evt-9' });
  });

  it('makes a child for another service name, with the same level and sink', () => {
    const { logger, raw, lines } = capture('parent', 'info');
    const child = logger.child('parent.consumer');
    child.debug('hidden');
    child.info('from child', { n: 1 });
    logger.info('from parent');
    expect(lines()).toEqual([
      expect.objectContaining({ service: 'parent.consumer', msg: 'from child', n: 1 }),
      expect.objectContaining({ service: 'parent', msg: 'from parent' }),
    ]);
    expect(raw[0]!.match(/"service"/g)).toHaveLength(1);
  });

  it('describes errors and thrown non-errors alike', () => {
    expect(errorFields(new TypeError('boom'))).toEqual({ error: 'boom', errorName: 'TypeError' });
    expect(errorFields('plain')).toEqual({ error: 'plain' });
    const { logger, lines } = capture();
    logger.error('failed', errorFields(new RangeError('out')));
    expect(lines()[0]).toMatchObject({ level: 'error', msg: 'failed', error: 'out', errorName: 'RangeError' });
  });
});
