import { useEffect, useState } from 'react';
import { ApiError, call } from '../api';
import { usePrefs } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import type { DirectoryTokens } from '../session-tokens';
import { ErrorBox, Section } from '../ui';

/** The sign-in under way at the identity provider, in this tab only: its state (to match the one that comes back) and where to go after. */
const PENDING = 'console.oidc';
/** States already posted: a callback page rendered twice must not spend its code twice. */
const posted = new Set<string>();

export interface OidcProvider {
  readonly configured: boolean;
  readonly providerName: string | null;
}

export const oidcProvider = async (): Promise<OidcProvider> => {
  try {
    return (await call<OidcProvider>('directory', '/auth/oidc')).body;
  } catch {
    return { configured: false, providerName: null };
  }
};

/** Asks the directory for the provider's authorization URL (state, nonce and PKCE made there) and sends the browser to it. */
export async function startOidcSignIn(next: string): Promise<void> {
  const { authorizationUrl, state } = (await call<{ authorizationUrl: string; state: string }>('directory', '/auth/oidc/authorization', { method: 'POST' })).body;
  sessionStorage.setItem(PENDING, JSON.stringify({ state, next }));
  window.location.assign(authorizationUrl);
}

/**
 * Where the provider sends the browser back (`/oidc/callback?code&state&iss`, or `?error`): the
 * state must be the one this tab started with (a sign-in started elsewhere is not taken: login
 * CSRF), then the directory exchanges the code and answers with the console's usual tokens.
 */
export function OidcCallbackPage() {
  const { t } = usePrefs();
  const { signIn } = useSession();
  const { query } = useLocation();
  const [problem, setProblem] = useState<{ message?: string; error?: unknown } | null>(null);
  useEffect(() => {
    const state = query.get('state') ?? '';
    const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { state: string; next: string } | null;
    if (posted.has(state)) return;
    posted.add(state);
    sessionStorage.removeItem(PENDING);
    const error = query.get('error');
    if (error) return setProblem({ message: t('signin.oidcError', { error: query.get('error_description') ?? error }) });
    if (!pending || pending.state !== state) return setProblem({ message: t('signin.oidcStateMismatch') });
    const iss = query.get('iss');
    const json = { code: query.get('code') ?? '', state, ...(iss ? { iss } : {}) };
    call<DirectoryTokens>('directory', '/auth/oidc/sign-in', { method: 'POST', json })
      .then(({ body }) => {
        signIn(body);
        navigate(pending.next.startsWith('/') && !pending.next.startsWith('/signin') ? pending.next : '/');
      })
      .catch((err: unknown) => setProblem(err instanceof ApiError ? { error: err } : { message: String(err) }));
    // Once per page load: the query is what the provider sent.
  }, []);
  return (
    <Section title={t('account.signIn')}>
      {problem ? (
        <>
          {problem.message && (
            <p role="alert" className="error" data-testid="error">
              {problem.message}
            </p>
          )}
          <ErrorBox error={problem.error} />
          <p>
            <Link to="/signin">{t('signin.oidcBack')}</Link>
          </p>
        </>
      ) : (
        <p aria-live="polite" data-testid="oidc-returning">
          {t('signin.oidcReturning')}
        </p>
      )}
    </Section>
  );
}
