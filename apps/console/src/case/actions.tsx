import { useState } from 'react';
import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { CaseView } from '../types';
import { ErrorBox, TextArea, useAction } from '../ui';

/** Lifecycle commands the case allows now and the user's roles may give, each with If-Match on the version shown. */
const COMMANDS: { command: string; path: string; roles: string[]; reason?: boolean }[] = [
  { command: 'submit-application', path: 'submit', roles: ['applicant'] },
  { command: 'accept-application', path: 'accept', roles: ['lead-reviewer', 'administrator'] },
  { command: 'refuse-application', path: 'refuse', roles: ['lead-reviewer', 'administrator'], reason: true },
  { command: 'withdraw-application', path: 'withdraw', roles: ['applicant'], reason: true },
];

export function CaseActions({ view, version, onChanged }: { view: CaseView; version: number; onChanged(version: number | null): void }) {
  const { t } = usePrefs();
  const { user, has } = useSession();
  const [reason, setReason] = useState('');
  const action = useAction();
  const allowed = COMMANDS.filter((c) => view.availableCommands.includes(c.command) && has(...c.roles));
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
