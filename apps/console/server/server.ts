import { existsSync, readFileSync } from 'node:fs';
import { Agent, createServer, ServerResponse, STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';
import { join, sep } from 'node:path';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { createProxyMiddleware } from 'http-proxy-middleware';

import { SERVICE_NAMES, type ServiceName } from './services';

export { SERVICE_NAMES, type ServiceName };

export interface ConsoleServerOptions {
  /** The built single-page app (dist/apps/console); the server answers (404 for the app's pages) when it is missing. */
  readonly dist: string;
  /** Where each service answers, e.g. http://127.0.0.1:3001: the only places /api/<service>/ requests (and their tokens) go. */
  readonly services: Readonly<Record<ServiceName, string>>;
  /**
   * Demo mode: /auth/demo-users hands out the token of every demo user, administrator included, to
   * anyone who can reach the console. Off unless set (DEMO_MODE=true in main.ts; npm start sets it).
   */
  readonly demo?: boolean;
  /** In demo mode, the demo users and their tokens (what npm start writes to .infra/auth/tokens.json). */
  readonly demoTokensFile?: string;
  /** Where a request that failed inside the server is reported (default: one JSON line on stderr). */
  readonly log?: (line: string) => void;
}

// Request headers the services read and response headers the console needs; nothing else crosses.
const FORWARD_REQUEST = ['authorization', 'content-type', 'content-length', 'if-match', 'accept', 'accept-language', 'x-correlation-id'] as const;
const FORWARD_RESPONSE = new Set(['content-type', 'content-length', 'content-disposition', 'etag', 'location', 'x-correlation-id', 'retry-after', 'cache-control']);
/** What the app may do in the browser: its own scripts, styles (inline ones too), images, and PDF previews from blob: URLs. Nobody may frame it. */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  frameSrc: ["'self'", 'blob:'],
  objectSrc: ["'self'", 'blob:'],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};
/** The same policy, written by hand for the answers Node gives before express sees a request (malformed HTTP, CONNECT, upgrades). */
const RAW_SECURITY_HEADERS = [
  "content-security-policy: default-src 'none'; frame-ancestors 'none'",
  'x-frame-options: DENY',
  'x-content-type-options: nosniff',
  'referrer-policy: no-referrer',
];
const PROXIED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const STATIC_METHODS = new Set(['GET', 'HEAD']);
/** Longer request targets are refused (414): the console's own URLs stay far below this. */
export const MAX_TARGET_LENGTH = 2048;
const SERVICES_LIST = `${SERVICE_NAMES.join(', ')} (as /api/<service>/<path>)`;

const problemBody = (status: number, detail: string) => JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail });

function problem(res: Response, status: number, detail: string, headers: Record<string, string> = {}): void {
  res.status(status).set({ 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...headers }).send(problemBody(status, detail));
}

/** An answer written straight to a socket, for requests that never become express requests. */
function rawProblem(socket: Duplex, status: number, detail: string, extra: string[] = []): void {
  if (!socket.writable) return void socket.destroy();
  const body = problemBody(status, detail);
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`, 'content-type: application/problem+json; charset=utf-8', `content-length: ${Buffer.byteLength(body)}`, 'cache-control: no-store', ...RAW_SECURITY_HEADERS, ...extra, 'connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

const printable = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text);

/**
 * Why a request target is refused, or null. The target must be a plain path ("/..."), with valid
 * percent-encoding, and must not (even once or twice decoded) hold control characters, backslashes,
 * empty segments ("//", which URL parsers read as another host) or "." and ".." segments.
 */
export function refusal(target: string): { status: number; detail: string } | null {
  if (target.length > MAX_TARGET_LENGTH) return { status: 414, detail: `the request target is ${target.length} characters long; at most ${MAX_TARGET_LENGTH} are accepted` };
  if (!target.startsWith('/')) return { status: 400, detail: `the request target ${printable(target)} is not a path: absolute URLs and host names are not accepted, send "/<path>"` };
  if (/[^\x21-\x7e]/.test(target)) return { status: 400, detail: 'the request target holds spaces, control or non-ASCII characters: percent-encode them' };
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  const decodings = [path];
  try {
    decodings.push(decodeURIComponent(path));
  } catch {
    return { status: 400, detail: `the path ${printable(path)} has malformed percent-encoding: every "%" must start a %XX escape of UTF-8 bytes` };
  }
  try {
    decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return { status: 400, detail: `the query ${printable(query)} has malformed percent-encoding: every "%" must start a %XX escape of UTF-8 bytes` };
  }
  // A value encoded twice (%252F) is checked as the next hop would read it too.
  try {
    const twice = decodeURIComponent(decodings[1] as string);
    if (twice !== decodings[1]) decodings.push(twice);
  } catch {
    // Not encoded twice: a literal "%" in a value.
  }
  for (const text of decodings) {
    if ([...text].some((c) => c < ' ' || c === '\x7f')) return { status: 400, detail: 'the path holds control characters (such as an encoded CR or LF)' };
    if (text.includes('\\')) return { status: 400, detail: 'the path holds a backslash ("\\" or %5C), which some URL parsers read as "/"' };
    if (text.includes('//')) return { status: 400, detail: 'the path holds an empty segment ("//", or %2F%2F), which URL parsers read as another host' };
    if (text.split('/').some((segment) => segment === '.' || segment === '..')) return { status: 400, detail: 'the path holds "." or ".." segments' };
  }
  return null;
}

/** The request headers a service gets: only the listed ones, and who asked. */
function forwardedHeaders(req: IncomingMessage): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const name of FORWARD_REQUEST) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  return headers;
}

/** A service's base URL, checked once: http(s), no credentials, query or fragment. */
function baseUrl(name: ServiceName, value: string | undefined): URL {
  if (!value) throw new Error(`the console needs the ${name} service's URL`);
  const url = new URL(value);
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new Error(`the ${name} service's URL must be a plain http(s) base URL, not ${value}`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url;
}

/** One proxy per service, to its fixed base URL: the request's path is appended to it, never parsed as a URL. */
function serviceProxy(name: ServiceName, target: URL, log: (line: string) => void): RequestHandler {
  return createProxyMiddleware<Request, Response>({
    target,
    // A fresh loopback connection per request: a kept-alive socket the service has just closed
    // (its keep-alive timeout) would fail the request with ECONNRESET, seen in the browser as a 502.
    agent: target.protocol === 'https:' ? new HttpsAgent({ keepAlive: false }) : new Agent({ keepAlive: false }),
    changeOrigin: true,
    followRedirects: false,
    on: {
      proxyRes: (answer) => {
        for (const header of Object.keys(answer.headers)) if (!FORWARD_RESPONSE.has(header)) delete answer.headers[header];
      },
      // The proxy then passes the error on to express, whose handler leaves an answered request alone.
      error: (err, req, res) => {
        if (!(res instanceof ServerResponse)) return void res.destroy();
        if (res.headersSent) return void res.destroy();
        log(JSON.stringify({ level: 'warn', msg: 'service did not answer', service: name, path: req.url, error: err.message }));
        problem(res, 502, `the ${name} service did not answer: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
      },
    },
  });
}

function demoUsers(file: string | undefined): { id: string; name: string; roles: string[]; token: string }[] {
  if (!file || !existsSync(file)) return [];
  const users = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { name: string; roles: string[]; token: string }>;
  return Object.entries(users).map(([id, u]) => ({ id, name: u.name, roles: u.roles, token: u.token }));
}

/** The console: the built app, /api/<service>/ to the services, /health, /auth/config, and in demo mode /auth/demo-users. */
export function consoleServer(options: ConsoleServerOptions): Server {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const demo = options.demo === true;
  const proxies = new Map<string, RequestHandler>(SERVICE_NAMES.map((name) => [name, serviceProxy(name, baseUrl(name, options.services[name]), log)]));
  const dist = options.dist;
  const assets = join(dist, 'assets') + sep;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', false);

  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  app.use((req: Request, res: Response, next: NextFunction) => {
    const refused = refusal(req.url);
    if (refused) return problem(res, refused.status, refused.detail);
    next();
  });

  app.get('/health', (_req, res) => void res.set('cache-control', 'no-store').json({ status: 'ok' }));
  app.get('/auth/config', (_req, res) => void res.set('cache-control', 'no-store').json({ demo }));
  app.get('/auth/demo-users', (_req, res) => {
    // Outside demo mode people sign in with a token from the identity provider.
    if (!demo) return problem(res, 404, 'demo users are offered only in demo mode (DEMO_MODE=true); sign in with a token from the identity provider');
    res.set('cache-control', 'no-store').json(demoUsers(options.demoTokensFile));
  });

  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    // req.url is what follows /api: "/<service><path>?<query>".
    const [, name = '', rest = ''] = /^\/([^/?]*)(.*)$/s.exec(req.url) ?? [];
    const proxy = proxies.get(name);
    if (!proxy) return problem(res, 404, `there is no service ${printable(name)}; the services are ${SERVICES_LIST}`);
    if (!PROXIED_METHODS.has(req.method)) return problem(res, 405, `${req.method} is not forwarded to the services`, { allow: [...PROXIED_METHODS].join(', ') });
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    req.headers = forwardedHeaders(req);
    void proxy(req, res, next);
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!STATIC_METHODS.has(req.method)) return problem(res, 405, `${req.method} ${req.path} is not served here: the app's files answer GET and HEAD`, { allow: 'GET, HEAD' });
    if (req.path.split('/').some((segment) => segment.startsWith('.'))) return problem(res, 404, `${printable(req.path)} is not served here`);
    next();
  });
  app.use(
    express.static(dist, {
      index: false,
      redirect: false,
      dotfiles: 'deny',
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('cache-control', file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  // Anything that is not a built file is a route of the single-page app: index.html. Missing assets stay missing.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/assets/')) return problem(res, 404, `no asset ${printable(req.path)} in this build of the console`);
    if (!existsSync(join(dist, 'index.html'))) return problem(res, 404, 'the console is not built: node -r @swc-node/register apps/console/server/build.ts');
    res.setHeader('cache-control', 'no-cache');
    res.sendFile('index.html', { root: dist, dotfiles: 'deny', cacheControl: false }, (err) => err && next(err));
  });

  const errors: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const e = (err ?? {}) as { status?: unknown; statusCode?: unknown; message?: unknown; expose?: unknown };
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
    if (res.headersSent) return void (res.writableEnded ? undefined : res.destroy());
    if (status >= 400 && status < 500) return problem(res, status, e.expose !== false && typeof e.message === 'string' ? e.message : (STATUS_CODES[status] ?? 'bad request'));
    log(JSON.stringify({ level: 'error', msg: 'request failed', method: req.method, url: req.originalUrl, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
    problem(res, status >= 500 && status < 600 ? status : 500, 'the console server failed on this request (it keeps running); the error is in its log');
  };
  app.use(errors);

  const server = createServer(app);
  // Requests Node answers before express sees them: malformed HTTP, CONNECT and protocol upgrades.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    rawProblem(socket, status, status === 431 ? 'the request line or headers are too long' : status === 408 ? 'the request took too long to arrive' : `malformed HTTP request (${err.code ?? 'parse error'})`);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => rawProblem(socket, 405, 'CONNECT is not accepted: the console is no forward proxy', ['allow: GET, HEAD, POST, PUT, PATCH, DELETE']));
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => rawProblem(socket, 400, 'protocol upgrades (WebSocket) are not served here'));
  return server;
}
