import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { usePersonName } from '../names';
import { Link } from '../router';
import { useSession } from '../session';
import type { AppealListEntry } from '../types';
import { Loading, Section, useLoad } from '../ui';

function AppealTable({ entries, testId }: { entries: readonly AppealListEntry[]; testId: string }) {
  const { t } = usePrefs();
  const personName = usePersonName();
  if (!entries.length) return <p className="muted">{t('appeals.none')}</p>;
  return (
    <ul data-testid={testId}>
      {entries.map((e) => (
        <li key={e.appealId}>
          <Link to={`/cases/${encodeURIComponent(e.caseId)}#appeals`}>{t('appeals.against', { kind: t(`appeal.kind.${e.kind}` as MessageKey) })}</Link>
          <br />
          <span className="muted">
            {t('appeal.acknowledged')} {e.acknowledgedOn} · {t('appeal.answerBy')} {e.answerBy} · {t('appeal.handler')} {e.handlerId ? personName(e.handlerId) : t('appeal.noHandler')}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The decision makers' appeals: the ones they handle, then every open one, soonest answer first (two point reads). */
export function AppealsPage() {
  const { t } = usePrefs();
  const { user } = useSession();
  const lists = useLoad(async () => (await call<{ open: AppealListEntry[]; mine: AppealListEntry[] }>('certificates', '/appeals', { token: user?.token })).body, [user?.token]);
  return (
    <>
      <h1>{t('appeals.title')}</h1>
      <Loading loading={lists.loading && !lists.data} error={lists.error} />
      {lists.data && (
        <>
          <Section title={t('appeals.mine')}>
            <AppealTable entries={lists.data.mine} testId="appeals-mine" />
          </Section>
          <Section title={t('appeals.open')}>
            <AppealTable entries={lists.data.open} testId="appeals-open" />
          </Section>
        </>
      )}
    </>
  );
}
