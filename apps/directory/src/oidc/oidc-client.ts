import { custom, errors, generators, Issuer, type BaseClient, type IdTokenClaims, type UserinfoResponse } from 'openid-client';
import { DomainRefusal } from '@gbt/platform';
import type { OidcSettings } from './oidc-settings';

/** What the directory keeps between sending the browser to the provider and its coming back. */
export interface PendingAuthorization {
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** What the provider sent the browser back with (the console passes it on). */
export interface CallbackParams {
  readonly code: string;
  readonly state: string;
  readonly iss?: string;
}

export type ProviderClaims = IdTokenClaims & Partial<UserinfoResponse>;

// The provider is another server of the body's: a slow one must not hold a sign-in for long.
custom.setHttpOptionsDefaults({ timeout: 5_000 });

const unavailable = (err: unknown) => new DomainRefusal('auth.oidc-unavailable', `the identity provider did not answer: ${err instanceof Error ? err.message : String(err)}`, 502);

/**
 * The relying party, on `openid-client` (v5, CommonJS like the rest of the services): discovery
 * of the provider (on first use, again after a failure), the authorization URL with state, nonce
 * and a PKCE challenge (S256), and the code exchange, which checks the ID token's signature,
 * issuer, audience, expiry and nonce, and the state.
 */
export class OidcClient {
  private client: Promise<BaseClient> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  async authorizationUrl(state: string): Promise<{ url: string; pending: PendingAuthorization }> {
    const client = await this.discovered();
    const pending = { nonce: generators.nonce(), codeVerifier: generators.codeVerifier() };
    const url = client.authorizationUrl({
      scope: this.settings.scope,
      state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /** Exchanges the code: the ID token's claims, with the userinfo's beside them. */
  async exchange(callback: CallbackParams, pending: PendingAuthorization): Promise<ProviderClaims> {
    const client = await this.discovered();
    try {
      const tokens = await client.callback(this.settings.redirectUri, { ...callback }, { state: callback.state, nonce: pending.nonce, code_verifier: pending.codeVerifier });
      const claims = tokens.claims();
      if (!client.issuer.metadata.userinfo_endpoint || !tokens.access_token) return claims;
      // Many providers put profile, email and groups in the userinfo only; openid-client refuses one about another subject.
      return { ...(await client.userinfo(tokens)), ...claims };
    } catch (err) {
      if (err instanceof errors.OPError || err instanceof errors.RPError) {
        throw new DomainRefusal('auth.oidc-refused', `the identity provider's answer was refused: ${err.message}`, 401);
      }
      throw unavailable(err);
    }
  }

  private discovered(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.settings.issuer).then(
      (issuer) =>
        new issuer.Client({
          client_id: this.settings.clientId,
          ...(this.settings.clientSecret ? { client_secret: this.settings.clientSecret } : {}),
          redirect_uris: [this.settings.redirectUri],
          response_types: ['code'],
          token_endpoint_auth_method: this.settings.clientSecret ? 'client_secret_basic' : 'none',
        }),
    );
    return this.client.catch((err: unknown) => {
      this.client = undefined;
      throw unavailable(err);
    });
  }
}
