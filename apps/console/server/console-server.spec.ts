import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@gbt/testing';
import { SERVICE_NAMES, type ServiceName } from './services';
import { rawRequest, startConsoleProcess, type ConsoleProcess } from './testing';

/** What a plain HTTP listener standing in for a service (or for a foreign host) was sent. */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bytes: number;
}

async function listener(name: string): Promise<{ url: string; port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes });
      // Headers the console must not pass back to the browser next to the ones it must.
      res.writeHead(200, { 'content-type': 'application/json', etag: '"7"', 'x-internal': 'secret', 'set-cookie': 'session=upstream', 'x-powered-by': 'Express' });
      res.end(JSON.stringify({ service: name, url: req.url, bytes }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZS5hcHBsaWNhbnQifQ.c2lnbmF0dXJl';
const bearer = `Bearer ${TOKEN}`;
const raw = (target: string, headers: string[] = []) => [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: ${bearer}`, ...headers, 'Connection: close', '', ''].join('\r\n');

/** The security headers helmet must put on every answer of the console. */
function expectSecurityHeaders(headers: Headers | Record<string, string>, what: string): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] ?? null));
  const csp = get('content-security-policy') ?? '';
  expect({ what, csp: /frame-ancestors 'none'/.test(csp) && /default-src '(self|none)'/.test(csp) }).toEqual({ what, csp: true });
  expect({ what, xfo: get('x-frame-options') }).toEqual({ what, xfo: 'DENY' });
  expect({ what, nosniff: get('x-content-type-options') }).toEqual({ what, nosniff: 'nosniff' });
  expect({ what, referrer: ['same-origin', 'no-referrer', 'strict-origin'].includes(get('referrer-policy') ?? '') }).toEqual({ what, referrer: true });
  expect({ what, poweredBy: get('x-powered-by') }).toEqual({ what, poweredBy: null });
}
const headersOf = (head: string) => Object.fromEntries(head.split('\r\n').slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));

describe('console server over HTTP', () => {
  const upstream = {} as Record<ServiceName, Awaited<ReturnType<typeof listener>>>;
  let foreign: Awaited<ReturnType<typeof listener>>;
  let console_: ConsoleProcess;
  let scratch: string;
  let tokensFile: string;
  let services: Record<ServiceName, string>;

  beforeAll(async () => {
    foreign = await listener('foreign');
    for (const name of SERVICE_NAMES) upstream[name] = await listener(name);
    services = Object.fromEntries(SERVICE_NAMES.map((name) => [name, upstream[name].url])) as Record<ServiceName, string>;
    scratch = mkdtempSync(join(tmpdir(), 'console-server-'));
    mkdirSync(join(scratch, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(scratch, 'dist', 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
    writeFileSync(join(scratch, 'dist', 'assets', 'app-1234.js'), 'console.log("app")');
    writeFileSync(join(scratch, 'dist', '.source-hash'), 'abc');
    tokensFile = join(scratch, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify({ 'ada.admin': { name: 'Ada', roles: ['administrator'], token: 'admin-token' } }));
    console_ = await startConsoleProcess({ services, dist: join(scratch, 'dist'), demoTokensFile: tokensFile });
  }, 90_000);

  afterAll(async () => {
    await console_?.stop();
    await Promise.all([foreign?.close(), ...Object.values(upstream).map((u) => u.close())]);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  afterEach(() => {
    // Whatever a test sent, nothing reaches the foreign listener and the console still runs.
    expect(foreign.seen).toEqual([]);
    expect(console_.alive()).toBe(true);
  });

  describe('finding 1: requests and tokens go only to the four services', () => {
    it('never forwards //host (or its \\\\, encoded and absolute-URL variants) to another host, nor the token with it', async () => {
      const host = `127.0.0.1:${foreign.port}`;
      const hostile = [
        `/api/applications//${host}/anything`,
        `/api/applications/\\\\${host}/anything`,
        `/api/applications/%5C%5C${host}/anything`,
        `/api/applications/%2F%2F${host}/anything`,
        `/api/applications/%2f%2f${host}/anything`,
        `/api/applications/%252F%252F${host}/anything`,
        `/api/applications/http://${host}/anything`,
        `/api/applications/http:%2F%2F${host}/anything`,
        `/api/applications///${host}/anything`,
        `/api/certificates/..//${host}/anything`,
        `http://${host}/anything`,
        `//${host}/anything`,
        host,
      ];
      const before = SERVICE_NAMES.reduce((n, name) => n + upstream[name].seen.length, 0);
      for (const target of hostile) {
        const answer = await rawRequest(console_.port, raw(target));
        expect({ target, status: answer.status >= 400 && answer.status < 500 }).toEqual({ target, status: true });
        expect(answer.head).toMatch(/content-type: application\/problem\+json/i);
        expect(JSON.parse(answer.body).detail).toEqual(expect.any(String));
      }
      expect(foreign.seen).toEqual([]);
      // Refused, not passed on as some other path: the services did not see them either.
      expect(SERVICE_NAMES.reduce((n, name) => n + upstream[name].seen.length, 0)).toBe(before);
    });

    it('forwards /api/applications/cases to the applications service with the token, and only the listed headers both ways', async () => {
      const reply = await fetch(`${console_.url}/api/applications/cases?status=draft`, {
        headers: { authorization: bearer, accept: 'application/json', cookie: 'console=1', 'x-internal': 'from-browser', 'x-forwarded-host': 'evil.example' },
      });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ service: 'applications', url: '/cases?status=draft', bytes: 0 });
      const seen = upstream.applications.seen.at(-1)!;
      expect(seen.url).toBe('/cases?status=draft');
      expect(seen.headers.authorization).toBe(bearer);
      expect(seen.headers.host).toBe(`127.0.0.1:${upstream.applications.port}`);
      expect(seen.headers.cookie).toBeUndefined();
      expect(seen.headers['x-internal']).toBeUndefined();
      expect(seen.headers['x-forwarded-host']).toBeUndefined();
      expect(reply.headers.get('etag')).toBe('"7"');
      expect(reply.headers.get('x-internal')).toBeNull();
      expect(reply.headers.get('set-cookie')).toBeNull();
      expectSecurityHeaders(reply.headers, 'proxied answer');
    });

    it('routes each service name to its own service only, and answers 404 naming the services for any other name', async () => {
      for (const name of SERVICE_NAMES) {
        const reply = await fetch(`${console_.url}/api/${name}/ping`, { headers: { authorization: bearer } });
        expect(await reply.json()).toEqual({ service: name, url: '/ping', bytes: 0 });
      }
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'payments', 'APPLICATIONS', '%61pplications', 'prototype', 'valueOf']) {
        const answer = await rawRequest(console_.port, raw(`/api/${name}/x`));
        expect({ name, status: answer.status }).toEqual({ name, status: 404 });
        expect(JSON.parse(answer.body).detail).toContain('applications, evidence-review, scoring, certificates, directory');
      }
      for (const target of ['/api', '/api/', '/api?x=1']) expect((await rawRequest(console_.port, raw(target))).status).toBe(404);
    });

    it('streams uploads to the service and the answer back', async () => {
      const body = Buffer.alloc(3 * 1024 * 1024, 7);
      const reply = await fetch(`${console_.url}/api/applications/cases/c1/evidence`, { method: 'POST', headers: { authorization: bearer, 'content-type': 'application/octet-stream', 'if-match': '"1"' }, body });
      expect(await reply.json()).toEqual({ service: 'applications', url: '/cases/c1/evidence', bytes: body.length });
      expect(upstream.applications.seen.at(-1)!.headers['if-match']).toBe('"1"');
    });

    it('answers 502 problem+json when a service does not answer', async () => {
      const down = await startConsoleProcess({ services: { ...services, scoring: `http://127.0.0.1:${await freePort()}` } });
      try {
        const reply = await fetch(`${down.url}/api/scoring/catalogues`, { headers: { authorization: bearer } });
        expect(reply.status).toBe(502);
        expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(((await reply.json()) as { detail: string }).detail).toMatch(/scoring service did not answer/);
        expectSecurityHeaders(reply.headers, '502');
        expect((await fetch(`${down.url}/health`)).status).toBe(200);
      } finally {
        await down.stop();
      }
    });
  });

  describe('finding 2: no request ends the process', () => {
    it.each([['/%E0%A4%A'], ['/api/constructor/x'], ['/api/applications//[::1']])('answers %s with a 4xx problem and keeps answering /health', async (target) => {
      const answer = await rawRequest(console_.port, raw(target));
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(JSON.parse(answer.body)).toEqual(expect.objectContaining({ status: answer.status, detail: expect.any(String) }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(console_.alive()).toBe(true);
      expect((await fetch(`${console_.url}/health`)).status).toBe(200);
    });

    it('answers malformed paths, methods and HTTP with a 4xx, never a 5xx', async () => {
      const cases: [string, string][] = [
        ['dot segments', raw('/../../package.json')],
        ['encoded dot segments', raw('/%2E%2E/%2e%2e/package.json')],
        ['traversal through the proxy', raw('/api/applications/../../etc/passwd')],
        ['hidden files', raw('/.infra/auth/tokens.json')],
        ['encoded CR LF', raw('/api/applications/cases%0D%0ASet-Cookie:%20a=1')],
        ['NUL', raw('/index.html%00.js')],
        ['bad query encoding', raw('/api/applications/cases?q=%E0%A4%A')],
        ['overlong path', raw(`/api/applications/${'a'.repeat(5000)}`)],
        ['overlong request line', raw(`/${'a'.repeat(20000)}`)],
        ['TRACE', raw('/').replace(/^GET/, 'TRACE')],
        ['DELETE a file', raw('/index.html').replace(/^GET/, 'DELETE')],
        ['PROPFIND through the proxy', raw('/api/applications/cases').replace(/^GET/, 'PROPFIND')],
        ['unknown method', raw('/').replace(/^GET/, 'FOO')],
        ['CONNECT', `CONNECT 127.0.0.1:${foreign.port} HTTP/1.1\r\nHost: 127.0.0.1:${foreign.port}\r\n\r\n`],
        ['OPTIONS *', raw('*').replace(/^GET/, 'OPTIONS')],
        ['space in a header name', raw('/', ['Bad Header: x'])],
        ['obs-fold', raw('/api/applications/cases', ['X-Correlation-Id: a', ' Host: evil.example'])],
        ['smuggling', raw('/api/applications/cases', ['Content-Length: 4', 'Transfer-Encoding: chunked'])],
        ['WebSocket upgrade', raw('/api/applications/cases', ['Upgrade: websocket']).replace('Connection: close', 'Connection: Upgrade')],
      ];
      for (const [why, request] of cases) {
        const answer = await rawRequest(console_.port, request);
        expect({ why, status: answer.status >= 400 && answer.status < 500 }).toEqual({ why, status: true });
      }
      expect((await fetch(`${console_.url}/health`)).status).toBe(200);
    });
  });

  describe('finding 3: demo users only in demo mode', () => {
    it('has no /auth/demo-users without demo mode, and /auth/config says so', async () => {
      const users = await fetch(`${console_.url}/auth/demo-users`);
      expect(users.status).toBe(404);
      expect(await users.text()).not.toContain('admin-token');
      const config = await fetch(`${console_.url}/auth/config`);
      expect(config.headers.get('cache-control')).toBe('no-store');
      expect(await config.json()).toEqual({ demo: false });
    });

    it('serves the demo users and says demo in demo mode', async () => {
      const demo = await startConsoleProcess({ services, demo: true, demoTokensFile: tokensFile, dist: join(scratch, 'dist') });
      try {
        const users = await fetch(`${demo.url}/auth/demo-users`);
        expect(users.status).toBe(200);
        expect(users.headers.get('cache-control')).toBe('no-store');
        expect(await users.json()).toEqual([{ id: 'ada.admin', name: 'Ada', roles: ['administrator'], token: 'admin-token' }]);
        expect(await (await fetch(`${demo.url}/auth/config`)).json()).toEqual({ demo: true });
      } finally {
        await demo.stop();
      }
    });
  });

  describe('finding 4: helmet on everything the console serves', () => {
    it('sets CSP with frame-ancestors, X-Frame-Options, nosniff and Referrer-Policy, and no X-Powered-By, on the app, the API and errors', async () => {
      const page = await fetch(`${console_.url}/cases/case-1`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(page.headers, 'SPA page');
      const asset = await fetch(`${console_.url}/assets/app-1234.js`);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expectSecurityHeaders(asset.headers, 'asset');
      const head = await fetch(`${console_.url}/assets/app-1234.js`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      expect((await fetch(`${console_.url}/assets/missing-1.js`)).status).toBe(404);
      expectSecurityHeaders((await fetch(`${console_.url}/api/applications/cases`, { headers: { authorization: bearer } })).headers, 'API');
      expectSecurityHeaders((await fetch(`${console_.url}/api/nope/x`)).headers, '404');
      expectSecurityHeaders((await fetch(`${console_.url}/`, { method: 'POST' })).headers, '405');
      expectSecurityHeaders((await fetch(`${console_.url}/health`)).headers, 'health');
      expectSecurityHeaders((await fetch(`${console_.url}/auth/config`)).headers, 'config');
      expectSecurityHeaders(headersOf((await rawRequest(console_.port, raw('/%E0%A4%A'))).head), '400');
      expectSecurityHeaders(headersOf((await rawRequest(console_.port, raw('/', ['Bad Header: x']))).head), 'malformed HTTP');
    });
  });
});
