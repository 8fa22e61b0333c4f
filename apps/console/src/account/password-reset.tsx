import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { Link, useLocation } from '../router';
import { ErrorBox, Section, TextField, useAction } from '../ui';

/** Without a token: ask for a reset link by mail. With the mailed link's token: set the new password (every sign-in of the person ends). */
export function PasswordResetPage() {
  const { query } = useLocation();
  const token = query.get('token');
  return token ? <SetPassword token={token} /> : <RequestReset />;
}

function RequestReset() {
  const { t } = usePrefs();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await call('directory', '/auth/password-reset', { method: 'POST', json: { email } });
      setSent(true);
    });
  };
  return (
    <Section title={t('account.forgot')}>
      {sent ? (
        <p role="status" data-testid="reset-requested">
          {t('account.resetSent')}
        </p>
      ) : (
        <form onSubmit={submit}>
          <TextField label={t('account.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
          <ErrorBox error={action.error} />
          <button type="submit" disabled={action.busy}>
            {t('account.resetRequest')}
          </button>
        </form>
      )}
    </Section>
  );
}

function SetPassword({ token }: { token: string }) {
  const { t } = usePrefs();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await call('directory', '/auth/password-reset/confirmation', { method: 'POST', json: { token, password } });
      setDone(true);
    });
  };
  return (
    <Section title={t('account.setPassword')}>
      {done ? (
        <p role="status" data-testid="password-set">
          {t('account.passwordSet')} <Link to="/signin">{t('nav.signin')}</Link>
        </p>
      ) : (
        <form onSubmit={submit}>
          <TextField label={t('account.newPassword')} hint={t('account.passwordRule')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />
          <ErrorBox error={action.error} />
          <button type="submit" disabled={action.busy}>
            {t('account.setPassword')}
          </button>
        </form>
      )}
    </Section>
  );
}
