// A small OpenID Connect provider for tests, on `oidc-provider` (panva; ESM only, so it runs in a
// process of its own rather than inside jest). It listens on 127.0.0.1 at a random port and prints
// `{"issuer": ...}` as its first line. One public client (PKCE), from the environment:
// OIDC_TEST_CLIENT_ID, OIDC_TEST_REDIRECT_URI, and people known from the start in OIDC_TEST_ACCOUNTS
// (JSON: account id → claims). A test over HTTP signs a person in by posting `{ accountId, claims }`
// to `/interaction/<uid>/login` (the claims are that person's from then on); a browser gets a form
// that asks only for the account id. Consent is given at once, as for the body's own console.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const clientId = process.env.OIDC_TEST_CLIENT_ID ?? 'console';
const redirectUri = process.env.OIDC_TEST_REDIRECT_URI ?? 'http://127.0.0.1:3000/oidc/callback';
const SCOPES = 'openid profile email groups';
const accounts = new Map(Object.entries(JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}')));

/** A JSON body, or a form's fields. */
const readBody = (req) =>
  new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        resolve(req.headers['content-type']?.startsWith('application/json') ? JSON.parse(body || '{}') : Object.fromEntries(new URLSearchParams(body)));
      } catch (err) {
        reject(err);
      }
    });
  });

const loginForm = (uid) => `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>Test provider</title></head>
<body><form method="post" action="/interaction/${uid}/login"><label>Account <input name="accountId" data-testid="op-account"></label>
<button type="submit" data-testid="op-submit">Sign in at the test provider</button></form></body></html>`;

let provider;
const server = createServer(async (req, res) => {
  try {
    const login = req.url.match(/^\/interaction\/([^/?]+)\/login$/);
    if (req.method === 'POST' && login) {
      const { accountId, claims } = await readBody(req);
      if (claims) accounts.set(accountId, claims);
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'GET' && req.url.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      if (req.headers.accept?.includes('text/html')) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid));
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ uid: details.uid, prompt: details.prompt.name }));
      return;
    }
    provider.callback()(req, res);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err?.stack ?? err));
  }
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    clients: [{ client_id: clientId, redirect_uris: [redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    scopes: SCOPES.split(' '),
    cookies: { keys: ['oidc-test-provider-only'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const claims = accounts.get(id);
      return claims && { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    // Consent for the first-party client without asking: every scope and claim it asks for.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
