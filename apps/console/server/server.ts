import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const SERVICE_NAMES = ['applications', 'evidence-review', 'scoring', 'certificates'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ConsoleServerOptions {
  /** The built single-page app (dist/apps/console). */
  readonly dist: string;
  /** Where each service answers, e.g. http://127.0.0.1:3001. */
  readonly services: Readonly<Record<ServiceName, string>>;
  /** Development only: a file of demo users and their tokens (what npm start writes to .infra/auth/tokens.json); none in production. */
  readonly demoTokensFile?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};
// Request headers the services read and response headers the console needs; nothing else crosses.
const FORWARD_REQUEST = ['authorization', 'content-type', 'content-length', 'if-match', 'accept', 'accept-language', 'x-correlation-id'];
const FORWARD_RESPONSE = ['content-type', 'content-length', 'content-disposition', 'etag', 'location', 'x-correlation-id', 'retry-after', 'cache-control'];
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'self' blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'",
};

function problem(res: ServerResponse, status: number, detail: string): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...SECURITY_HEADERS });
  res.end(JSON.stringify({ type: 'about:blank', title: status === 502 ? 'Bad Gateway' : 'Not Found', status, detail }));
}

/** /api/<service>/<path> goes to that service's /<path>, streamed both ways (uploads keep their progress). */
function proxy(req: IncomingMessage, res: ServerResponse, target: string, path: string): void {
  const url = new URL(path, target);
  const headers: Record<string, string> = {};
  for (const name of FORWARD_REQUEST) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
    const out: Record<string, string | string[]> = { ...SECURITY_HEADERS };
    for (const name of FORWARD_RESPONSE) {
      const value = answer.headers[name];
      if (value !== undefined) out[name] = value;
    }
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
  });
  upstream.on('error', (err) => {
    if (!res.headersSent) problem(res, 502, `the ${target} service did not answer: ${err.message}`);
    else res.destroy(err);
  });
  req.pipe(upstream);
}

function demoUsers(res: ServerResponse, file: string | undefined): void {
  // None in production: people sign in with a token from the identity provider.
  const users = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { name: string; roles: string[]; token: string }>) : {};
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(JSON.stringify(Object.entries(users).map(([id, u]) => ({ id, name: u.name, roles: u.roles, token: u.token }))));
}

function staticFile(req: IncomingMessage, res: ServerResponse, dist: string, pathname: string): void {
  const file = normalize(join(dist, decodeURIComponent(pathname)));
  const inside = file.startsWith(dist + sep);
  // Anything that is not a built file is a route of the single-page app: index.html.
  const found = inside && existsSync(file) && statSync(file).isFile() ? file : join(dist, 'index.html');
  if (!existsSync(found)) return problem(res, 404, 'the console is not built: node -r @swc-node/register apps/console/server/build.ts');
  const immutable = found.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(found)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(found).pipe(res);
}

/** The console: the built app, /api/<service>/ to the services, /health, and in development /auth/demo-users. */
export function consoleServer(options: ConsoleServerOptions): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    const api = url.pathname.match(/^\/api\/([a-z-]+)(\/.*)$/);
    if (api) {
      const target = options.services[api[1] as ServiceName];
      if (!target) return problem(res, 404, `no service ${api[1]}; the services are ${SERVICE_NAMES.join(', ')}`);
      return proxy(req, res, target, api[2] + url.search);
    }
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ status: 'ok' }));
    }
    if (url.pathname === '/auth/demo-users') return demoUsers(res, options.demoTokensFile);
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 404, `${req.method} ${url.pathname} is not served here`);
    staticFile(req, res, options.dist, url.pathname);
  });
}
