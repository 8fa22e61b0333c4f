import { useState } from 'react';
import { call } from '../api';
import { useDraft } from '../drafts';
import type { Requirement } from '../catalogue';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import type { CaseView, ReviewThread, ReviewView } from '../types';
import { ErrorBox, Section, Select, TextArea, useAction } from '../ui';
import { ThreadCard } from './threads';

function CorrectiveAction({ view, ncId, requirementId, onChanged }: { view: CaseView; ncId: string; requirementId: string; onChanged(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [note, setNote, clearNote] = useDraft(`correction.${ncId}`, '');
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const action = useAction();
  const documents = Object.entries(view.evidence ?? {}).filter(([, d]) => d.requirementId === requirementId);
  const submit = async () => {
    const ok = await action.run(() => call('evidence-review', `/cases/${view.caseId}/nonconformities/${encodeURIComponent(ncId)}/corrections`, { method: 'POST', token: user?.token, json: { note, documentIds } }));
    if (ok) {
      clearNote();
      onChanged();
    }
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())} data-testid={`correction-${ncId}`}>
      <TextArea label={t('nc.correctionNote')} value={note} onChange={(e) => setNote(e.target.value)} required />
      {documents.length > 0 && (
        <fieldset>
          <legend>{t('nc.documents')}</legend>
          {documents.map(([id, d]) => (
            <label key={id} className="check">
              <input type="checkbox" checked={documentIds.includes(id)} onChange={(e) => setDocumentIds((ids) => (e.target.checked ? [...ids, id] : ids.filter((x) => x !== id)))} /> {d.fileName}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>
        {t('nc.submitCorrection')}
      </button>
    </form>
  );
}

function Verification({ caseId, ncId, onChanged }: { caseId: string; ncId: string; onChanged(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [accepted, setAccepted] = useState('true');
  const [reason, setReason, clearReason] = useDraft(`verification.${ncId}`, '');
  const action = useAction();
  const submit = async () => {
    const json = { accepted: accepted === 'true', ...(reason.trim() ? { reason } : {}) };
    if (await action.run(() => call('evidence-review', `/cases/${caseId}/nonconformities/${encodeURIComponent(ncId)}/verification`, { method: 'POST', token: user?.token, json }))) {
      clearReason();
      onChanged();
    }
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())} data-testid={`verify-${ncId}`}>
      <Select label={t('nc.verdict')} value={accepted} onChange={(e) => setAccepted(e.target.value)} options={[{ value: 'true', label: t('nc.accept') }, { value: 'false', label: t('nc.reject') }]} />
      <TextArea label={t('nc.verifyReason')} value={reason} onChange={(e) => setReason(e.target.value)} required={accepted === 'false'} />
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>
        {t('nc.verify')}
      </button>
    </form>
  );
}

/** Findings with their corrective actions: the applicant answers, another reviewer verifies beside the note and files the applicant sent. */
export function Nonconformities({ view, review, threads = [], requirements, onChanged }: { view: CaseView; review: ReviewView | null; threads?: readonly ReviewThread[]; requirements: Map<string, Requirement>; onChanged(): void }) {
  const { t, date, pick } = usePrefs();
  const { user, can } = useSession();
  return (
    <Section title={t('nc.title')}>
      <ul className="ncs" data-testid="nonconformities">
        {Object.entries(view.nonconformities ?? {}).map(([ncId, nc]) => {
          const r = review?.nonconformities?.[ncId];
          const state = !nc.open || r?.closed ? t('nc.closed') : r?.correctionSubmitted ? t('nc.correctionSubmitted') : t('nc.open');
          const thread = threads.find((th) => th.kind === 'correction' && th.nonconformityId === ncId);
          return (
            <li key={ncId} className="card inner">
              <p>
                <strong>
                  {nc.requirementId} {pick(requirements.get(nc.requirementId)?.name)}
                </strong>{' '}
                — <span data-testid={`nc-state-${ncId}`}>{state}</span>
              </p>
              <p>
                {t('nc.finding')}: {nc.finding} · {t('nc.recordedBy')}: {nc.recordedBy} · {t('nc.rectifyBy')}: {date(nc.rectifyBy)}
              </p>
              {thread && thread.messages.length > 1 && <ThreadCard caseId={view.caseId} thread={thread} requirements={requirements} evidence={view.evidence} />}
              {nc.open && r && !r.correctionSubmitted && can('evidence-review', 'POST /cases/{caseId}/nonconformities/{nonconformityId}/corrections') && <CorrectiveAction view={view} ncId={ncId} requirementId={nc.requirementId} onChanged={onChanged} />}
              {nc.open && r?.correctionSubmitted && can('evidence-review', 'POST /cases/{caseId}/nonconformities/{nonconformityId}/verification') && user?.id !== nc.recordedBy && <Verification caseId={view.caseId} ncId={ncId} onChanged={onChanged} />}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
