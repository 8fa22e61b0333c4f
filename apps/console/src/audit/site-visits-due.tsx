import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { useOrganisationName } from '../names';
import { Link } from '../router';
import { useSession } from '../session';
import type { SiteVisitDueView } from '../types';
import { Loading, Section, useLoad } from '../ui';

/** The signed-in auditor's queue of outlets to visit: open site tasks of the confirmed surveillance plans they audit in. */
export function SiteVisitsDue() {
  const { t } = usePrefs();
  const { user } = useSession();
  const due = useLoad(async () => (await call<SiteVisitDueView[]>('evidence-review', '/site-visits', { token: user?.token })).body, [user?.token]);
  return (
    <Section title={`${t('audit.visitsDueTitle')} (${due.data?.length ?? '…'})`}>
      {!due.data ? (
        <Loading loading={due.loading} error={due.error} />
      ) : due.data.length === 0 ? (
        <p className="muted">{t('audit.visitsDueNone')}</p>
      ) : (
        <ul className="plain" data-testid="site-visits-due">
          {due.data.map((d) => (
            <VisitItem key={`${d.planId}/${d.outletId}`} due={d} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function VisitItem({ due }: { due: SiteVisitDueView }) {
  const { t } = usePrefs();
  const name = useOrganisationName(due.organisationId);
  return (
    <li className="wrap-anywhere">
      <Link to={`/cases/${encodeURIComponent(due.caseId)}/audit-plans`}>{due.outletName}</Link> <span className="muted">{due.outletAddress}</span> ·{' '}
      {t('audit.visitsDueItem', { organisation: name || due.caseId, kind: t(`audit.kind.${due.kind}` as MessageKey), start: due.startDate, end: due.endDate })}
    </li>
  );
}
