import { useState } from 'react';
import { call, upload } from '../api';
import type { Requirement } from '../catalogue';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import type { CaseView, ReviewThread } from '../types';
import { ErrorBox, Section, Select, TextArea, useAction } from '../ui';
import { ThreadCard } from './threads';

/** The applicant's answer: text, evidence documents of the case chosen for it, and optionally a new file uploaded with it. */
function Answer({ view, version, thread, requirements, onChanged }: { view: CaseView; version: number; thread: ReviewThread; requirements: Map<string, Requirement>; onChanged(version: number | null): void }) {
  const { t, pick } = usePrefs();
  const { user } = useSession();
  const [answer, setAnswer] = useState('');
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [requirementId, setRequirementId] = useState(thread.requirementIds[0] ?? '');
  const [inputKey, setInputKey] = useState(0);
  const action = useAction();
  const taskId = thread.taskId ?? '';
  // The task's own requirements first: what the reviewer is looking at.
  const documents = Object.entries(view.evidence ?? {}).sort(([, a], [, b]) => Number(!thread.requirementIds.includes(a.requirementId)) - Number(!thread.requirementIds.includes(b.requirementId)));
  const send = async () => {
    const ok = await action.run(async () => {
      const chosen = [...documentIds];
      if (file) {
        const form = new FormData();
        form.append('requirementId', requirementId);
        form.append('file', file, file.name);
        const stored = await upload<{ documentId: string }>('applications', `/cases/${view.caseId}/evidence`, form, { token: user?.token ?? '', ifMatch: version, onProgress: () => undefined });
        chosen.push(stored.body.documentId);
        onChanged(stored.version);
        setFile(null);
        setInputKey((k) => k + 1);
      }
      await call('evidence-review', `/tasks/${encodeURIComponent(taskId)}/information`, { method: 'POST', token: user?.token, json: { answer, documentIds: chosen } });
    });
    if (ok) {
      setAnswer('');
      setDocumentIds([]);
      onChanged(null);
    }
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void send())} data-testid={`answer-${thread.threadId}`}>
      <TextArea label={t('info.answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} required />
      {documents.length > 0 && (
        <fieldset>
          <legend>{t('thread.chooseFiles')}</legend>
          {documents.map(([id, d]) => (
            <label key={id} className="check">
              <input type="checkbox" checked={documentIds.includes(id)} onChange={(e) => setDocumentIds((ids) => (e.target.checked ? [...ids, id] : ids.filter((x) => x !== id)))} /> {d.fileName} ({d.requirementId})
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('thread.newFile')}</legend>
        <div className="field">
          <label htmlFor={`file-${thread.threadId}`}>{t('thread.fileLabel')}</label>
          <input key={inputKey} id={`file-${thread.threadId}`} type="file" accept="application/pdf,image/png,image/jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        {thread.requirementIds.length > 1 && (
          <Select label={t('thread.fileRequirement')} value={requirementId} onChange={(e) => setRequirementId(e.target.value)} options={thread.requirementIds.map((r) => ({ value: r, label: `${r} ${pick(requirements.get(r)?.name)}` }))} />
        )}
      </fieldset>
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>
        {t('info.send')}
      </button>
    </form>
  );
}

/** Requests for information: what the reviewer asked, and the answers with their files; the applicant answers the open ones (their SLA clock stands still until then). */
export function InformationRequests({ view, version, threads, requirements, onChanged }: { view: CaseView; version: number; threads: readonly ReviewThread[]; requirements: Map<string, Requirement>; onChanged(version: number | null): void }) {
  const { t, dateTime } = usePrefs();
  const { can } = useSession();
  const requests = threads.filter((th) => th.kind === 'information');
  if (requests.length === 0) return null;
  const open = requests.filter((th) => th.status === 'waiting-for-applicant');
  return (
    <Section title={t('info.title')}>
      <div data-testid="information-requests">
        {[...open, ...requests.filter((th) => th.status !== 'waiting-for-applicant').reverse()].map((thread) => (
          <ThreadCard key={thread.threadId} caseId={view.caseId} thread={thread} requirements={requirements} evidence={view.evidence}>
            {thread.status === 'waiting-for-applicant' && (
              <>
                <p className="notice">{t(can('evidence-review', 'POST /tasks/{taskId}/information') ? 'info.waiting' : 'thread.waitingForApplicant', { since: dateTime(thread.startedAt) })}</p>
                {can('evidence-review', 'POST /tasks/{taskId}/information') && <Answer view={view} version={version} thread={thread} requirements={requirements} onChanged={onChanged} />}
              </>
            )}
          </ThreadCard>
        ))}
      </div>
    </Section>
  );
}
