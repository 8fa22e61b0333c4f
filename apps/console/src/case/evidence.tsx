import { useEffect, useRef, useState, type FormEvent } from 'react';
import { EVIDENCE_FILE_TYPES, EVIDENCE_MAX_BYTES_DEFAULT } from '@gbt/evidence-files';
import { ApiError, blobUrl, call, upload } from '../api';
import type { Catalogue } from '../catalogue';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import type { CaseView } from '../types';
import { ErrorBox, Progress, Section, Select, useAction } from '../ui';

interface Pending {
  readonly name: string;
  progress: number;
  done: boolean;
  failed: boolean;
}

/** The types and the limit the applications service enforces (libs/contracts/src/evidence-files.ts). */
const ACCEPT = EVIDENCE_FILE_TYPES.flatMap((f) => [...f.extensions, f.contentType]).join(',');
const TYPE_NAMES = EVIDENCE_FILE_TYPES.map((f) => f.label).join(', ');
const MAX_MB = EVIDENCE_MAX_BYTES_DEFAULT / 1024 / 1024;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A stored document, opened in a new tab (PDF and images show there; DOCX and XLSX download). */
function OpenButton({ caseId, documentId, fileName }: { caseId: string; documentId: string; fileName: string }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const action = useAction();
  const open = () => {
    // Opened before the fetch, while the click still allows a new tab; pointed at the file once it is here.
    const tab = window.open('', '_blank');
    void action.run(async () => {
      const { url } = await blobUrl('applications', `/cases/${caseId}/evidence/${documentId}`, user?.token ?? '');
      if (tab) tab.location.href = url;
      else Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
    });
  };
  return (
    <>
      <button type="button" onClick={open} disabled={action.busy} aria-label={t('evidence.openFile', { file: fileName })}>
        {t('evidence.open')}
      </button>
      <ErrorBox error={action.error} />
    </>
  );
}

/** Documents per requirement; the applicant uploads more, each with its progress bar, and opens or removes them while the application is a draft. */
export function EvidencePanel({ view, version, catalogue, editable, attachTo, onChanged }: { view: CaseView; version: number; catalogue: Catalogue | undefined; editable: boolean; attachTo?: { requirementId: string } | null; onChanged(version: number | null): void }) {
  const { t, pick } = usePrefs();
  const { user } = useSession();
  const [requirementId, setRequirementId] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [inputKey, setInputKey] = useState(0);
  const action = useAction();
  const removal = useAction();
  const form = useRef<HTMLFormElement>(null);
  // The checklist's "attach" on a requirement: that requirement chosen, the form brought into view.
  useEffect(() => {
    if (!attachTo) return;
    setRequirementId(attachTo.requirementId);
    form.current?.scrollIntoView({ block: 'center' });
    form.current?.querySelector<HTMLInputElement>('input[type=file]')?.focus();
  }, [attachTo]);
  const documents = Object.entries(view.evidence ?? {});
  const removable = editable && view.availableCommands.includes('detach-evidence');
  const requirements = (catalogue?.categories ?? []).flatMap((c) => c.indicators.flatMap((i) => i.requirements));
  const options = [{ value: '', label: t('evidence.choose') }, ...requirements.map((r) => ({ value: r.id, label: `${r.id} ${pick(r.name)}` }))];
  const tooLarge = files.filter((f) => f.size > EVIDENCE_MAX_BYTES_DEFAULT);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const queue: Pending[] = files.map((f) => ({ name: f.name, progress: 0, done: false, failed: false }));
    setPending(queue);
    let current = version;
    const ok = await action.run(async () => {
      for (const [i, file] of files.entries()) {
        if (queue[i].done) continue;
        const form = new FormData();
        form.append('requirementId', requirementId);
        form.append('file', file, file.name);
        try {
          const reply = await upload('applications', `/cases/${view.caseId}/evidence`, form, {
            token: user?.token ?? '',
            ifMatch: current,
            onProgress: (p) => {
              queue[i].progress = p;
              setPending([...queue]);
            },
          });
          queue[i].done = true;
          queue[i].progress = 1;
          setPending([...queue]);
          current = reply.version ?? current + 1;
          onChanged(reply.version);
        } catch (err) {
          queue[i].failed = true;
          setPending([...queue]);
          throw err;
        }
      }
    });
    // Only what was stored is cleared: after a refusal the chosen files stay for another try.
    if (ok) {
      setFiles([]);
      setInputKey((k) => k + 1);
    } else setFiles(files.filter((_, i) => !queue[i].done));
  };

  const remove = (documentId: string) =>
    removal.run(async () => {
      const reply = await call('applications', `/cases/${view.caseId}/evidence/${encodeURIComponent(documentId)}`, { method: 'DELETE', token: user?.token, ifMatch: version });
      onChanged(reply.version);
    });

  return (
    <Section title={t('evidence.title')}>
      {documents.length === 0 ? (
        <p>{t('evidence.none')}</p>
      ) : (
        <div className="scroll-x">
          <table data-testid="evidence">
            <thead>
              <tr>
                <th scope="col">{t('evidence.requirement')}</th>
                <th scope="col">{t('evidence.file')}</th>
                <th scope="col">{t('evidence.size')}</th>
                <th scope="col">{t('evidence.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map(([id, d]) => (
                <tr key={id} data-document={id}>
                  <td>{d.requirementId}</td>
                  <td>{d.fileName}</td>
                  <td>{megabytes(d.size)}</td>
                  <td className="file-actions">
                    <OpenButton caseId={view.caseId} documentId={id} fileName={d.fileName} />
                    {removable && (
                      <button type="button" onClick={() => void remove(id)} disabled={removal.busy} aria-label={t('evidence.removeFile', { file: d.fileName })}>
                        {t('evidence.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ErrorBox error={removal.error} />
        </div>
      )}
      {editable && (
        <form ref={form} onSubmit={submit} className="upload" data-testid="upload-form">
          <Select label={t('evidence.requirement')} value={requirementId} onChange={(e) => setRequirementId(e.target.value)} options={options} required />
          <div className="field">
            <label htmlFor="evidence-files">{t('evidence.files')}</label>
            <input key={inputKey} id="evidence-files" type="file" multiple accept={ACCEPT} aria-describedby="evidence-files-hint" onChange={(e) => setFiles([...(e.target.files ?? [])])} required />
            <small id="evidence-files-hint" data-testid="upload-limits">
              {t('evidence.limits', { types: TYPE_NAMES, size: MAX_MB })}
            </small>
          </div>
          {tooLarge.length > 0 && (
            <p role="alert" className="error">
              {tooLarge.map((f) => t('evidence.tooLarge', { file: f.name, size: megabytes(f.size), max: MAX_MB })).join(' ')}
            </p>
          )}
          {pending.map((p) => (
            <Progress key={p.name} label={t('evidence.progress', { file: p.name })} value={p.progress} failed={p.failed} />
          ))}
          <ErrorBox error={action.error instanceof ApiError && action.error.status === 413 ? new Error(t('evidence.refusedTooLarge', { max: MAX_MB })) : action.error} />
          <button type="submit" disabled={action.busy || !requirementId || files.length === 0 || tooLarge.length > 0}>
            {t('evidence.upload')}
          </button>
        </form>
      )}
    </Section>
  );
}
