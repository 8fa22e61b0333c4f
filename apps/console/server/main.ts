// The web console (apps/console): builds the app if its sources changed, then serves it on PORT (3000)
// with /api/<service>/ proxied to the services. npm start runs it (tools/start.mjs).
//   CONSOLE_SERVICE_URLS  JSON {"applications": "http://127.0.0.1:3001", ...} (default: the npm start ports)
//   DEMO_MODE=true        demo mode: /auth/demo-users hands out every demo user's token (off unless set; npm start sets it)
//   CONSOLE_DEMO_TOKENS_FILE  the demo users' tokens in demo mode (default .infra/auth/tokens.json)
//   CONSOLE_BUILD=false   serve what is in CONSOLE_DIST (default dist/apps/console) without building it first
//   PORT=0 picks a free port; the "[console] http://host:port/" line says which.
import { join } from 'node:path';
import { DIST, ensureBuilt, ROOT } from './build';
import { consoleServer, SERVICE_NAMES, type ServiceName } from './server';

const DEFAULT_URLS: Record<ServiceName, string> = {
  applications: 'http://127.0.0.1:3001',
  'evidence-review': 'http://127.0.0.1:3002',
  scoring: 'http://127.0.0.1:3003',
  certificates: 'http://127.0.0.1:3004',
  directory: 'http://127.0.0.1:3005',
};

const log = (level: string, msg: string, fields: Record<string, unknown> = {}) => process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })}\n`);
const errorText = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));

function serviceUrls(): Record<ServiceName, string> {
  const given = process.env.CONSOLE_SERVICE_URLS ? (JSON.parse(process.env.CONSOLE_SERVICE_URLS) as Record<string, unknown>) : {};
  const unknown = Object.keys(given).filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`CONSOLE_SERVICE_URLS names no service ${unknown.join(', ')}; the services are ${SERVICE_NAMES.join(', ')}`);
  const urls = { ...DEFAULT_URLS };
  for (const name of SERVICE_NAMES) {
    const url = given[name];
    if (url !== undefined && typeof url !== 'string') throw new Error(`CONSOLE_SERVICE_URLS.${name} must be a URL string`);
    if (url) urls[name] = url;
  }
  return urls;
}

function main(): void {
  // One bad request must never end the console: express answers it, and whatever escapes is logged here.
  process.on('uncaughtException', (err) => log('error', 'uncaught exception (the console keeps running)', { error: errorText(err) }));
  process.on('unhandledRejection', (reason) => log('error', 'unhandled rejection (the console keeps running)', { error: errorText(reason) }));

  if (process.env.CONSOLE_BUILD !== 'false') ensureBuilt();
  const dist = process.env.CONSOLE_DIST ?? DIST;
  const services = serviceUrls();
  const demo = process.env.DEMO_MODE?.trim().toLowerCase() === 'true';
  const demoTokensFile = process.env.CONSOLE_DEMO_TOKENS_FILE ?? join(ROOT, '.infra', 'auth', 'tokens.json');
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = consoleServer({ dist, services, demo, demoTokensFile });
  server.once('error', (err) => {
    log('error', `the console cannot listen on ${host}:${port}`, { error: errorText(err) });
    process.exit(1);
  });
  server.listen(port, host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    process.stdout.write(`[console] http://${host}:${bound}/ (services: ${JSON.stringify(services)})\n`);
    if (demo) {
      process.stdout.write(`[console] DEMO MODE: /auth/demo-users hands the token of every demo user, administrator included, to anyone who reaches http://${host}:${bound}/; not for real data (DEMO_MODE=false turns it off)\n`);
      if (!['127.0.0.1', 'localhost', '::1'].includes(host)) log('warn', `demo mode on a non-loopback address (${host}): anyone on the network can take the administrator's token`);
    }
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  main();
} catch (err) {
  log('error', 'the console did not start', { error: errorText(err) });
  process.exit(1);
}
