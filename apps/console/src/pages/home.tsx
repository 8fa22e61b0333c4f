import { call } from '../api';
import { PlansDue } from '../audit/plans-due';
import { SiteVisitsDue } from '../audit/site-visits-due';
import { usePrefs } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';
import type { CaseRow } from '../types';
import { Loading, Section, Status, useLoad } from '../ui';

function CaseTable({ title, query, testId }: { title: string; query: string; testId: string }) {
  const { t, dateTime } = usePrefs();
  const { user } = useSession();
  const list = useLoad(async () => (await call<{ total: number; items: CaseRow[] }>('applications', `/cases${query}`, { token: user?.token })).body, [query, user?.token]);
  return (
    <Section title={`${title} (${list.data?.total ?? '…'})`}>
      <Loading loading={list.loading && !list.data} error={list.error} />
      {list.data && list.data.items.length === 0 && <p>{t('cases.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t('cases.organisation')}</th>
              <th scope="col">{t('cases.status')}</th>
              <th scope="col">{t('cases.level')}</th>
              <th scope="col">{t('cases.openNcs')}</th>
              <th scope="col">{t('cases.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <Link to={`/cases/${c.caseId}`}>{c.organisationName || c.caseId}</Link>
                </td>
                <td>
                  <Status status={c.status} />
                </td>
                <td>{c.level ? t(`level.${c.level}` as never) : '—'}</td>
                <td>{c.openNonconformities}</td>
                <td>{dateTime(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={list.reload}>
        {t('action.refresh')}
      </button>
    </Section>
  );
}

/** What each role works on first. */
export function HomePage() {
  const { t } = usePrefs();
  const { user, has } = useSession();
  if (!user) return null;
  return (
    <>
      <h1>{t('home.welcome', { name: user.name })}</h1>
      {has('applicant') && (
        <>
          <p>
            <Link to="/organisations/new">{t('nav.organisation')}</Link> · <Link to="/applications/new">{t('nav.application')}</Link>
          </p>
          <CaseTable title={t('home.myCases')} query="" testId="my-cases" />
        </>
      )}
      {has('lead-reviewer', 'administrator') && <CaseTable title={t('home.toAccept')} query="?status=submitted" testId="to-accept" />}
      {has('lead-reviewer', 'administrator') && <PlansDue />}
      {has('reviewer', 'lead-reviewer') && <SiteVisitsDue />}
      {has('reviewer', 'lead-reviewer') && <CaseTable title={t('home.underEvaluation')} query="?status=under-evaluation,recertifying" testId="under-evaluation" />}
      {has('decision-maker') && <CaseTable title={t('home.toDecide')} query="?status=decision-pending,recertifying" testId="to-decide" />}
      {has('decision-maker') && <CaseTable title={t('home.levelToRedecide')} query="?levelReopened=true" testId="level-to-redecide" />}
      {has('decision-maker', 'administrator', 'lead-reviewer') && <CaseTable title={t('home.certified')} query="?status=certified,suspended&limit=20" testId="certified" />}
    </>
  );
}
