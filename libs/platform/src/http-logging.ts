import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { CORRELATION_HEADER, type JsonLogger } from '@gbt/messaging';
import { routePattern } from './route-pattern';

/** Credentials never reach a log line, whoever logs the request or response object. */
export const REDACTED_HTTP_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/** Probes and scrapes arrive every few seconds; when they succeed they are only worth a debug line. */
const PROBE = /^\/(health(\/(live|ready))?|metrics)(\?|$)/;

/** The route pattern (not the URL, which carries case ids), as the latency metric names it. */
const routeOf = (req: IncomingMessage): string => routePattern(req as Request) ?? 'unmatched';

const urlOf = (req: IncomingMessage): string => (req as Request).originalUrl ?? req.url ?? '';

/** 5xx (or a failed response) at error, 4xx at warn, successful probes at debug, everything else at info. */
export function requestLogLevel(status: number, url: string, failed: boolean): 'debug' | 'info' | 'warn' | 'error' {
  if (failed || status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return PROBE.test(url) ? 'debug' : 'info';
}

/**
 * One line per HTTP request, written through the service's JSON logger when the response is done:
 * `{msg: "request completed", method, route, url, status, durationMs, correlationId, req: {headers}}`, credentials redacted.
 * Mount it after the correlation middleware, which sets the response's correlation id header.
 */
export function httpRequestLogging(logger: JsonLogger): RequestHandler {
  const line = (req: IncomingMessage, res: ServerResponse, durationMs: unknown) => ({
    method: req.method,
    route: routeOf(req),
    url: urlOf(req),
    status: res.statusCode,
    durationMs,
    correlationId: res.getHeader(CORRELATION_HEADER) as string | undefined,
  });
  return pinoHttp({
    logger: logger.pino,
    redact: REDACTED_HTTP_PATHS,
    serializers: { req: (req: { headers: unknown }) => ({ headers: req.headers }) },
    customLogLevel: (req, res, err) => requestLogLevel(res.statusCode, urlOf(req), Boolean(err)),
    customSuccessObject: (req, res, val: { responseTime?: number }) => line(req, res, val.responseTime),
    // A 5xx arrives here with an error pino-http makes up from the status; only a real one (a broken stream) is worth a field.
    customErrorObject: (req, res, err, val: { responseTime?: number }) => ({
      ...line(req, res, val.responseTime),
      ...(err.message !== `failed with status code ${res.statusCode}` && { error: err.message }),
    }),
    customSuccessMessage: (_req, res) => (res.writableEnded ? 'request completed' : 'request aborted'),
    customErrorMessage: (_req, res) => (res.writableEnded ? 'request completed' : 'request aborted'),
  });
}
