import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { navigate } from '../router';
import { useSession } from '../session';
import type { DirectoryTokens } from '../session-tokens';
import { ErrorBox, Section, TextField, useAction } from '../ui';

/** A company's first person registers and is signed in as an applicant; the organisation itself is registered next. */
export function RegisterPage() {
  const { t } = usePrefs();
  const { signIn } = useSession();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const action = useAction();
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      signIn((await call<DirectoryTokens>('directory', '/auth/registration', { method: 'POST', json: form })).body);
      navigate('/organisations/new');
    });
  };
  return (
    <Section title={t('account.register')}>
      <p>{t('account.registerHint')}</p>
      <form onSubmit={submit} data-testid="register-form">
        <TextField label={t('account.name')} value={form.name} onChange={set('name')} autoComplete="name" required data-testid="register-name" />
        <TextField label={t('account.email')} type="email" value={form.email} onChange={set('email')} autoComplete="email" required data-testid="register-email" />
        <TextField label={t('account.newPassword')} hint={t('account.passwordRule')} type="password" value={form.password} onChange={set('password')} autoComplete="new-password" required data-testid="register-password" />
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy}>
          {t('account.registerSubmit')}
        </button>
      </form>
    </Section>
  );
}
