import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { Loading, Section, useLoad } from '../ui';
import type { OpenComplaintItem } from './complaint-types';

/** The open complaints, one list per kind: about certified companies, and about the body itself (kept apart). */
export function ComplaintsPage() {
  const { t, dateTime } = usePrefs();
  const { user } = useSession();
  const { query } = useLocation();
  const kind = query.get('kind') === 'body' ? 'body' : 'certificate';
  const list = useLoad(async () => (await call<{ items: OpenComplaintItem[] }>('certificates', `/complaints?kind=${kind}`, { token: user?.token })).body, [kind, user?.token]);
  return (
    <>
      <h1>{t('complaint.listTitle')}</h1>
      <nav className="inline" aria-label={t('complaint.kind')}>
        {(['certificate', 'body'] as const).map((k) => (
          <button key={k} type="button" className={k === kind ? 'primary' : undefined} aria-pressed={k === kind} onClick={() => navigate(`/complaints?kind=${k}`)}>
            {t(`complaint.kind.${k}`)}
          </button>
        ))}
      </nav>
      <Loading loading={list.loading} error={list.error} />
      {list.data && (
        <Section title={t('complaint.open', { count: list.data.items.length })}>
          {list.data.items.length === 0 && <p>{t('complaint.none')}</p>}
          <ul className="complaint-list" data-testid="complaint-list">
            {list.data.items.map((c) => (
              <li key={c.reference}>
                <Link to={`/complaints/${encodeURIComponent(c.reference)}`}>{c.reference}</Link> · {t(`complaint.status.${c.status}` as MessageKey)}
                {c.escalated && <strong className="bad"> · {t('complaint.escalated')}</strong>}
                <br />
                {c.certificateNumber ?? t('complaint.kind.body')} · {t('complaint.receivedAt', { at: dateTime(c.receivedAt) })} · {t('complaint.answerDue', { due: dateTime(c.answerDueBy) })}
                {c.informationRequested && <> · {t('complaint.waitingForHolder')}</>}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}
