// The web console (apps/console): builds the app if its sources changed, then serves it on PORT (3000)
// with /api/<service>/ proxied to the services. npm start runs it (tools/start.mjs).
//   CONSOLE_SERVICE_URLS  JSON {"applications": "http://127.0.0.1:3001", ...} (default: the npm start ports)
//   CONSOLE_DEMO_TOKENS_FILE  the demo users' tokens (default .infra/auth/tokens.json); CONSOLE_DEMO_USERS=false hides them
import { join } from 'node:path';
import { DIST, ensureBuilt, ROOT } from './build';
import { consoleServer, type ServiceName } from './server';

const DEFAULT_URLS: Record<ServiceName, string> = {
  applications: 'http://127.0.0.1:3001',
  'evidence-review': 'http://127.0.0.1:3002',
  scoring: 'http://127.0.0.1:3003',
  certificates: 'http://127.0.0.1:3004',
};

function main(): void {
  ensureBuilt();
  const services = { ...DEFAULT_URLS, ...(process.env.CONSOLE_SERVICE_URLS ? (JSON.parse(process.env.CONSOLE_SERVICE_URLS) as Partial<Record<ServiceName, string>>) : {}) };
  const demoTokensFile = process.env.CONSOLE_DEMO_USERS === 'false' ? undefined : (process.env.CONSOLE_DEMO_TOKENS_FILE ?? join(ROOT, '.infra', 'auth', 'tokens.json'));
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = consoleServer({ dist: DIST, services, demoTokensFile });
  server.listen(port, host, () => process.stdout.write(`[console] http://${host}:${port}/ (services: ${JSON.stringify(services)})\n`));
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
