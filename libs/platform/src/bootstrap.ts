import type { INestApplication } from '@nestjs/common';
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
