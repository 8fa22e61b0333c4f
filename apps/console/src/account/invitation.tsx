import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import type { DirectoryTokens } from '../session-tokens';
import { ErrorBox, Section, TextField, useAction } from '../ui';

/** The mailed invitation link: someone new gives a name and password and is signed in; someone the directory knows just joins and signs in as usual. */
export function InvitationPage() {
  const { t } = usePrefs();
  const { signIn } = useSession();
  const token = useLocation().query.get('token') ?? '';
  const [form, setForm] = useState({ name: '', password: '' });
  const [joined, setJoined] = useState(false);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const json = { token, ...(form.name ? { name: form.name } : {}), ...(form.password ? { password: form.password } : {}) };
    void action.run(async () => {
      const { tokens } = (await call<{ tokens: DirectoryTokens | null }>('directory', '/invitations/acceptance', { method: 'POST', json })).body;
      if (!tokens) return setJoined(true);
      signIn(tokens);
      navigate('/');
    });
  };
  return (
    <Section title={t('account.invitation')}>
      {joined ? (
        <p role="status">
          {t('account.joined')} <Link to="/signin">{t('nav.signin')}</Link>
        </p>
      ) : (
        <form onSubmit={submit}>
          <p>{t('account.invitationHint')}</p>
          <TextField label={t('account.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} autoComplete="name" />
          <TextField label={t('account.newPassword')} hint={t('account.passwordRule')} type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} autoComplete="new-password" />
          <ErrorBox error={action.error} />
          <button type="submit" disabled={action.busy || !token}>
            {t('account.accept')}
          </button>
        </form>
      )}
    </Section>
  );
}
