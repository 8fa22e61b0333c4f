import { useState } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import { ErrorBox, TextArea, useAction } from '../ui';
import type { AuditOfProgramme } from './audit-types';

/** The applicant answers the revision shown: confirm it, or say what should change. */
export function AnswerForm({ caseId, audit, onAnswered }: { caseId: string; audit: AuditOfProgramme; onAnswered(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [reason, setReason] = useState('');
  const [answered, setAnswered] = useState(false);
  const action = useAction();
  const send = (path: string, json: Record<string, unknown>) =>
    action.run(async () => {
      await call('evidence-review', `/cases/${encodeURIComponent(caseId)}/audit-plans/${audit.kind}/${path}`, { method: 'POST', token: user?.token, json: { revision: audit.revision, ...json } });
      setAnswered(true);
      setReason('');
      onAnswered();
    });
  return (
    <div data-testid={`answer-${audit.kind}`}>
      <p className="hint">{t('audit.answerHint')}</p>
      <div className="actions">
        <button type="button" disabled={action.busy} onClick={() => void send('confirmation', {})}>
          {t('audit.confirm', { revision: audit.revision })}
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send('change-requests', { reason });
        }}
      >
        <TextArea label={t('audit.changeReason')} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={4_000} />
        <button type="submit" disabled={action.busy}>
          {t('audit.requestChange')}
        </button>
      </form>
      <ErrorBox error={action.error} />
      {answered && <p role="status">{t('audit.answered')}</p>}
    </div>
  );
}
