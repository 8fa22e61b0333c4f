import { useState } from 'react';
import { call } from '../api';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import { ErrorBox, TextArea, useAction } from '../ui';
import type { AuditOfProgramme } from './audit-types';

/** The lead cancels a plan that will not take place as planned, saying why; a cancelled plan is final. */
export function CancelForm({ caseId, audit, onCancelled }: { caseId: string; audit: AuditOfProgramme; onCancelled(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [reason, setReason] = useState('');
  const action = useAction();
  return (
    <details>
      <summary>{t('audit.cancel')}</summary>
      <form
        data-testid={`cancel-${audit.kind}`}
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await call('evidence-review', `/cases/${encodeURIComponent(caseId)}/audit-plans/${audit.kind}/cancellation`, { method: 'POST', token: user?.token, json: { reason } });
            onCancelled();
          });
        }}
      >
        <TextArea label={t('audit.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={4_000} />
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy}>
          {t('audit.cancel')}
        </button>
      </form>
    </details>
  );
}
