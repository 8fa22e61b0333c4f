import { useState } from 'react';
import type { OperationKey } from '@gbt/access-policy';
import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { CaseView } from '../types';
import { ErrorBox, TextArea, useAction } from '../ui';

/** Lifecycle commands the case allows now and the access policy lets the user give, each with If-Match on the version shown. */
const COMMANDS: { command: string; path: string; operation: OperationKey; reason?: boolean }[] = [
  { command: 'submit-application', path: 'submit', operation: 'POST /cases/{id}/submit' },
  { command: 'accept-application', path: 'accept', operation: 'POST /cases/{id}/accept' },
  { command: 'refuse-application', path: 'refuse', operation: 'POST /cases/{id}/refuse', reason: true },
  { command: 'withdraw-application', path: 'withdraw', operation: 'POST /cases/{id}/withdraw', reason: true },
];

export function CaseActions({ view, version, onChanged }: { view: CaseView; version: number; onChanged(version: number | null): void }) {
  const { t } = usePrefs();
  const { user, can } = useSession();
  const [reason, setReason] = useState('');
  const action = useAction();
  const allowed = COMMANDS.filter((c) => view.availableCommands.includes(c.command) && can('applications', c.operation));
  if (allowed.length === 0) return null;
  const run = (c: (typeof COMMANDS)[number]) =>
    action.run(async () => {
      const reply = await call('applications', `/cases/${view.caseId}/${c.path}`, { method: 'POST', token: user?.token, ifMatch: version, json: c.reason ? { reason } : undefined });
      if (c.reason) setReason('');
      onChanged(reply.version);
    });
  return (
    <div className="actions">
      {allowed.some((c) => c.reason) && <TextArea label={t('action.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
      {allowed.map((c) => (
        <button key={c.command} type="button" onClick={() => void run(c)} disabled={action.busy} className={c.reason ? 'secondary' : 'primary'}>
          {t(`command.${c.command}` as MessageKey)}
        </button>
      ))}
      <ErrorBox error={action.error} />
    </div>
  );
}
