import { createServer } from 'node:http';
import { freePort } from '@gbt/testing';
import { DIST } from '../../apps/console/server/build';
import { rawRequest, startConsoleProcess, type RawAnswer } from '../../apps/console/server/testing';
import type { Platform } from '../scenario';
import type { Figure } from './figures';

/** One hostile request, as raw bytes: fetch would normalise most of these away before sending. */
export interface ConsolePath {
  readonly why: string;
  readonly request: string | Buffer;
}

/**
 * Malformed and hostile request targets for the web console's server: the requests that crashed it or
 * sent tokens to other hosts, their encoded variants, absolute-URL targets, traversal, overlong targets,
 * bad methods, header injection and unknown services. Each must be answered 4xx.
 */
export function consolePaths(consolePort: number, foreignPort: number, token: string): ConsolePath[] {
  const host = `127.0.0.1:${foreignPort}`;
  const auth = `Authorization: Bearer ${token}`;
  const request = (method: string, target: string, headers: string[] = [auth]) => [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${consolePort}`, ...headers, 'Connection: close', '', ''].join('\r\n');
  const get = (why: string, target: string, headers?: string[]): ConsolePath => ({ why, request: request('GET', target, headers) });
  const method = (why: string, verb: string, target: string): ConsolePath => ({ why, request: request(verb, target) });
  return [
    // The three requests that ended the old server.
    get('bad percent-encoding', '/%E0%A4%A'),
    get('prototype name as a service', '/api/constructor/x'),
    get('authority-like path', '/api/applications//[::1'),
    get('bad percent-encoding in a service path', '/api/applications/cases/%E0%A4%A'),
    get('truncated escape', '/api/applications/%'),
    get('bad percent-encoding in the query', '/api/applications/cases?q=%E0%A4%A'),
    ...['__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'].map((name) => get('prototype name as a service', `/api/${name}/x`)),
    // Another host, written into the path: the old server sent these (with the token) to that host.
    get('//host', `/api/applications//${host}/anything`),
    get('///host', `/api/scoring///${host}/anything`),
    get('\\\\host', `/api/applications/\\\\${host}/anything`),
    get('/\\host', `/api/certificates/\\/${host}/anything`),
    get('%5C%5Chost', `/api/applications/%5C%5C${host}/anything`),
    get('%5c%5chost', `/api/evidence-review/%5c%5c${host}/anything`),
    get('%2F%2Fhost', `/api/applications/%2F%2F${host}/anything`),
    get('%2f%2fhost', `/api/applications/%2f%2f${host}/anything`),
    get('/%2Fhost', `/api/applications//%2F${host}/anything`),
    get('%252F%252Fhost (encoded twice)', `/api/applications/%252F%252F${host}/anything`),
    get('absolute URL in the path', `/api/applications/http://${host}/anything`),
    get('encoded absolute URL in the path', `/api/applications/http:%2F%2F${host}/anything`),
    get('absolute URL with backslashes in the path', `/api/applications/https:\\\\${host}/anything`),
    get('//host at the root', `//${host}/anything`),
    get('absolute-form target to another host', `http://${host}/anything`),
    get('absolute-form target to a service', `http://127.0.0.1:${consolePort}/api/applications/cases`),
    get('authority-form target', host),
    method('CONNECT to another host', 'CONNECT', host),
    // Traversal out of the built app, into the repository and its secrets.
    get('.. traversal', '/../../package.json'),
    get('.. traversal under /assets', '/assets/../../../../package.json'),
    get('encoded .. traversal', '/%2E%2E/%2E%2E/package.json'),
    get('encoded-slash .. traversal', '/..%2F..%2Fpackage.json'),
    get('.. traversal through a service', '/api/applications/../../../etc/passwd'),
    get('encoded .. traversal through a service', '/api/applications/..%2F..%2F..%2Fetc%2Fpasswd'),
    get('hidden file: the demo tokens', '/.infra/auth/tokens.json'),
    get('hidden file: git', '/.git/config'),
    get('hidden file: env', '/.env'),
    get('NUL in the path', '/index.html%00.js'),
    get('TAB in a service path', '/api/applications/cases%09'),
    { why: 'raw non-ASCII bytes', request: Buffer.concat([Buffer.from('GET /caf'), Buffer.from([0xe9, 0xff]), Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}\r\nConnection: close\r\n\r\n`)]) },
    // Overlong targets.
    get('overlong service path', `/api/applications/${'a'.repeat(5_000)}`),
    get('overlong path', `/${'a'.repeat(3_000)}`),
    get('overlong query', `/api/applications/cases?q=${'x'.repeat(3_000)}`),
    get('request line over the header limit', `/${'a'.repeat(20_000)}`),
    // Methods the console does not serve.
    method('TRACE', 'TRACE', '/'),
    method('TRACE through a service', 'TRACE', '/api/applications/cases'),
    method('PROPFIND', 'PROPFIND', '/'),
    method('DELETE a built file', 'DELETE', '/index.html'),
    method('POST to the app', 'POST', '/'),
    method('PUT an asset', 'PUT', '/assets/index.js'),
    method('MKCOL through a service', 'MKCOL', '/api/scoring/x'),
    method('OPTIONS *', 'OPTIONS', '*'),
    method('unknown method', 'FOO', '/'),
    method('lower-case method', 'get', '/'),
    // Header injection and request smuggling.
    get('encoded CR LF in a service path', '/api/applications/cases%0D%0ASet-Cookie:%20a=1'),
    get('encoded CR LF at the root', `/%0d%0aLocation:%20http://${host}/`),
    get('obs-fold header', '/api/applications/cases', [auth, 'X-Correlation-Id: a', ` Host: ${host}`]),
    get('space in a header name', '/api/applications/cases', [auth, 'X Injected: 1']),
    get('Content-Length with Transfer-Encoding', '/api/applications/cases', [auth, 'Content-Length: 4', 'Transfer-Encoding: chunked']),
    get('two different Content-Lengths', '/api/applications/cases', [auth, 'Content-Length: 1', 'Content-Length: 2']),
    // Without the token (the service answers 401): a Host or X-Forwarded-Host of another host must not move the target.
    { why: 'Host of another host', request: [`GET /api/applications/cases HTTP/1.1`, `Host: ${host}`, 'Connection: close', '', ''].join('\r\n') },
    { why: 'X-Forwarded-Host of another host', request: [`GET /api/applications/cases HTTP/1.1`, 'Host: 127.0.0.1', `X-Forwarded-Host: ${host}`, 'Connection: close', '', ''].join('\r\n') },
    { why: 'WebSocket upgrade', request: [`GET /api/applications/cases HTTP/1.1`, 'Host: 127.0.0.1', auth, 'Connection: Upgrade', 'Upgrade: websocket', '', ''].join('\r\n') },
    // Services that do not exist.
    get('unknown service', '/api/payments/x'),
    get('no service', '/api/'),
    get('no service, no slash', '/api'),
    get('service name in capitals', '/api/APPLICATIONS/cases'),
    get('encoded service name', '/api/%61pplications/cases'),
    get('service name with a suffix', '/api/applications.evil/x'),
  ];
}

/**
 * The console's server (as npm start runs it, without building the app) in front of the stack's
 * services, sent every path of consolePaths(): none may crash it, none may be answered other than 4xx,
 * and a throwaway listener on another loopback port must never receive a request. A legitimate
 * request through it must still reach the applications service.
 */
export async function consolePathsDrill(platform: Platform): Promise<{ figures: Figure[]; problems: string[] }> {
  const foreign: string[] = [];
  const foreignPort = await freePort();
  const listener = createServer((req, res) => {
    foreign.push(`${req.method} ${req.url} (authorization ${req.headers.authorization ? 'sent' : 'absent'})`);
    res.end('foreign');
  });
  await new Promise<void>((resolve) => listener.listen(foreignPort, '127.0.0.1', resolve));
  const services = { applications: platform.url('applications'), 'evidence-review': platform.url('evidence-review'), scoring: platform.url('scoring'), certificates: platform.url('certificates'), directory: platform.url('directory') };
  const server = await startConsoleProcess({ services, dist: DIST });
  const token = platform.token('alice.applicant');
  try {
    const paths = consolePaths(server.port, foreignPort, token);
    const answers: { path: ConsolePath; answer: RawAnswer }[] = [];
    let diedAfter: string | null = null;
    for (const path of paths) {
      answers.push({ path, answer: await rawRequest(server.port, path.request) });
      if (!server.alive() && !diedAfter) diedAfter = path.why;
    }
    const legit = await fetch(`${server.url}/api/applications/cases`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) }).catch(() => null);
    const health = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    const uncaught = (server.output().match(/uncaught exception|unhandled rejection/g) ?? []).length;
    const fourxx = answers.filter(({ answer }) => answer.status >= 400 && answer.status < 500);
    const fivexx = answers.filter(({ answer }) => answer.status >= 500);
    const statuses = new Map<number, number>();
    for (const { answer } of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    const crashes = (server.alive() ? 0 : 1) + uncaught;
    return {
      figures: [
        { name: 'console: malformed paths sent', value: paths.length, mustBe: paths.length },
        { name: 'console: answered 4xx', value: fourxx.length, mustBe: paths.length },
        { name: 'console: answered 5xx', value: fivexx.length, mustBe: 0 },
        { name: 'console: answer statuses', value: [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}x${n}`).join(' ') },
        { name: 'console: crashes (exits, uncaught errors)', value: crashes, mustBe: 0 },
        { name: 'console: answers /health afterwards', value: health?.status ?? 'no answer', mustBe: 200 },
        { name: 'console: requests reaching a foreign host', value: foreign.length, mustBe: 0 },
        { name: 'console: legitimate request forwarded', value: legit?.status ?? 'no answer', mustBe: 200 },
      ],
      problems: [
        ...answers
          .filter(({ answer }) => answer.status < 400 || answer.status >= 500)
          .map(({ path, answer }) => `console: ${path.why}: ${String(path.request).split('\r\n')[0]?.slice(0, 120)} answered ${answer.status || 'nothing'}: ${answer.body.slice(0, 200)}`),
        ...(diedAfter ? [`console: the server exited after "${diedAfter}":\n${server.output().slice(-2_000)}`] : []),
        ...(uncaught ? [`console: the server logged ${uncaught} uncaught errors:\n${server.output().slice(-2_000)}`] : []),
        ...foreign.map((seen) => `console: the foreign listener on 127.0.0.1:${foreignPort} received ${seen}`),
      ],
    };
  } finally {
    await server.stop();
    listener.closeAllConnections();
    await new Promise((resolve) => listener.close(resolve));
  }
}
