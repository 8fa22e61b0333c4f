import { currentCorrelation } from './correlation';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (line: string) => void;

/** One JSON object per line, with the correlation id of whatever request or message is running. */
export class JsonLogger {
  constructor(
    private readonly service: string,
    private readonly minLevel: LogLevel = (process.env.LOG_LEVEL as LogLevel) ?? 'info',
    private readonly sink: LogSink = (line) => process.stdout.write(line + '\n'),
  ) {}

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
    if (ORDER[level] < ORDER[this.minLevel]) return;
    const ctx = currentCorrelation();
    this.sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        service: this.service,
        msg,
        ...(ctx && { correlationId: ctx.correlationId, causationId: ctx.causationId }),
        ...fields,
      }),
    );
  }
}

export const errorFields = (err: unknown): Record<string, unknown> =>
  err instanceof Error ? { error: err.message, errorName: err.name } : { error: String(err) };
