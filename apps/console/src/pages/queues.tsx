import { useState } from 'react';
import { call } from '../api';
import '../case/threads.css';
import { usePrefs, type MessageKey } from '../i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { EligibleReviewersView, TaskView, WorkItem, WorkListView } from '../types';
import { ErrorBox, Loading, Section, Select, useAction, useLoad } from '../ui';

interface QueueCount {
  readonly queue: string;
  readonly waiting: number;
  readonly claimed: number;
  readonly parked: number;
  readonly completed: number;
}

const QUEUES = ['review-service-system', 'review-product-service', 'review-customer-service', 'review-on-site'] as const;

/** A refusal code in the user's language (its `error.<code>` message), the code itself when there is none. */
function useWhyNot() {
  const { t, has } = usePrefs();
  return (code: string) => (has(`error.${code}`) ? t(`error.${code}` as MessageKey) : code);
}

/** "2 d 4 h" or "3 h 20 min" in the user's language, for a countdown. */
function useSpan() {
  const { t } = usePrefs();
  return (ms: number) => {
    const minutes = Math.floor(Math.abs(ms) / 60_000);
    const days = Math.floor(minutes / 1_440);
    const hours = Math.floor((minutes % 1_440) / 60);
    return days > 0 ? t('work.spanDays', { d: days, h: hours }) : t('work.spanHours', { h: hours, m: minutes % 60 });
  };
}

/** The lead picks from the eligible reviewers only (the directory's, qualified and impartial today, not conflicted, not the applicant); the others are listed with why not. */
function Reassign({ taskId, onDone }: { taskId: string; onDone(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [reviewerId, setReviewerId] = useState('');
  const whyNot = useWhyNot();
  const eligible = useLoad(async () => (await call<EligibleReviewersView>('evidence-review', `/tasks/${encodeURIComponent(taskId)}/eligible-reviewers`, { token: user?.token })).body, [taskId]);
  const action = useAction();
  const submit = async () => {
    if (await action.run(() => call('evidence-review', `/tasks/${encodeURIComponent(taskId)}/reassign`, { method: 'POST', token: user?.token, json: { reviewerId } }))) onDone();
  };
  if (!eligible.data) return <Loading loading={eligible.loading} error={eligible.error} />;
  const options = [{ value: '', label: t('work.pickReviewer') }, ...eligible.data.reviewers.map((r) => ({ value: r.id, label: `${r.name} (${r.id})` }))];
  return (
    <form className="inline reassign" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid={`reassign-${taskId}`}>
      <Select label={t('work.reassignTo')} value={reviewerId} onChange={(e) => setReviewerId(e.target.value)} options={options} required />
      <button type="submit" disabled={action.busy || !reviewerId}>
        {t('queues.reassign')}
      </button>
      <p className="muted">{t(`work.eligibleSource.${eligible.data.source}` as MessageKey)}</p>
      {eligible.data.ineligible.length > 0 && (
        <ul className="muted" aria-label={t('work.ineligible')} data-testid={`ineligible-${taskId}`}>
          {eligible.data.ineligible.map((r) => (
            <li key={r.id} data-code={r.code}>
              {r.name} ({r.id}): {whyNot(r.code)}
            </li>
          ))}
        </ul>
      )}
      <ErrorBox error={action.error} />
    </form>
  );
}

function WorkRow({ item, asOf, onChanged }: { item: WorkItem; asOf: string; onChanged(): void }) {
  const { t, dateTime } = usePrefs();
  const { can } = useSession();
  const span = useSpan();
  const whyNot = useWhyNot();
  const [reassigning, setReassigning] = useState(false);
  const left = item.dueAt ? new Date(item.dueAt).getTime() - new Date(asOf).getTime() : null;
  const urgent = item.urgency === 'escalated' || item.urgency === 'overdue';
  return (
    <li className={`work-item ${item.urgency}${item.nextForYou ? ' next' : ''}`} data-testid={`work-${item.taskId}`}>
      <p className="head">
        <strong>#{item.rank}</strong>
        <span className={`badge ${urgent ? 'badge-urgent' : item.urgency === 'waiting-for-applicant' ? 'badge-waiting' : ''}`}>{t(`work.urgency.${item.urgency}` as MessageKey)}</span>
        {item.overdue && item.urgency !== 'overdue' && <span className="badge badge-urgent">{t('work.urgency.overdue')}</span>}
        {item.nextForYou && <span className="badge badge-next">{t('work.nextForYou')}</span>}
        <Link to={`/tasks/${encodeURIComponent(item.taskId)}`}>{item.taskId.slice(item.caseId.length + 1)}</Link>
      </p>
      <p>
        <Link to={`/cases/${item.caseId}`}>{item.organisationName ?? item.organisationId ?? item.caseId}</Link> · {t(`queue.${item.queue}` as MessageKey)}
        {item.cycle > 1 ? ` · ${t('work.cycle', { cycle: item.cycle })}` : ''}
      </p>
      <p className="muted">
        {t('work.requirements')}: {item.requirementIds.join(', ')}
      </p>
      <p>
        {t('queues.sla')}: {dateTime(item.dueAt)}
        {left !== null && <strong className={left <= 0 ? 'warning-text' : undefined}> · {left <= 0 ? t('work.overdueBy', { time: span(left) }) : t('work.dueIn', { time: span(left) })}</strong>}
        {item.waitingForApplicantSince && ` · ${t('work.waitingSince', { since: dateTime(item.waitingForApplicantSince) })}`}
      </p>
      <p>
        {t('queues.holder')}: {item.claimedBy ?? '—'}
        {item.assignedTo && ` · ${t('work.reservedFor', { person: item.assignedTo })}`}
      </p>
      {item.notForYou && (
        <p className="muted" data-testid={`not-for-you-${item.taskId}`} data-code={item.notForYou.code}>
          {t('work.notForYou')} {whyNot(item.notForYou.code)}
        </p>
      )}
      {can('evidence-review', 'POST /tasks/{taskId}/reassign') && (
        <>
          <button type="button" aria-expanded={reassigning} onClick={() => setReassigning(!reassigning)}>
            {t('queues.reassign')}
          </button>
          {reassigning && (
            <Reassign
              taskId={item.taskId}
              onDone={() => {
                setReassigning(false);
                onChanged();
              }}
            />
          )}
        </>
      )}
    </li>
  );
}

/** The reviewer's work list: every open task of the queues they may work, most urgent first, with filters. */
function WorkList({ tick }: { tick: number }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [queue, setQueue] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [escalated, setEscalated] = useState(false);
  const list = useLoad(async () => {
    const query = new URLSearchParams({ ...(queue ? { queue } : {}), ...(overdue ? { overdue: 'true' } : {}), ...(escalated ? { escalated: 'true' } : {}) });
    return (await call<WorkListView>('evidence-review', `/work-list${query.size ? `?${query}` : ''}`, { token: user?.token })).body;
  }, [queue, overdue, escalated, tick, user?.token]);
  const shown = list.data;
  return (
    <Section title={t('work.title')}>
      <p className="muted">{t('work.hint')}</p>
      <div className="work-filters" role="group" aria-label={t('work.filters')}>
        <Select label={t('queues.queue')} value={queue} onChange={(e) => setQueue(e.target.value)} options={[{ value: '', label: t('work.allQueues') }, ...QUEUES.map((q) => ({ value: q, label: t(`queue.${q}` as MessageKey) }))]} />
        <label className="check">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> {t('work.onlyOverdue')}
        </label>
        <label className="check">
          <input type="checkbox" checked={escalated} onChange={(e) => setEscalated(e.target.checked)} /> {t('work.onlyEscalated')}
        </label>
        <button type="button" onClick={list.reload}>
          {t('action.refresh')}
        </button>
      </div>
      <Loading loading={list.loading && !list.data} error={list.error} />
      {list.data?.items.length === 0 && <p>{t('work.empty')}</p>}
      {shown && (
        <ol className="work-list" data-testid="work-list">
          {shown.items.map((item) => (
            <WorkRow key={item.taskId} item={item} asOf={shown.asOf} onChanged={list.reload} />
          ))}
        </ol>
      )}
    </Section>
  );
}

/** My queues with their counts and "claim next", then the work list that shows what is in them. */
export function QueuesPage() {
  const { t } = usePrefs();
  const { user } = useSession();
  const [nothing, setNothing] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const queues = useLoad(async () => (await call<QueueCount[]>('evidence-review', '/queues', { token: user?.token })).body, [user?.token, tick]);
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
          <table data-testid="queues" className="stack-narrow">
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
                  <td data-label={t('queues.waiting')}>{q.waiting}</td>
                  <td data-label={t('queues.claimed')}>{q.claimed}</td>
                  <td data-label={t('queues.parked')}>{q.parked}</td>
                  <td data-label={t('queues.completed')}>{q.completed}</td>
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
        <p className="muted">{t('work.claimHint')}</p>
        {nothing && (
          <p role="status" data-testid="nothing-to-claim">
            {t('queues.nothing', { queue: t(`queue.${nothing}` as MessageKey) })}
          </p>
        )}
        <ErrorBox error={claim.error} />
        <button type="button" onClick={() => setTick((n) => n + 1)}>
          {t('action.refresh')}
        </button>
      </Section>
      <WorkList tick={tick} />
    </>
  );
}
