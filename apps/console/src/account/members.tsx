import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { navigate } from '../router';
import { useSession } from '../session';
import { ErrorBox, Loading, Section, TextField, useAction, useLoad } from '../ui';

interface MyOrganisation {
  readonly organisationId: string;
  readonly name: string;
}

interface Members {
  readonly members: readonly string[];
  readonly invitations: readonly { invitationId: string; email: string; invitedBy: string; expiresAt: string; status: string }[];
}

/** An applicant's own organisations: their members and invitations; invite a colleague, revoke an invitation, leave. */
export function MembersPage() {
  const { t } = usePrefs();
  const { user } = useSession();
  const mine = useLoad(async () => (await call<MyOrganisation[]>('applications', '/me/organisations', { token: user?.token })).body, [user?.id]);
  return (
    <>
      <Loading loading={mine.loading} error={mine.error} />
      {mine.data?.length === 0 && <p>{t('members.none')}</p>}
      {mine.data?.map((o) => <Organisation key={o.organisationId} organisation={o} />)}
    </>
  );
}

function Organisation({ organisation }: { organisation: MyOrganisation }) {
  const { t, dateTime } = usePrefs();
  const { user, signOut } = useSession();
  const path = `/organisations/${encodeURIComponent(organisation.organisationId)}`;
  const members = useLoad(async () => (await call<Members>('directory', `${path}/members`, { token: user?.token })).body, [path, user?.id]);
  const [email, setEmail] = useState('');
  const action = useAction();
  const post = (to: string, json: unknown, after?: () => void) =>
    void action.run(async () => {
      await call('directory', to, { method: 'POST', json, token: user?.token });
      after?.();
      members.reload();
    });
  const invite = (e: FormEvent) => {
    e.preventDefault();
    post(`${path}/invitations`, { email }, () => setEmail(''));
  };
  const leave = () => {
    if (!user || !window.confirm(t('members.leaveConfirm'))) return;
    // Leaving ends this person's reach into the organisation: sign in again so tokens and pages follow.
    post(`${path}/members/${encodeURIComponent(user.id)}/departure`, {}, () => (signOut(), navigate('/signin')));
  };
  return (
    <Section title={organisation.name}>
      <Loading loading={members.loading && !members.data} error={members.error} />
      <h3>{t('members.members')}</h3>
      <ul data-testid="members">
        {members.data?.members.map((m) => <li key={m}>{m === user?.id ? `${user.name} (${t('members.you')})` : m}</li>)}
      </ul>
      <h3>{t('members.invitations')}</h3>
      <ul data-testid="invitations">
        {members.data?.invitations.map((i) => (
          <li key={i.invitationId}>
            {i.email} · {t(`members.status.${i.status}` as never)} · {t('members.until', { at: dateTime(i.expiresAt) })}{' '}
            {i.status === 'open' && (
              <button type="button" onClick={() => post(`${path}/invitations/${i.invitationId}/revocation`, {})} disabled={action.busy}>
                {t('members.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={invite}>
        <TextField label={t('members.inviteEmail')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required data-testid="invite-email" />
        <button type="submit" disabled={action.busy}>
          {t('members.invite')}
        </button>
      </form>
      <ErrorBox error={action.error} />
      <button type="button" className="danger" onClick={leave} disabled={action.busy}>
        {t('members.leave')}
      </button>
    </Section>
  );
}
