import { useState } from 'react';
import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { ErrorBox, Section, TextArea, useAction, useLoad } from '../ui';
import type { ComplaintCommon, InformationRequest } from './complaint-types';

/** The complaints about a case's certificates, for its holder and the staff (their history goes into the case's timeline). */
export function useCaseComplaints(caseId: string, tick: unknown, granted: boolean) {
  const { user, can } = useSession();
  const allowed = granted && can('certificates', 'GET /cases/{caseId}/complaints');
  return useLoad(async () => (allowed ? (await call<{ items: ComplaintCommon[] }>('certificates', `/cases/${encodeURIComponent(caseId)}/complaints`, { token: user?.token })).body.items : []), [caseId, tick, allowed, user?.token]);
}

/** The case's complaints as its holder sees them: that they exist, what is asked of the holder, the outcome; never who complained. */
export function CaseComplaints({ caseId, complaints, onChanged }: { caseId: string; complaints: readonly ComplaintCommon[]; onChanged(): void }) {
  const { t, dateTime } = usePrefs();
  const items = complaints;
  if (items.length === 0) return null;
  return (
    <Section title={t('complaint.caseTitle')}>
      <p className="muted">{t('complaint.caseHint')}</p>
      {items.map((c) => (
        <div key={c.reference} className="card" data-testid="case-complaint">
          <h3>
            {c.reference} · {t(`complaint.status.${c.status}` as MessageKey)}
            {c.outcome && <> · {t(`complaint.outcome.${c.outcome}` as MessageKey)}</>}
          </h3>
          <p>{t('complaint.receivedAt', { at: dateTime(c.receivedAt) })}</p>
          {c.requests.map((r) => (
            <Request key={r.requestId} caseId={caseId} reference={c.reference} request={r} onAnswered={onChanged} />
          ))}
        </div>
      ))}
    </Section>
  );
}

function Request({ caseId, reference, request: r, onAnswered }: { caseId: string; reference: string; request: InformationRequest; onAnswered(): void }) {
  const { t, dateTime } = usePrefs();
  const { user, can } = useSession();
  const [answer, setAnswer] = useState('');
  const send = useAction();
  const path = `/cases/${encodeURIComponent(caseId)}/complaints/${encodeURIComponent(reference)}/information`;
  return (
    <div className="stack">
      <p>
        <strong>{t('complaint.question')}</strong> {r.question} <span className="muted">({t('complaint.answerBy', { due: dateTime(r.dueBy) })})</span>
      </p>
      {r.answer !== null ? (
        <p>
          <strong>{t('complaint.yourAnswer')}</strong> <q>{r.answer}</q>
        </p>
      ) : (
        can('certificates', 'POST /cases/{caseId}/complaints/{reference}/information') && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void send.run(async () => {
                await call('certificates', path, { method: 'POST', json: { requestId: r.requestId, answer }, token: user?.token });
                onAnswered();
              });
            }}
          >
            <TextArea label={t('complaint.answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} required maxLength={4000} data-testid="complaint-answer" />
            <ErrorBox error={send.error} />
            <button type="submit" disabled={send.busy || !answer.trim()}>
              {t('complaint.sendAnswer')}
            </button>
          </form>
        )
      )}
    </div>
  );
}
