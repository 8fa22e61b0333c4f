import type { LoggerService } from '@nestjs/common';
import type { JsonLogger } from '@gbt/messaging';

/** Routes Nest's own log lines through the JSON logger, so they carry the correlation id too. */
export class NestJsonLogger implements LoggerService {
  constructor(private readonly logger: JsonLogger) {}

  log(message: unknown, context?: string): void {
    this.logger.info(String(message), { context });
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error(String(message), { context, trace });
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn(String(message), { context });
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug(String(message), { context });
  }
  verbose(message: unknown, context?: string): void {
    this.logger.debug(String(message), { context });
  }
}
