import { useState } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import type { DirectoryTokens } from '../session-tokens';
import { ErrorBox, Section, useAction } from '../ui';
import { TotpEnrolment } from './totp-enrolment';

/** The signed-in person's own account: enrol (or replace) an authenticator app, optional for everyone whose role does not require one. */
export function MyAccountPage() {
  const { t } = usePrefs();
  const { user, signIn, signOut } = useSession();
  const [ticket, setTicket] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const action = useAction();
  const start = () => void action.run(async () => setTicket((await call<{ ticket: string }>('directory', '/me/totp-enrolment', { method: 'POST', json: {}, token: user?.token })).body.ticket));
  // The confirmation is a new sign-in: the one it replaces is ended at the directory first.
  const enrolled = (tokens: DirectoryTokens) => {
    signOut();
    signIn(tokens);
    setTicket(null);
    setDone(true);
  };
  return (
    <Section title={t('account.mine')}>
      <p>{user?.name}</p>
      {done && <p role="status">{t('account.totpOn')}</p>}
      {ticket ? (
        <TotpEnrolment ticket={ticket} onSignedIn={enrolled} />
      ) : (
        <button type="button" onClick={start} disabled={action.busy}>
          {t('account.enrolTotp')}
        </button>
      )}
      <ErrorBox error={action.error} />
    </Section>
  );
}
