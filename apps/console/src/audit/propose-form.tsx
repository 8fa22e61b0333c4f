import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { DateField } from '../date-field';
import { usePrefs, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { Select, TextField, useAction } from '../ui';
import { ADJUSTMENT_CODES, AUDIT_MODES, type AuditOfProgramme } from './audit-types';
import { PlanError } from './plan-problems';

const ids = (text: string) => text.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);

/** The lead's proposal of an audit's plan (or its next revision); the service samples and computes. */
export function ProposeForm({ caseId, audit, onProposed }: { caseId: string; audit: AuditOfProgramme; onProposed(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const plan = audit.plan;
  const [mode, setMode] = useState(plan?.mode ?? 'on-site');
  const [startDate, setStart] = useState(plan?.startDate ?? '');
  const [endDate, setEnd] = useState(plan?.endDate ?? '');
  const [lead, setLead] = useState(plan?.team.find((m) => m.role === 'lead-auditor')?.personId ?? '');
  const [auditors, setAuditors] = useState(plan?.team.filter((m) => m.role === 'auditor').map((m) => m.personId).join(', ') ?? '');
  const [adjustment, setAdjustment] = useState('');
  const [percent, setPercent] = useState('10');
  const [proposed, setProposed] = useState<number | null>(null);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProposed(null);
    const team = [{ personId: lead.trim(), role: 'lead-auditor' }, ...ids(auditors).map((personId) => ({ personId, role: 'auditor' }))];
    const adjustments = adjustment ? [{ code: adjustment, percent: Number(percent) }] : undefined;
    await action.run(async () => {
      const reply = await call<{ revision: number }>('evidence-review', `/cases/${encodeURIComponent(caseId)}/audit-plans/${audit.kind}`, {
        method: 'POST',
        token: user?.token,
        json: { mode, startDate, endDate, team, ...(adjustments ? { adjustments } : {}) },
      });
      setProposed(reply.body.revision);
      onProposed();
    });
  };
  return (
    <form onSubmit={submit} data-testid={`propose-${audit.kind}`}>
      <p className="hint">{t('audit.proposeHint')}</p>
      <Select label={t('audit.mode')} value={mode} onChange={(e) => setMode(e.target.value)} options={AUDIT_MODES.map((m) => ({ value: m, label: t(`audit.mode.${m}`) }))} />
      <div className="inline">
        <DateField label={t('audit.start')} value={startDate} onChange={setStart} />
        <DateField label={t('audit.end')} value={endDate} onChange={setEnd} />
      </div>
      <TextField label={t('audit.leadAuditor')} value={lead} onChange={(e) => setLead(e.target.value)} required />
      <TextField label={t('audit.auditors')} hint={t('audit.auditorsHint')} value={auditors} onChange={(e) => setAuditors(e.target.value)} />
      <div className="inline">
        <Select
          label={t('audit.adjustment')}
          value={adjustment}
          onChange={(e) => setAdjustment(e.target.value)}
          options={[{ value: '', label: t('audit.adjustmentNone') }, ...ADJUSTMENT_CODES.map((c) => ({ value: c, label: t(`audit.adjustment.${c}` as MessageKey) }))]}
        />
        {adjustment && <TextField label={t('audit.adjustmentPercent')} type="number" min={1} max={200} value={percent} onChange={(e) => setPercent(e.target.value)} required />}
      </div>
      <PlanError error={action.error} />
      {proposed !== null && <p role="status">{t('audit.proposed', { revision: proposed })}</p>}
      <button type="submit" disabled={action.busy}>
        {plan ? t('audit.proposeRevision') : t('audit.propose')}
      </button>
    </form>
  );
}
