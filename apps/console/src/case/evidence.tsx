import { useState, type FormEvent } from 'react';
import { upload } from '../api';
import type { Catalogue } from '../catalogue';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import type { CaseView } from '../types';
import { ErrorBox, Progress, Section, Select, useAction } from '../ui';

interface Pending {
  readonly name: string;
  progress: number;
  done: boolean;
}

/** Documents per requirement; the applicant uploads more, each with its progress bar. */
export function EvidencePanel({ view, version, catalogue, editable, onChanged }: { view: CaseView; version: number; catalogue: Catalogue | undefined; editable: boolean; onChanged(version: number | null): void }) {
  const { t, pick } = usePrefs();
  const { user } = useSession();
  const [requirementId, setRequirementId] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [inputKey, setInputKey] = useState(0);
  const action = useAction();
  const documents = Object.entries(view.evidence ?? {});
  const requirements = (catalogue?.categories ?? []).flatMap((c) => c.indicators.flatMap((i) => i.requirements));
  const options = [{ value: '', label: t('evidence.choose') }, ...requirements.map((r) => ({ value: r.id, label: `${r.id} ${pick(r.name)}` }))];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const queue: Pending[] = files.map((f) => ({ name: f.name, progress: 0, done: false }));
    setPending(queue);
    let current = version;
    const ok = await action.run(async () => {
      for (const [i, file] of files.entries()) {
        if (queue[i].done) continue;
        const form = new FormData();
        form.append('requirementId', requirementId);
        form.append('file', file, file.name);
        const reply = await upload('applications', `/cases/${view.caseId}/evidence`, form, {
          token: user?.token ?? '',
          ifMatch: current,
          onProgress: (p) => {
            queue[i].progress = p;
            setPending([...queue]);
          },
        });
        queue[i].done = true;
        current = reply.version ?? current + 1;
        onChanged(reply.version);
      }
    });
    // Only what was stored is cleared: after a refusal the chosen files stay for another try.
    if (ok) {
      setFiles([]);
      setInputKey((k) => k + 1);
    } else setFiles(files.filter((_, i) => !queue[i].done));
  };

  return (
    <Section title={t('evidence.title')}>
      {documents.length === 0 ? (
        <p>{t('evidence.none')}</p>
      ) : (
        <table data-testid="evidence">
          <thead>
            <tr>
              <th scope="col">{t('evidence.requirement')}</th>
              <th scope="col">{t('evidence.file')}</th>
              <th scope="col">{t('evidence.size')}</th>
            </tr>
          </thead>
          <tbody>
            {documents.map(([id, d]) => (
              <tr key={id}>
                <td>{d.requirementId}</td>
                <td>{d.fileName}</td>
                <td>{d.size.toLocaleString()} B</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <form onSubmit={submit} className="upload" data-testid="upload-form">
          <Select label={t('evidence.requirement')} value={requirementId} onChange={(e) => setRequirementId(e.target.value)} options={options} required />
          <div className="field">
            <label htmlFor="evidence-files">{t('evidence.files')}</label>
            <input key={inputKey} id="evidence-files" type="file" multiple accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" onChange={(e) => setFiles([...(e.target.files ?? [])])} required />
          </div>
          {pending.map((p) => (
            <Progress key={p.name} label={t('evidence.progress', { file: p.name })} value={p.progress} />
          ))}
          <ErrorBox error={action.error} />
          <button type="submit" disabled={action.busy || !requirementId || files.length === 0}>
            {t('evidence.upload')}
          </button>
        </form>
      )}
    </Section>
  );
}
