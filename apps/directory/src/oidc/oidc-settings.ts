import { ROLES, type Role } from '@gbt/auth';

/**
 * Sign-in with the body's own identity provider (OpenID Connect, authorization code with PKCE).
 * Configured only when OIDC_ISSUER and OIDC_CLIENT_ID are set; built-in sign-in stays available.
 */
export interface OidcSettings {
  /** The provider's issuer URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** Absent for a public client (PKCE alone authenticates the exchange). */
  readonly clientSecret: string | undefined;
  /** The console's callback page, registered at the provider. */
  readonly redirectUri: string;
  /** What the sign-in button says: "Sign in with <providerName>". */
  readonly providerName: string;
  readonly scope: string;
  /** The claim that carries the person's groups or roles at the provider (an array or one string). */
  readonly roleClaim: string;
  /** A value of the role claim → the platform roles it grants. */
  readonly roleMap: Readonly<Record<string, readonly Role[]>>;
}

/** Parses OIDC_ROLE_MAP: a JSON object from claim values to a role or a list of roles, e.g. `{"cb-admins":["administrator"],"cb-reviewers":"reviewer"}`. */
export function parseRoleMap(json: string | undefined): Record<string, Role[]> {
  if (!json?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`OIDC_ROLE_MAP must be a JSON object from claim values to roles, not ${JSON.stringify(json)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('OIDC_ROLE_MAP must be a JSON object from claim values to roles');
  return Object.fromEntries(
    Object.entries(parsed).map(([value, granted]) => {
      const roles: unknown[] = Array.isArray(granted) ? granted : [granted];
      const unknown = roles.filter((r) => !(ROLES as readonly unknown[]).includes(r));
      if (unknown.length > 0) throw new Error(`OIDC_ROLE_MAP gives "${value}" roles the platform does not know: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
      return [value, roles as Role[]];
    }),
  );
}

/** The platform roles a person's claims grant, in the platform's order of roles, each once. */
export function mapRoles(claimValue: unknown, roleMap: Readonly<Record<string, readonly Role[]>>): Role[] {
  const values = Array.isArray(claimValue) ? claimValue : claimValue === undefined || claimValue === null ? [] : [claimValue];
  const granted = new Set(values.filter((v): v is string => typeof v === 'string' && Object.hasOwn(roleMap, v)).flatMap((v) => roleMap[v] ?? []));
  return ROLES.filter((r) => granted.has(r));
}

export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv, consoleUrl: string): OidcSettings | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new Error('OIDC sign-in needs both OIDC_ISSUER and OIDC_CLIENT_ID');
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUri: env.OIDC_REDIRECT_URI?.trim() || `${consoleUrl}/oidc/callback`,
    providerName: env.OIDC_PROVIDER_NAME?.trim() || new URL(issuer).host,
    scope: env.OIDC_SCOPE?.trim() || 'openid profile email',
    roleClaim: env.OIDC_ROLE_CLAIM?.trim() || 'roles',
    roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
  };
}
