import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What the provider sends the browser back to the redirect URI with. */
export interface Callback {
  readonly code: string;
  readonly state: string;
  readonly iss?: string;
}

export interface TestProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** Follows the provider's redirects from an authorization URL, signing `accountId` in with `claims`, to the code and state it sends the browser back with. */
  authorize(authorizationUrl: string, accountId: string, claims: Record<string, unknown>): Promise<Callback>;
  stop(): Promise<void>;
}

/** Starts `oidc-test-provider.mjs` (a real OpenID provider, oidc-provider) in a process of its own, on a random port; `accounts` are known to its login form. */
export async function startTestProvider(clientId = 'console', redirectUri = 'http://127.0.0.1:3000/oidc/callback', accounts: Record<string, Record<string, unknown>> = {}): Promise<TestProvider> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-test-provider.mjs')], {
    env: { ...process.env, OIDC_TEST_CLIENT_ID: clientId, OIDC_TEST_REDIRECT_URI: redirectUri, OIDC_TEST_ACCOUNTS: JSON.stringify(accounts) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line'),
    once(child, 'exit').then(() => Promise.reject(new Error(`the test provider ended: ${stderr}`))),
  ])) as [string];
  const { issuer } = JSON.parse(line) as { issuer: string };
  return { issuer, clientId, redirectUri, authorize: (url, accountId, claims) => authorize(url, redirectUri, accountId, claims), stop: () => stop(child) };
}

async function authorize(authorizationUrl: string, redirectUri: string, accountId: string, claims: Record<string, unknown>): Promise<Callback> {
  const cookies = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}): Promise<string> => {
    const reply = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const set of reply.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = reply.headers.get('location');
    if (reply.status < 300 || reply.status > 399 || !location) throw new Error(`the provider answered ${reply.status} at ${url}: ${await reply.text()}`);
    return new URL(location, url).href;
  };
  let next = await send(authorizationUrl);
  for (let hops = 0; hops < 6; hops++) {
    if (next.startsWith(redirectUri)) {
      const back = new URL(next).searchParams;
      if (back.get('error')) throw new Error(`the provider refused: ${back.get('error')} ${back.get('error_description') ?? ''}`);
      return { code: back.get('code')!, state: back.get('state')!, ...(back.get('iss') ? { iss: back.get('iss')! } : {}) };
    }
    const interaction = new URL(next).pathname.match(/^\/interaction\/([^/]+)$/);
    next = interaction
      ? await send(`${new URL(next).origin}/interaction/${interaction[1]}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId, claims }) })
      : await send(next);
  }
  throw new Error('the provider did not send the browser back');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
