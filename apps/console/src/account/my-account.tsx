import { useState } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import type { DirectoryTokens } from '../session-tokens';
import { DeclareRelation, type Person } from '../admin/person';
import { ErrorBox, Loading, Section, useAction, useLoad } from '../ui';
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
    <>
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
      <MyRelations />
    </>
  );
}

/** A staff member's own declared relations to organisations, and the form to declare one (ISO/IEC 17065 4.2). */
function MyRelations() {
  const { t } = usePrefs();
  const { user, can } = useSession();
  const mayDeclare = can('directory', 'POST /me/relations');
  const me = useLoad(async () => (mayDeclare ? (await call<Person>('directory', '/me', { token: user?.token })).body : null), [user?.id, mayDeclare]);
  if (!mayDeclare) return null;
  return (
    <Section title={t('account.relations')}>
      <p>{t('account.relationsHint')}</p>
      <Loading loading={me.loading && !me.data} error={me.error} />
      <ul data-testid="my-relations">
        {Object.values(me.data?.relations ?? {}).map((r) => (
          <li key={r.relationId}>
            {r.organisationId} · {t(`admin.relation.${r.kind}` as never)} · {r.from} – {r.until ?? '…'} {r.description && <small>{r.description}</small>}
          </li>
        ))}
      </ul>
      <DeclareRelation path="/me" done={me.reload} />
    </Section>
  );
}
