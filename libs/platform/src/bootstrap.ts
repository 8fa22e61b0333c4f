import { NestFactory } from '@nestjs/core';
import type { INestApplication, Type } from '@nestjs/common';
import { correlationMiddleware, JsonLogger } from '@gbt/messaging';
import { NestJsonLogger } from './nest-logger';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Applies what every HTTP service needs: JSON logs, correlation ids, problem+json errors, clean shutdown. */
export function configureHttp(app: INestApplication, logger: JsonLogger): INestApplication {
  app.useLogger(new NestJsonLogger(logger));
  app.use(correlationMiddleware);
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();
  return app;
}

export async function createHttpService(rootModule: Type<unknown>, logger: JsonLogger): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule, { logger: new NestJsonLogger(logger), bufferLogs: true });
  return configureHttp(app, logger);
}
