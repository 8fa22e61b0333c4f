import { useEffect, useState, type ReactNode } from 'react';
import { blobUrl, call } from '../api';
import type { Requirement } from '../catalogue';
import { usePrefs, type MessageKey } from '../i18n';
import { usePersonName } from '../names';
import { useSession } from '../session';
import type { CaseView, ReviewThread, ThreadMessage, ThreadsView } from '../types';
import { ErrorBox, useAction, useLoad } from '../ui';
import './threads.css';

/** The case's conversation with its reviewers (evidence review service), reloaded when `tick` changes; empty before the review exists. */
export function useThreads(caseId: string | undefined, tick: unknown, enabled = true) {
  const { user } = useSession();
  return useLoad(async () => (caseId && enabled ? (await call<ThreadsView>('evidence-review', `/cases/${caseId}/threads`, { token: user?.token })).body.threads : []), [caseId, tick, enabled, user?.token]);
}

/** An evidence document of the case named in a thread: its file name (when the case view has it), opened on request. */
function DocumentLink({ caseId, documentId, evidence }: { caseId: string; documentId: string; evidence: CaseView['evidence'] }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [shown, setShown] = useState<{ url: string; type: string } | null>(null);
  const action = useAction();
  useEffect(() => () => (shown ? URL.revokeObjectURL(shown.url) : undefined), [shown]);
  const name = evidence?.[documentId]?.fileName ?? documentId;
  const open = () => action.run(async () => setShown(await blobUrl('applications', `/cases/${caseId}/evidence/${encodeURIComponent(documentId)}`, user?.token ?? '')));
  return (
    <li>
      <button type="button" className="link" onClick={() => void open()} aria-pressed={shown !== null}>
        {t('thread.openFile', { file: name })}
      </button>
      <ErrorBox error={action.error} />
      {shown && (shown.type.startsWith('image/') ? <img className="thread-preview" src={shown.url} alt={name} /> : <iframe className="thread-preview" title={name} src={shown.url} />)}
    </li>
  );
}

function Message({ caseId, message, evidence }: { caseId: string; message: ThreadMessage; evidence: CaseView['evidence'] }) {
  const { t, dateTime } = usePrefs();
  const personName = usePersonName();
  return (
    <li className={`thread-message thread-${message.kind}`} data-testid={`thread-${message.kind}`}>
      <p className="thread-head">
        <strong>{t(`thread.kind.${message.kind}` as MessageKey)}</strong> · {personName(message.by)} · <time dateTime={message.at}>{dateTime(message.at)}</time>
      </p>
      {message.text && <p className="thread-text">{message.text}</p>}
      {message.documentIds.length > 0 && (
        <div>
          <span className="muted">{t('thread.files')}:</span>
          <ul className="plain thread-files">
            {message.documentIds.map((id) => (
              <DocumentLink key={id} caseId={caseId} documentId={id} evidence={evidence} />
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/** One thread: its requirements, status (a translated code) and messages, oldest first. */
export function ThreadCard({ caseId, thread, requirements, evidence, children }: { caseId: string; thread: ReviewThread; requirements: Map<string, Requirement>; evidence?: CaseView['evidence']; children?: ReactNode }) {
  const { t, pick } = usePrefs();
  return (
    <article className="card inner thread" data-testid={`thread-${thread.threadId}`} aria-label={t(`thread.title.${thread.kind}` as MessageKey)}>
      <p className="thread-head">
        <strong>{t(`thread.title.${thread.kind}` as MessageKey)}</strong> <span className={`badge thread-status-${thread.status}`}>{t(`thread.status.${thread.status}` as MessageKey)}</span>
      </p>
      <p className="muted">{thread.requirementIds.map((r) => `${r} ${pick(requirements.get(r)?.name)}`).join('; ')}</p>
      <ol className="plain thread-messages">
        {thread.messages.map((m, i) => (
          <Message key={i} caseId={caseId} message={m} evidence={evidence} />
        ))}
      </ol>
      {children}
    </article>
  );
}
