import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { usePersonName } from '../names';
import { Link } from '../router';
import { useSession } from '../session';
import { Loading, Section, useLoad } from '../ui';
import { AnswerForm } from './answer-form';
import { CancelForm } from './cancel-form';
import type { AuditOfProgramme, AuditProgrammeView } from './audit-types';
import { ManDays } from './man-days';
import { OutletSampleView } from './outlet-sample';
import { ProposeForm } from './propose-form';
import { FlaggedOutlets, SiteTasks } from './site-tasks';

/**
 * A case's audit programme for its current cycle: each audit's plan with its man-day computation,
 * outlet sample (why each outlet, the seed) and confirmation. The lead proposes; the applicant
 * confirms or asks for a change; everyone who may read the case sees the plans.
 */
export function AuditPlansPage({ caseId }: { caseId: string }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const programme = useLoad(async () => (await call<AuditProgrammeView>('evidence-review', `/cases/${encodeURIComponent(caseId)}/audit-plans`, { token: user?.token })).body, [caseId, user?.token]);
  const p = programme.data;
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p>
        <Link to={`/cases/${encodeURIComponent(caseId)}`}>{t('audit.back')}</Link>
      </p>
      {!p ? (
        <Loading loading={programme.loading} error={programme.error} />
      ) : (
        <>
          <p className="muted">
            {t('audit.cycle', { cycle: p.cycle })} · {p.employees === null ? t('audit.employeesUnknown') : t('audit.employees', { employees: p.employees })} · {t('audit.outletCount', { count: p.outlets.length })}
          </p>
          {p.surveillancesDue > 0 && (
            <p className="notice" data-testid="surveillances-due">
              {t('audit.surveillancesDue', { count: p.surveillancesDue })}
            </p>
          )}
          <FlaggedOutlets programme={p} />
          {p.audits.map((audit) => (
            <AuditSection key={audit.kind} caseId={caseId} audit={audit} programme={p} onChanged={programme.reload} />
          ))}
        </>
      )}
    </>
  );
}

function AuditSection({ caseId, audit, programme, onChanged }: { caseId: string; audit: AuditOfProgramme; programme: AuditProgrammeView; onChanged(): void }) {
  const { t } = usePrefs();
  const { has } = useSession();
  const personName = usePersonName();
  const plan = audit.plan;
  return (
    <Section title={t(`audit.kind.${audit.kind}` as MessageKey)} id={`audit-${audit.kind}`}>
      <p data-testid={`audit-status-${audit.kind}`}>
        <span className="badge">{t(`audit.status.${audit.status}` as MessageKey)}</span> {audit.revision > 0 && t('audit.revision', { revision: audit.revision })}
      </p>
      {audit.changeRequest && <p className="notice">{t('audit.changeRequested', { revision: audit.changeRequest.revision, reason: audit.changeRequest.reason })}</p>}
      {plan && (
        <>
          <dl>
            <dt>{t('audit.dates')}</dt>
            <dd>{t('audit.dateRange', { start: plan.startDate, end: plan.endDate })}</dd>
            <dt>{t('audit.mode')}</dt>
            <dd>{t(`audit.mode.${plan.mode}` as MessageKey)}</dd>
            <dt>{t('audit.team')}</dt>
            <dd>
              <ul className="plain">
                {plan.team.map((m) => (
                  <li key={m.personId}>
                    {personName(m.personId)} · {t(`audit.role.${m.role}` as MessageKey)}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t('audit.requirements')}</dt>
            <dd>{t('audit.requirementCount', { count: plan.requirementIds.length })}</dd>
          </dl>
          <h3>{t('audit.manDays')}</h3>
          <ManDays manDays={plan.manDays} />
          <h3>{t('audit.sample')}</h3>
          <OutletSampleView sample={plan.outletSample} outlets={programme.outlets} />
          {audit.siteTasks.length > 0 && <SiteTasks caseId={caseId} audit={audit} outlets={programme.outlets} onRecorded={onChanged} />}
        </>
      )}
      {has('applicant') && audit.status === 'proposed' && <AnswerForm caseId={caseId} audit={audit} onAnswered={onChanged} />}
      {has('lead-reviewer') && audit.status !== 'cancelled' && <ProposeForm caseId={caseId} audit={audit} onProposed={onChanged} />}
      {has('lead-reviewer') && audit.status !== 'cancelled' && audit.status !== 'none' && <CancelForm caseId={caseId} audit={audit} onCancelled={onChanged} />}
    </Section>
  );
}
