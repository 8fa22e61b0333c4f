import { useState } from 'react';
import { call } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { CaseRow, ReviewView, TaskView } from '../types';
import { ErrorBox, Loading, Section, TextField, useAction, useLoad } from '../ui';

interface QueueCount {
  readonly queue: string;
  readonly waiting: number;
  readonly claimed: number;
  readonly parked: number;
  readonly completed: number;
}

function Reassign({ taskId, onDone }: { taskId: string; onDone(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [reviewerId, setReviewerId] = useState('');
  const action = useAction();
  const submit = async () => {
    if (await action.run(() => call('evidence-review', `/tasks/${encodeURIComponent(taskId)}/reassign`, { method: 'POST', token: user?.token, json: { reviewerId } }))) onDone();
  };
  return (
    <form className="inline" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <TextField label={t('queues.reassignTo')} value={reviewerId} onChange={(e) => setReviewerId(e.target.value)} required />
      <button type="submit" disabled={action.busy}>
        {t('queues.reassign')}
      </button>
      <ErrorBox error={action.error} />
    </form>
  );
}

/** A case's review tasks with their SLA due dates, holders and escalations; the lead reassigns. */
function CaseTasks({ caseId }: { caseId: string }) {
  const { t, dateTime } = usePrefs();
  const { user, can } = useSession();
  const tasks = useLoad(async () => {
    const review = (await call<ReviewView>('evidence-review', `/cases/${caseId}/review`, { token: user?.token })).body;
    const open = Object.entries(review.tasks ?? {}).filter(([, task]) => !task.completed);
    return Promise.all(open.map(async ([id]) => (await call<TaskView>('evidence-review', `/tasks/${encodeURIComponent(id)}`, { token: user?.token })).body));
  }, [caseId]);
  return (
    <>
      <Loading loading={tasks.loading && !tasks.data} error={tasks.error} />
      {tasks.data && (
        <table data-testid={`tasks-${caseId}`}>
          <thead>
            <tr>
              <th scope="col">{t('queues.task')}</th>
              <th scope="col">{t('queues.sla')}</th>
              <th scope="col">{t('queues.holder')}</th>
              <th scope="col">{t('queues.escalated')}</th>
              {can('evidence-review', 'POST /tasks/{taskId}/reassign') && <th scope="col">{t('queues.reassign')}</th>}
            </tr>
          </thead>
          <tbody>
            {tasks.data.map((task) => (
              <tr key={task.taskId} className={task.escalated ? 'escalated' : undefined}>
                <td>
                  {task.taskId.slice(caseId.length + 1)} ({task.requirementIds.join(', ')})
                </td>
                <td>{dateTime(task.slaDueAt)}</td>
                <td>{task.claimedBy ?? (task.assignedTo ? `→ ${task.assignedTo}` : task.waitingForApplicantSince ? t('queues.waitingApplicant') : '—')}</td>
                <td>{task.escalated ? t('queues.yes') : ''}</td>
                {can('evidence-review', 'POST /tasks/{taskId}/reassign') && (
                  <td>
                    <Reassign taskId={task.taskId} onDone={tasks.reload} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** My queues with their counts, claim next; the queues dashboard of cases under evaluation. */
export function QueuesPage() {
  const { t, dateTime } = usePrefs();
  const { user } = useSession();
  const [nothing, setNothing] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const queues = useLoad(async () => (await call<QueueCount[]>('evidence-review', '/queues', { token: user?.token })).body, [user?.token]);
  const cases = useLoad(async () => (await call<{ items: CaseRow[] }>('applications', '/cases?status=under-evaluation,recertifying', { token: user?.token })).body.items, [user?.token]);
  const claim = useAction();
  const claimNext = (queue: string) =>
    claim.run(async () => {
      setNothing(null);
      const reply = await call<TaskView>('evidence-review', `/queues/${queue}/claim`, { method: 'POST', token: user?.token });
      if (reply.status === 204 || !reply.body) setNothing(queue);
      else navigate(`/tasks/${encodeURIComponent(reply.body.taskId)}`);
    });
  return (
    <>
      <h1>{t('queues.title')}</h1>
      <Section title={t('queues.mine')}>
        <Loading loading={queues.loading && !queues.data} error={queues.error} />
        {queues.data && (
          <table data-testid="queues">
            <thead>
              <tr>
                <th scope="col">{t('queues.queue')}</th>
                <th scope="col">{t('queues.waiting')}</th>
                <th scope="col">{t('queues.claimed')}</th>
                <th scope="col">{t('queues.parked')}</th>
                <th scope="col">{t('queues.completed')}</th>
                <th scope="col">
                  <span className="sr-only">{t('queues.claimNext')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queues.data.map((q) => (
                <tr key={q.queue}>
                  <th scope="row">{t(`queue.${q.queue}` as MessageKey)}</th>
                  <td>{q.waiting}</td>
                  <td>{q.claimed}</td>
                  <td>{q.parked}</td>
                  <td>{q.completed}</td>
                  <td>
                    <button type="button" onClick={() => void claimNext(q.queue)} disabled={claim.busy} data-queue={q.queue}>
                      {t('queues.claimNext')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {nothing && (
          <p role="status" data-testid="nothing-to-claim">
            {t('queues.nothing', { queue: t(`queue.${nothing}` as MessageKey) })}
          </p>
        )}
        <ErrorBox error={claim.error} />
        <button type="button" onClick={queues.reload}>
          {t('action.refresh')}
        </button>
      </Section>
      <Section title={t('queues.dashboard')}>
        <Loading loading={cases.loading && !cases.data} error={cases.error} />
        {cases.data?.length === 0 && <p>{t('cases.none')}</p>}
        <ul className="plain">
          {cases.data?.map((c) => (
            <li key={c.caseId}>
              <Link to={`/cases/${c.caseId}`}>{c.organisationName}</Link> · {t('cases.updated')} {dateTime(c.updatedAt)} ·{' '}
              <button type="button" aria-expanded={open === c.caseId} onClick={() => setOpen(open === c.caseId ? null : c.caseId)}>
                {t('queues.showTasks')}
              </button>
              {open === c.caseId && <CaseTasks caseId={c.caseId} />}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
