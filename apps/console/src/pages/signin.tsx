import { useState, type FormEvent } from 'react';
import { ApiError, call } from '../api';
import { oidcProvider, startOidcSignIn } from '../account/oidc';
import { TotpEnrolment } from '../account/totp-enrolment';
import { consoleConfig, useConsoleConfig } from '../demo';
import { usePrefs } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import type { DirectoryTokens } from '../session-tokens';
import { ErrorBox, Section, TextField, useAction, useLoad } from '../ui';

interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
}

/** Sign-in through the directory: email and password, then the TOTP code or an authenticator enrolment when it asks; in demo mode also its one-click users. */
export function SignInPage() {
  const { t } = usePrefs();
  const { signIn } = useSession();
  const { query } = useLocation();
  const next = query.get('next') ?? '/';
  const config = useConsoleConfig();
  // The names and roles of the demo people; their sign-in is the directory's (POST /demo/sign-in), so its tokens and revocation apply.
  const demo = useLoad(async () => {
    if (!(await consoleConfig()).demo) return [];
    const reply = await fetch('/auth/demo-users');
    return reply.ok ? ((await reply.json()) as DemoUser[]).map(({ id, name, roles }) => ({ id, name, roles })) : [];
  }, []);
  // The body's identity provider, when the directory has one configured: its button comes first.
  const oidc = useLoad(oidcProvider, []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [enrolment, setEnrolment] = useState<string | null>(null);
  const action = useAction();
  const go = (tokens: DirectoryTokens) => {
    signIn(tokens);
    navigate(next.startsWith('/') && !next.startsWith('/signin') ? next : '/');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      try {
        const json = { email, password, ...(step === 'totp' ? { totp } : {}) };
        go((await call<DirectoryTokens>('directory', '/auth/sign-in', { method: 'POST', json })).body);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'auth.totp-required' && step === 'password') return setStep('totp');
        if (err instanceof ApiError && err.code === 'auth.totp-enrolment-required' && typeof err.params.enrolmentTicket === 'string') return setEnrolment(err.params.enrolmentTicket);
        throw err;
      }
    });
  };
  const demoSignIn = (personId: string) => void action.run(async () => go((await call<DirectoryTokens>('directory', '/demo/sign-in', { method: 'POST', json: { personId } })).body));
  return (
    <div className="grid2">
      <Section title={t('account.signIn')}>
        {enrolment ? (
          <>
            <p className="warning-text">{t('error.auth.totp-enrolment-required')}</p>
            <TotpEnrolment ticket={enrolment} onSignedIn={go} />
          </>
        ) : (
          <>
            {oidc.data?.configured && (
              <>
                <button type="button" onClick={() => void action.run(() => startOidcSignIn(next))} disabled={action.busy} data-testid="signin-oidc">
                  {t('signin.oidc', { provider: oidc.data.providerName ?? '' })}
                </button>
                <p className="muted">{t('signin.oidcOr')}</p>
              </>
            )}
            <form onSubmit={submit} data-testid="signin-form">
              <TextField label={t('account.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required readOnly={step === 'totp'} data-testid="signin-email" />
              <TextField label={t('account.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required readOnly={step === 'totp'} data-testid="signin-password" />
              {step === 'totp' && (
                <TextField label={t('account.totpCode')} hint={t('error.auth.totp-required')} value={totp} onChange={(e) => setTotp(e.target.value.trim())} inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required data-testid="signin-totp" />
              )}
              <ErrorBox error={action.error} />
              <button type="submit" disabled={action.busy} data-testid="signin-submit">
                {t('signin.submit')}
              </button>
            </form>
          </>
        )}
        <p>
          <Link to="/password-reset">{t('account.forgot')}</Link> · <Link to="/register">{t('account.register')}</Link>
        </p>
        {config && !config.demo && <p className="muted" data-testid="no-demo">{t('signin.noDemo')}</p>}
      </Section>
      {config?.demo && (
        <Section title={t('signin.demo')}>
          <p className="warning-text">{t('signin.demoHint')}</p>
          <ul className="users">
            {(demo.data ?? []).map((u) => (
              <li key={u.id}>
                <button type="button" onClick={() => demoSignIn(u.id)} data-user={u.id} disabled={action.busy}>
                  {u.name}
                </button>{' '}
                <small>{u.roles.map((r) => t(`role.${r}` as never)).join(', ')}</small>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/demo/mails">{t('mails.title')}</Link>
          </p>
        </Section>
      )}
    </div>
  );
}
