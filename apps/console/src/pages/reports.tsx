import { blobUrl, call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { ErrorBox, Loading, Section, useAction, useLoad } from '../ui';

type Kind = 'audit-plans' | 'certificates' | 'audit-results' | 'status-changes';
const KINDS: readonly Kind[] = ['audit-plans', 'certificates', 'audit-results', 'status-changes'];

interface Problem {
  readonly kind: Kind;
  readonly record: string;
  readonly code: string;
  readonly params: Record<string, string>;
}

interface ReportSummary {
  readonly _id: string;
  readonly period: string;
  readonly sequence: number;
  readonly templateVersion: string;
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly checksum: string;
  readonly counts: Record<Kind, { exported: number; withProblems: number }>;
  readonly problemCount: number;
  readonly downloadUrl: string;
}

interface MonthView {
  readonly period: string;
  readonly dueOn: string;
  readonly reminder: { remindedAt: string } | null;
  readonly reports: readonly ReportSummary[];
}

interface ReportsView {
  readonly template: { id: string; version: string };
  readonly months: readonly MonthView[];
}

/** Saves what a staff-only URL answers under a file name (the token cannot ride on a plain link). */
async function download(path: string, token: string, name: string): Promise<void> {
  const { url } = await blobUrl('certificates', path, token);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A report's problems, each worded from its code, with the record it keeps out of the file. */
function Problems({ period, sequence }: { period: string; sequence: number }) {
  const { t, has } = usePrefs();
  const { user } = useSession();
  const report = useLoad(async () => (await call<{ problems: Problem[] }>('certificates', `/reports/monthly/${period}/${sequence}`, { token: user?.token })).body, [period, sequence]);
  if (!report.data) return <Loading loading={report.loading} error={report.error} />;
  return (
    <ul className="problems" data-testid={`problems-${period}-${sequence}`}>
      {report.data.problems.map((p, i) => (
        <li key={i} data-code={p.code}>
          {t(`reports.kind.${p.kind}` as MessageKey)} · <code>{p.record}</code>: {has(`reports.problem.${p.code}`) ? t(`reports.problem.${p.code}` as MessageKey, p.params) : p.code}
        </li>
      ))}
    </ul>
  );
}

function Month({ month, onGenerated }: { month: MonthView; onGenerated(): void }) {
  const { t, dateTime } = usePrefs();
  const { user } = useSession();
  const action = useAction();
  const generate = async () => {
    if (await action.run(() => call('certificates', `/reports/monthly/${month.period}`, { method: 'POST', token: user?.token }))) onGenerated();
  };
  return (
    <Section title={t('reports.month', { period: month.period })}>
      <p>
        {t('reports.dueOn', { date: month.dueOn })}
        {month.reminder && <strong className="warning-text"> · {t('reports.reminded', { at: dateTime(month.reminder.remindedAt) })}</strong>}
      </p>
      {month.reports.length === 0 && <p className="muted">{t('reports.none')}</p>}
      <ol>
        {month.reports.map((r) => (
          <li key={r._id} data-testid={`report-${r._id}`}>
            <p>
              {t('reports.generated', { at: dateTime(r.generatedAt), by: r.generatedBy, version: r.templateVersion })}{' '}
              <button type="button" onClick={() => user && void action.run(() => download(r.downloadUrl, user.token, `cnca-${r.period}-${r.sequence}.xlsx`))}>
                {t('reports.download')}
              </button>
            </p>
            <p className="muted">
              {KINDS.map((k) => t('reports.count', { kind: t(`reports.kind.${k}` as MessageKey), exported: r.counts[k].exported, problems: r.counts[k].withProblems })).join(' · ')}
            </p>
            <p className="muted">
              {t('reports.checksum')}: <code>{r.checksum}</code>
            </p>
            {r.problemCount > 0 && (
              <details>
                <summary className="warning-text">{t('reports.problems', { count: r.problemCount })}</summary>
                <Problems period={r.period} sequence={r.sequence} />
              </details>
            )}
          </li>
        ))}
      </ol>
      <button type="button" disabled={action.busy} onClick={() => void generate()} data-testid={`generate-${month.period}`}>
        {t('reports.generate')}
      </button>
      <ErrorBox error={action.error} />
    </Section>
  );
}

/** Staff: the monthly reports to the regulator (generate, problems, download) and the registry exports. */
export function ReportsPage() {
  const { t } = usePrefs();
  const { user } = useSession();
  const reports = useLoad(async () => (await call<ReportsView>('certificates', '/reports/monthly?months=6', { token: user?.token })).body, [user?.token]);
  const action = useAction();
  const exportAs = (format: 'json' | 'csv') => user && void action.run(() => download(`/exports/iaf-certsearch?format=${format}`, user.token, `iaf-certsearch.${format}`));
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p className="muted">{reports.data && t('reports.template', { id: reports.data.template.id, version: reports.data.template.version })}</p>
      {!reports.data && <Loading loading={reports.loading} error={reports.error} />}
      {reports.data?.months.map((m) => <Month key={m.period} month={m} onGenerated={reports.reload} />)}
      <Section title={t('reports.exports')}>
        <p>{t('reports.iafHint')}</p>
        <button type="button" onClick={() => exportAs('json')}>
          {t('reports.iafJson')}
        </button>{' '}
        <button type="button" onClick={() => exportAs('csv')}>
          {t('reports.iafCsv')}
        </button>
        <p className="muted">
          {t('reports.openData')} <a href="/api/certificates/open-data/certificates">/api/certificates/open-data/certificates</a>
        </p>
        <ErrorBox error={action.error} />
      </Section>
    </>
  );
}
