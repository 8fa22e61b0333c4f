import { useState } from 'react';
import { call } from '../api';
import type { Requirement } from '../catalogue';
import { usePrefs } from '../i18n';
import { useSession } from '../session';
import type { ReviewView } from '../types';
import { ErrorBox, Section, TextArea, useAction } from '../ui';

function Answer({ taskId, onChanged }: { taskId: string; onChanged(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [answer, setAnswer] = useState('');
  const action = useAction();
  const send = async () => {
    if (await action.run(() => call('evidence-review', `/tasks/${encodeURIComponent(taskId)}/information`, { method: 'POST', token: user?.token, json: { answer } }))) {
      setAnswer('');
      onChanged();
    }
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void send())}>
      <TextArea label={t('info.answer')} value={answer} onChange={(e) => setAnswer(e.target.value)} required />
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>
        {t('info.send')}
      </button>
    </form>
  );
}

/** Tasks a reviewer parked with a question for the applicant (their SLA clock stands still until answered). */
export function InformationRequests({ review, requirements, onChanged }: { review: ReviewView; requirements: Map<string, Requirement>; onChanged(): void }) {
  const { t, dateTime, pick } = usePrefs();
  const { can } = useSession();
  const waiting = Object.entries(review.tasks ?? {}).filter(([, task]) => task.waitingSince);
  if (waiting.length === 0) return null;
  return (
    <Section title={t('info.title')}>
      {waiting.map(([taskId, task]) => (
        <div key={taskId} className="card inner">
          <p>
            {t('info.waiting', { since: dateTime(task.waitingSince) })}: {task.requirementIds.map((r) => `${r} ${pick(requirements.get(r)?.name)}`).join('; ')}
          </p>
          {can('evidence-review', 'POST /tasks/{taskId}/information') && <Answer taskId={taskId} onChanged={onChanged} />}
        </div>
      ))}
    </Section>
  );
}
