// A small OpenID Connect provider for tests, on `oidc-provider` (panva; ESM only, so it runs in a
// process of its own rather than inside jest). It listens on 127.0.0.1 at a random port and prints
// `{"issuer": ...}` as its first line. One public client (PKCE), from the environment:
// OIDC_TEST_CLIENT_ID, OIDC_TEST_REDIRECT_URI. No login form: a test signs a person in by posting
// `{ accountId, claims }` to `/interaction/<uid>/login` (the claims are that person's from then on),
// and consent is given at once, as for the body's own first-party console.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const clientId = process.env.OIDC_TEST_CLIENT_ID ?? 'console';
const redirectUri = process.env.OIDC_TEST_REDIRECT_URI ?? 'http://127.0.0.1:3000/oidc/callback';
const SCOPES = 'openid profile email groups';
const accounts = new Map();

const readJson = (req) =>
  new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(body || '{}'));
      } catch (err) {
        reject(err);
      }
    });
  });

let provider;
const server = createServer(async (req, res) => {
  try {
    const login = req.url.match(/^\/interaction\/([^/?]+)\/login$/);
    if (req.method === 'POST' && login) {
      const { accountId, claims } = await readJson(req);
      accounts.set(accountId, claims ?? {});
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'GET' && req.url.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ uid: details.uid, prompt: details.prompt.name }));
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
