import type { INestApplication } from '@nestjs/common';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { correlationMiddleware, JsonLogger } from '@gbt/messaging';
import { httpRequestLogging } from './http-logging';
import { Metrics } from './metrics';
import { NestJsonLogger } from './nest-logger';
import { ProblemDetailsFilter } from './problem-details.filter';
import { routePattern } from './route-pattern';

/**
 * Pages a service serves itself (the public verification page, the API docs, the queues dashboard)
 * load nothing from elsewhere and may not be framed; JSON answers are never rendered anyway.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Origins allowed to call the API from a browser: none unless CORS_ALLOWED_ORIGINS lists them (comma-separated). */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CORS_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * Which forwarding proxies' X-Forwarded-For names the client (Express's "trust proxy"): by default
 * only one on this machine (the web console's server, which sets the header to its own client's
 * address), so each browser behind it is its own client for the registry's rate limit while no
 * remote client can choose its address. TRUST_PROXY=false trusts none; an ingress's address or
 * range (e.g. 10.0.0.0/8) trusts that proxy too.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): string | false {
  const value = (env.TRUST_PROXY ?? 'loopback').trim();
  return value === '' || value === 'false' ? false : value;
}

/** Applies what every HTTP service needs: security headers, JSON logs, correlation ids, problem+json errors, clean shutdown. */
export function configureHttp(app: INestApplication, logger: JsonLogger, corsOrigins: readonly string[] = corsOriginsFromEnv()): INestApplication {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  express.set('trust proxy', trustProxyFromEnv());
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: { policy: 'no-referrer' }, crossOriginResourcePolicy: { policy: 'same-site' } }));
  if (corsOrigins.length) app.enableCors({ origin: [...corsOrigins], exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Correlation-Id'] });
  app.useLogger(new NestJsonLogger(logger));
  app.use(correlationMiddleware);
  app.use(httpRequestLogging(logger));
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
      const route = routePattern(req) ?? 'unmatched';
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
