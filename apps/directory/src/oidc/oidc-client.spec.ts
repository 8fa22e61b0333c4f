import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainRefusal } from '@gbt/platform';
import { OidcClient } from './oidc-client';
import type { OidcSettings } from './oidc-settings';

const settings = (issuer: string): OidcSettings => ({ issuer, clientId: 'console', clientSecret: undefined, redirectUri: 'http://127.0.0.1:3000/oidc/callback', providerName: 'SSO', scope: 'openid', roleClaim: 'roles', roleMap: {} });

describe('OidcClient', () => {
  it('answers 502 auth.oidc-unavailable while the provider cannot be discovered, and discovers it at the next sign-in once it is up', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const client = new OidcClient(settings(`http://127.0.0.1:${port}`));
    const refused = await client.authorizationUrl('state').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DomainRefusal);
    expect(refused).toMatchObject({ code: 'auth.oidc-unavailable', status: 502 });

    // The provider comes up: the next sign-in discovers it, with no restart of the directory.
    const issuer = `http://127.0.0.1:${port}`;
    const discovery = { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, response_types_supported: ['code'] };
    const provider = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(discovery)));
    await new Promise<void>((resolve) => provider.listen(port, '127.0.0.1', resolve));
    try {
      const { url, pending } = await client.authorizationUrl('state-1');
      const params = new URL(url).searchParams;
      expect(url.startsWith(`${issuer}/auth?`)).toBe(true);
      expect(Object.fromEntries(params)).toMatchObject({ state: 'state-1', nonce: pending.nonce, code_challenge_method: 'S256', client_id: 'console' });
      expect(params.get('code_challenge')).not.toBe(pending.codeVerifier);
    } finally {
      await new Promise((resolve) => provider.close(resolve));
    }
  });
});
