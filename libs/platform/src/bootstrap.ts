import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { correlationMiddleware, JsonLogger } from '@gbt/messaging';
import { Metrics } from './metrics';
import { NestJsonLogger } from './nest-logger';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Applies what every HTTP service needs: JSON logs, correlation ids, problem+json errors, clean shutdown. */
export function configureHttp(app: INestApplication, logger: JsonLogger): INestApplication {
  app.useLogger(new NestJsonLogger(logger));
  app.use(correlationMiddleware);
  const metrics = metricsOf(app);
  if (metrics) app.use(httpLatency(metrics));
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.enableShutdownHooks();
  return app;
}

/** Times every request by its route pattern (not its URL, which would make one series per case id). */
function httpLatency(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

/** An application built without PlatformModule (a library's own test) has no metrics to feed. */
function metricsOf(app: INestApplication): Metrics | undefined {
  try {
    return app.get(Metrics, { strict: false });
  } catch {
    return undefined;
  }
}
