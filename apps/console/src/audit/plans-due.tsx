import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { useOrganisationName } from '../names';
import { Link } from '../router';
import { useSession } from '../session';
import type { AuditPlanDueView } from '../types';
import { Loading, Section, useLoad } from '../ui';

/** The lead's list of surveillance audits to plan: their timer fired and no plan was proposed yet. */
export function PlansDue() {
  const { t } = usePrefs();
  const { user } = useSession();
  const due = useLoad(async () => (await call<AuditPlanDueView[]>('evidence-review', '/audit-plans/due', { token: user?.token })).body, [user?.token]);
  return (
    <Section title={`${t('audit.dueTitle')} (${due.data?.length ?? '…'})`}>
      {!due.data ? (
        <Loading loading={due.loading} error={due.error} />
      ) : due.data.length === 0 ? (
        <p className="muted">{t('audit.dueNone')}</p>
      ) : (
        <ul className="plain" data-testid="plans-due">
          {due.data.map((d) => (
            <DueItem key={d.planId} due={d} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function DueItem({ due }: { due: AuditPlanDueView }) {
  const { t, date } = usePrefs();
  const name = useOrganisationName(due.organisationId);
  return (
    <li className="wrap-anywhere">
      <Link to={`/cases/${encodeURIComponent(due.caseId)}/audit-plans`}>{name || due.caseId}</Link> · {t('audit.dueItem', { kind: t(`audit.kind.${due.kind}` as MessageKey), dueBy: date(due.dueBy) })}
    </li>
  );
}
