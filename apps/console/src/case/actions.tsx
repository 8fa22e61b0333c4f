import { useState } from 'react';
import type { OperationKey } from '@gbt/access-policy';
import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { CaseView } from '../types';
import { ErrorBox, TextArea, useAction } from '../ui';

interface Command {
  readonly command: string;
  readonly path: string;
  readonly operation: OperationKey;
}

/** Lifecycle commands the case allows now and the access policy lets the user give, each with If-Match on the version shown. */
const FORWARD: Command[] = [
  { command: 'submit-application', path: 'submit', operation: 'POST /cases/{id}/submit' },
  { command: 'accept-application', path: 'accept', operation: 'POST /cases/{id}/accept' },
];
/** Commands that end the application take a reason and a second, explicit confirmation, apart from the forward ones. */
const ENDING: Command[] = [
  { command: 'refuse-application', path: 'refuse', operation: 'POST /cases/{id}/refuse' },
  { command: 'withdraw-application', path: 'withdraw', operation: 'POST /cases/{id}/withdraw' },
];

function useAllowed(view: CaseView, commands: Command[]): Command[] {
  const { can } = useSession();
  return commands.filter((c) => view.availableCommands.includes(c.command) && can('applications', c.operation));
}

function useSend(view: CaseView, version: number, onChanged: (version: number | null) => void) {
  const { user } = useSession();
  const action = useAction();
  const send = (c: Command, reason?: string) =>
    action.run(async () => {
      const reply = await call('applications', `/cases/${view.caseId}/${c.path}`, { method: 'POST', token: user?.token, ifMatch: version, json: reason === undefined ? undefined : { reason } });
      onChanged(reply.version);
    });
  return { action, send };
}

/**
 * Submit (or accept). With requirements still lacking evidence, submitting asks first: the
 * applicant sees how many are missing and confirms or goes back to the checklist.
 */
export function CaseActions({ view, version, missing = 0, onChanged }: { view: CaseView; version: number; missing?: number; onChanged(version: number | null): void }) {
  const { t } = usePrefs();
  const allowed = useAllowed(view, FORWARD);
  const { action, send } = useSend(view, version, onChanged);
  const [confirming, setConfirming] = useState(false);
  if (allowed.length === 0) return null;
  const run = (c: Command) => {
    if (c.command === 'submit-application' && missing > 0 && !confirming) return setConfirming(true);
    setConfirming(false);
    void send(c);
  };
  return (
    <div className="actions" data-testid="case-actions">
      {allowed.map((c) => (
        <button key={c.command} type="button" onClick={() => run(c)} disabled={action.busy || confirming} className="primary">
          {t(`command.${c.command}` as MessageKey)}
        </button>
      ))}
      {confirming && (
        <div role="alertdialog" aria-labelledby="submit-warning" className="warning confirm" data-testid="submit-confirm">
          <p id="submit-warning">{t('submit.missingWarning', { missing })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => run(FORWARD[0])} disabled={action.busy}>
              {t('submit.anyway')}
            </button>
            <a href="#checklist" onClick={() => setConfirming(false)}>
              {t('submit.back')}
            </a>
          </div>
        </div>
      )}
      <ErrorBox error={action.error} />
    </div>
  );
}

/** Withdrawing or refusing ends the application: its own section, a reason, and a confirmation naming the consequence. */
export function EndApplication({ view, version, onChanged }: { view: CaseView; version: number; onChanged(version: number | null): void }) {
  const { t } = usePrefs();
  const allowed = useAllowed(view, ENDING);
  const { action, send } = useSend(view, version, onChanged);
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  if (allowed.length === 0) return null;
  return (
    <details className="card danger-zone" data-testid="end-application">
      <summary>{t('end.title')}</summary>
      <p>{t('end.explain')}</p>
      <TextArea label={t('action.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
      <label className="check">
        <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} /> {t('end.confirm')}
      </label>
      <div className="actions">
        {allowed.map((c) => (
          <button
            key={c.command}
            type="button"
            className="danger"
            disabled={action.busy || !sure || reason.trim() === ''}
            onClick={() =>
              void send(c, reason).then((ok) => {
                if (ok) setReason('');
              })
            }
          >
            {t(`command.${c.command}` as MessageKey)}
          </button>
        ))}
      </div>
      <ErrorBox error={action.error} />
    </details>
  );
}
