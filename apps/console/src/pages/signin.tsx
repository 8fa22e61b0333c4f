import { useState, type FormEvent } from 'react';
import { consoleConfig, useConsoleConfig } from '../demo';
import { usePrefs } from '../i18n';
import { navigate, useLocation } from '../router';
import { userFromToken, useSession, type User } from '../session';
import { ErrorBox, Section, TextArea, useLoad } from '../ui';

/** A token from the identity provider, or in demo mode only, one of the demo users (the console server's /auth/demo-users). */
export function SignInPage() {
  const { t } = usePrefs();
  const { signIn } = useSession();
  const { query } = useLocation();
  const next = query.get('next') ?? '/';
  const config = useConsoleConfig();
  const demo = useLoad(async () => {
    if (!(await consoleConfig()).demo) return [];
    const reply = await fetch('/auth/demo-users');
    return reply.ok ? ((await reply.json()) as User[]) : [];
  }, []);
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const go = (user: User) => {
    signIn(user);
    navigate(next.startsWith('/') && !next.startsWith('/signin') ? next : '/');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      go(userFromToken(token.trim()));
    } catch {
      setError(new Error(t('signin.badToken')));
    }
  };
  return (
    <div className="grid2">
      {config?.demo && (
        <Section title={t('signin.demo')}>
          <p className="warning-text">{t('signin.demoHint')}</p>
          <ul className="users">
            {(demo.data ?? []).map((u) => (
              <li key={u.id}>
                <button type="button" onClick={() => go(u)} data-user={u.id}>
                  {u.name}
                </button>{' '}
                <small>{u.roles.map((r) => t(`role.${r}` as never)).join(', ')}</small>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t('signin.token')}>
        {config && !config.demo && <p className="muted" data-testid="no-demo">{t('signin.noDemo')}</p>}
        <p>{t('signin.tokenHint')}</p>
        <form onSubmit={submit}>
          <TextArea label={t('signin.tokenLabel')} value={token} onChange={(e) => setToken(e.target.value)} required />
          <ErrorBox error={error} />
          <button type="submit">{t('signin.submit')}</button>
        </form>
      </Section>
    </div>
  );
}
