import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { currentCorrelation } from './correlation';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type LogSink = (line: string) => void;

const stdoutSink: LogSink = (line) => process.stdout.write(line + '\n');

/** LOG_LEVEL in any case; anything that is not one of the four words means info. */
export function logLevelFromEnv(value: string | undefined = process.env.LOG_LEVEL): LogLevel {
  const level = value?.trim().toLowerCase() as LogLevel | undefined;
  return level && LEVELS.includes(level) ? level : 'info';
}

/** pino writes whole lines ending in a newline; the sink gets each line without it, synchronously. */
const sinkDestination = (sink: LogSink): DestinationStream => ({
  write: (chunk: string) => {
    for (const line of chunk.split('\n')) if (line) sink(line);
  },
});

/**
 * One JSON object per line, with the correlation id of whatever request or message is running:
 * `{level, time, service, correlationId?, causationId?, ...fields, msg}`. Built on pino; `level` is the
 * word (debug, info, warn, error) and `time` an ISO instant, as the drills and tests read them.
 */
export class JsonLogger {
  /** The pino logger underneath, for pino-aware pieces such as the HTTP request log. */
  readonly pino: Logger;

  constructor(
    service: string,
    private readonly minLevel: LogLevel = logLevelFromEnv(),
    private readonly sink: LogSink = stdoutSink,
  ) {
    this.pino = pino(
      {
        level: LEVELS.includes(minLevel) ? minLevel : 'info',
        base: { service },
        messageKey: 'msg',
        timestamp: stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const ctx = currentCorrelation();
          return ctx ? { correlationId: ctx.correlationId, causationId: ctx.causationId } : {};
        },
      },
      sinkDestination(sink),
    );
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.write('error', msg, fields);
  }

  child(service: string): JsonLogger {
    return new JsonLogger(service, this.minLevel, this.sink);
  }

  private write(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    // Always pass an object first: a bare string would go through pino's printf-style formatting.
    this.pino[level](fields ?? {}, msg);
  }
}

export const errorFields = (err: unknown): Record<string, unknown> =>
  err instanceof Error ? { error: err.message, errorName: err.name } : { error: String(err) };
