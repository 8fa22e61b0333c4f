import { useState } from 'react';
import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { usePersonName } from '../names';
import { useSession } from '../session';
import { ErrorBox, Select, TextArea, useAction } from '../ui';
import type { AuditOfProgramme, AuditProgrammeView } from './audit-types';

type SiteTask = AuditOfProgramme['siteTasks'][number];

/**
 * A confirmed surveillance plan's site tasks, one per sampled outlet: open until an auditor of the
 * plan's team records the visit, conforming or with a finding (which flags the outlet for the next
 * audit). Everyone who may read the case sees them; the plan's auditors record visits here.
 */
export function SiteTasks({ caseId, audit, outlets, onRecorded }: { caseId: string; audit: AuditOfProgramme; outlets: AuditProgrammeView['outlets']; onRecorded(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const personName = usePersonName();
  const named = new Map(outlets.map((o) => [o.id, o]));
  const auditor = audit.plan?.team.some((m) => m.personId === user?.id && (m.role === 'lead-auditor' || m.role === 'auditor')) ?? false;
  const open = audit.siteTasks.filter((s) => s.status === 'open').length;
  return (
    <div data-testid={`site-tasks-${audit.kind}`}>
      <h3>{t('audit.siteTasks')}</h3>
      <p className="muted">{open > 0 ? t('audit.siteTasksOpen', { open, total: audit.siteTasks.length }) : t('audit.siteTasksDone')}</p>
      <ul className="plain">
        {audit.siteTasks.map((task) => (
          <li key={task.outletId} data-testid="site-task">
            <strong>{named.get(task.outletId)?.name ?? task.outletId}</strong> <span className="muted">{named.get(task.outletId)?.address}</span>{' '}
            <span className="badge">{t(`audit.visit.${task.status}` as MessageKey)}</span>
            {task.finding && <> {t('case.ownWords', { text: task.finding })}</>}
            {task.recordedBy && <small className="muted"> · {personName(task.recordedBy)}</small>}
            {auditor && task.status === 'open' && <VisitForm caseId={caseId} kind={audit.kind} task={task} onRecorded={onRecorded} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function VisitForm({ caseId, kind, task, onRecorded }: { caseId: string; kind: string; task: SiteTask; onRecorded(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [outcome, setOutcome] = useState<'conforming' | 'finding'>('conforming');
  const [finding, setFinding] = useState('');
  const action = useAction();
  return (
    <details>
      <summary>{t('audit.recordVisit')}</summary>
      <form
        data-testid={`visit-${task.outletId}`}
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            const json = outcome === 'finding' ? { outletId: task.outletId, outcome, finding } : { outletId: task.outletId, outcome };
            await call('evidence-review', `/cases/${encodeURIComponent(caseId)}/audit-plans/${kind}/site-visits`, { method: 'POST', token: user?.token, json });
            onRecorded();
          });
        }}
      >
        <Select
          label={t('audit.visitOutcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value === 'finding' ? 'finding' : 'conforming')}
          options={(['conforming', 'finding'] as const).map((value) => ({ value, label: t(`audit.visit.${value}`) }))}
        />
        {outcome === 'finding' && <TextArea label={t('audit.visitFinding')} value={finding} onChange={(e) => setFinding(e.target.value)} required maxLength={4_000} />}
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy}>
          {t('audit.recordVisit')}
        </button>
      </form>
    </details>
  );
}

/** Outlets with a finding at an earlier visit: the next audit's sample includes each of them. */
export function FlaggedOutlets({ programme }: { programme: AuditProgrammeView }) {
  const { t } = usePrefs();
  if (programme.flaggedOutlets.length === 0) return null;
  const named = new Map(programme.outlets.map((o) => [o.id, o]));
  return (
    <div className="notice" data-testid="flagged-outlets">
      <p>{t('audit.flaggedHint')}</p>
      <ul className="plain">
        {programme.flaggedOutlets.map((f) => (
          <li key={f.outletId}>
            <strong>{named.get(f.outletId)?.name ?? f.outletId}</strong> · {t('case.ownWords', { text: f.finding })}
          </li>
        ))}
      </ul>
    </div>
  );
}
