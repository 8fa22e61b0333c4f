import { useEffect, useRef, useState } from 'react';
import { blobUrl, call } from '../api';
import { useCatalogue, type Requirement } from '../catalogue';
import { usePrefs } from '../i18n';
import { useOrganisationName, usePersonName } from '../names';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { CaseView, TaskView } from '../types';
import { ErrorBox, Loading, Section, Select, TextArea, useAction, useLoad } from '../ui';
import { EvaluatorNotes } from '../case/requirement-notes';
import { ThreadCard, useThreads } from '../case/threads';

/** The documents attached to one requirement, previewed beside its text. */
function EvidencePreview({ view, requirementId }: { view: CaseView; requirementId: string }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const documents = Object.entries(view.evidence ?? {}).filter(([, d]) => d.requirementId === requirementId);
  const [shown, setShown] = useState<{ id: string; url: string; type: string } | null>(null);
  const action = useAction();
  useEffect(() => () => (shown ? URL.revokeObjectURL(shown.url) : undefined), [shown]);
  useEffect(() => setShown(null), [requirementId]);
  if (documents.length === 0) return <p data-testid="no-evidence">{t('review.noEvidence')}</p>;
  const open = (id: string) => action.run(async () => setShown({ id, ...(await blobUrl('applications', `/cases/${view.caseId}/evidence/${id}`, user?.token ?? '')) }));
  return (
    <div className="preview">
      <ul className="plain">
        {documents.map(([id, d]) => (
          <li key={id}>
            <button type="button" onClick={() => void open(id)} aria-pressed={shown?.id === id}>
              {t('review.preview', { file: d.fileName })}
            </button>
          </li>
        ))}
      </ul>
      <ErrorBox error={action.error} />
      {shown && (shown.type.startsWith('image/') ? <img src={shown.url} alt={view.evidence?.[shown.id]?.fileName ?? ''} /> : <iframe title={view.evidence?.[shown.id]?.fileName ?? t('review.document')} src={shown.url} data-testid="evidence-frame" />)}
    </div>
  );
}

/** Record the outcome of one requirement; C, N and A pick the outcome, J and K move between requirements. */
function OutcomeForm({ task, requirement, onRecorded }: { task: TaskView; requirement: Requirement; onRecorded(task: TaskView): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [outcome, setOutcome] = useState('conforming');
  const [finding, setFinding] = useState('');
  const [severity, setSeverity] = useState('major');
  const findingRef = useRef<HTMLTextAreaElement>(null);
  const [focusFinding, setFocusFinding] = useState(false);
  const action = useAction();
  // The key that picked the outcome moves on to its finding, once the field is there.
  useEffect(() => {
    if (focusFinding && findingRef.current) {
      findingRef.current.focus();
      setFocusFinding(false);
    }
  }, [focusFinding, outcome]);
  const record = async (chosen = outcome) => {
    const assessment = chosen === 'nonconformity' ? { outcome: chosen, finding, severity } : chosen === 'not-applicable' ? { outcome: chosen, justification: finding } : { outcome: chosen };
    let next: TaskView | null = null;
    const ok = await action.run(async () => {
      next = (await call<TaskView>('evidence-review', `/tasks/${encodeURIComponent(task.taskId)}/assessments`, { method: 'POST', token: user?.token, json: { requirementId: requirement.id, assessment } })).body;
    });
    if (ok && next) {
      setFinding('');
      setOutcome('conforming');
      onRecorded(next);
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'c') void record('conforming');
      else if (e.key === 'n' || e.key === 'a') {
        e.preventDefault();
        setOutcome(e.key === 'n' ? 'nonconformity' : 'not-applicable');
        setFocusFinding(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  return (
    <form onSubmit={(e) => (e.preventDefault(), void record())} data-testid="outcome-form">
      <Select
        label={t('review.outcome')}
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
        options={[
          { value: 'conforming', label: t('review.conforming') },
          { value: 'nonconformity', label: t('review.nonconformity') },
          { value: 'not-applicable', label: t('review.notApplicable') },
        ]}
      />
      {outcome !== 'conforming' && (
        <TextArea
          ref={findingRef}
          label={outcome === 'nonconformity' ? t('review.finding') : t('review.justification')}
          value={finding}
          onChange={(e) => setFinding(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && (e.preventDefault(), void record())}
          required
        />
      )}
      {outcome === 'nonconformity' && <Select label={t('review.severity')} value={severity} onChange={(e) => setSeverity(e.target.value)} options={[{ value: 'major', label: t('review.major') }, { value: 'minor', label: t('review.minor') }]} />}
      <ErrorBox error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>
        {t('review.record')}
      </button>
      <p className="muted">{t('review.shortcuts')}</p>
    </form>
  );
}

function RequestInformation({ taskId, onDone }: { taskId: string; onDone(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [question, setQuestion] = useState('');
  const action = useAction();
  const submit = async () => {
    if (await action.run(() => call('evidence-review', `/tasks/${encodeURIComponent(taskId)}/information-requests`, { method: 'POST', token: user?.token, json: { question } }))) onDone();
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <TextArea label={t('review.question')} value={question} onChange={(e) => setQuestion(e.target.value)} required />
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>
        {t('review.ask')}
      </button>
    </form>
  );
}

/** A site task of a confirmed audit plan (issue 19): the outlet to visit; findings there go on the on-site task's requirements. */
function SiteVisit({ site }: { site: NonNullable<TaskView['site']> }) {
  const { t } = usePrefs();
  return (
    <Section title={t('review.siteVisit', { name: site.name })}>
      <p data-testid="site-visit" className="wrap-anywhere">
        {site.address}
      </p>
      <p className="hint">{t('review.siteVisitHint')}</p>
    </Section>
  );
}

/** The review screen of one claimed task: requirement text beside its evidence, the outcome per requirement. */
export function TaskPage({ taskId }: { taskId: string }) {
  const { t, pick, dateTime } = usePrefs();
  const { user } = useSession();
  const loaded = useLoad(async () => (await call<TaskView>('evidence-review', `/tasks/${encodeURIComponent(taskId)}`, { token: user?.token })).body, [taskId]);
  const [task, setTask] = useState<TaskView | null>(null);
  const current = task ?? loaded.data;
  const view = useLoad(async () => (current ? (await call<CaseView>('applications', `/cases/${current.caseId}`, { token: user?.token })).body : null), [current?.caseId]);
  const { requirements } = useCatalogue(view.data?.catalogueVersion);
  const [asked, setAsked] = useState(0);
  const threads = useThreads(current?.caseId, `${asked}`);
  const [index, setIndex] = useState(0);
  const finish = useAction();
  const organisationName = useOrganisationName(view.data?.organisationId);
  const personName = usePersonName();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (typing || !current || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j') setIndex((i) => Math.min(i + 1, current.requirementIds.length - 1));
      if (e.key === 'k') setIndex((i) => Math.max(i - 1, 0));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current]);
  if (!current) return <Loading loading={loaded.loading} error={loaded.error} />;
  const requirementId = current.requirementIds[index];
  const requirement = requirements.get(requirementId);
  const allDone = current.requirementIds.every((r) => current.assessments[r]);
  const mine = current.claimedBy === user?.id;
  const recorded = (next: TaskView) => {
    setTask(next);
    const following = next.requirementIds.findIndex((r, i) => i > index && !next.assessments[r]);
    const first = next.requirementIds.findIndex((r) => !next.assessments[r]);
    setIndex(following >= 0 ? following : first >= 0 ? first : index);
  };
  const act = (path: 'complete' | 'release') =>
    finish.run(async () => {
      await call('evidence-review', `/tasks/${encodeURIComponent(taskId)}/${path}`, { method: 'POST', token: user?.token });
      navigate('/queues');
    });
  return (
    <>
      <h1>
        {t('review.title')}: {taskId.slice(current.caseId.length + 1)}
      </h1>
      <p className="muted">
        <Link to={`/cases/${current.caseId}`}>{(view.data && organisationName) || current.caseId}</Link> · {t('queues.sla')}: <span data-testid="sla-due">{dateTime(current.slaDueAt)}</span> · {t('queues.holder')}: {personName(current.claimedBy)}
        {current.escalated && <strong className="warning-text"> · {t('queues.escalatedNote')}</strong>}
        {current.waitingForApplicantSince && <strong data-testid="task-waiting"> · {t('work.waitingSince', { since: dateTime(current.waitingForApplicantSince) })}</strong>}
      </p>
      {current.site ? (
        <SiteVisit site={current.site} />
      ) : (
        <div className="review">
          <nav aria-label={t('review.requirements')} className="card">
            <ol className="plain">
              {current.requirementIds.map((r, i) => (
                <li key={r}>
                  <button type="button" aria-current={i === index ? 'true' : undefined} onClick={() => setIndex(i)} className={i === index ? 'current' : undefined}>
                    {r} {pick(requirements.get(r)?.name)} {current.assessments[r] ? `✓ ${t(`review.short.${current.assessments[r]?.assessment.outcome}` as never)}` : ''}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <Section title={`${requirementId} ${pick(requirement?.name)}`}>
            <p data-testid="requirement-text">{pick(requirement?.text)}</p>
            {requirement && requirement.evidence.length > 0 && (
              <>
                <h3>{t('review.expected')}</h3>
                <ul>
                  {requirement.evidence.map((e) => (
                    <li key={e.en}>{pick(e)}</li>
                  ))}
                </ul>
              </>
            )}
            {requirement && <EvaluatorNotes requirement={requirement} />}
            {view.data && <EvidencePreview view={view.data} requirementId={requirementId} />}
          </Section>
          <Section title={t('review.outcomeTitle')}>
            {mine && !current.completed && requirement && <OutcomeForm key={requirementId} task={current} requirement={requirement} onRecorded={recorded} />}
            {!mine && <p>{t('review.notYours')}</p>}
            {current.assessments[requirementId] && (
              <p role="status" data-testid="recorded">
                {t('review.recorded')}: {t(`review.short.${current.assessments[requirementId]?.assessment.outcome}` as never)} {current.assessments[requirementId]?.assessment.finding ?? ''}
              </p>
            )}
          </Section>
        </div>
      )}
      {(threads.data ?? []).some((th) => th.taskId === taskId) && (
        <Section title={t('thread.taskTitle')}>
          <div data-testid="task-threads">
            {(threads.data ?? [])
              .filter((th) => th.taskId === taskId)
              .reverse()
              .map((th) => (
                <ThreadCard key={th.threadId} caseId={current.caseId} thread={th} requirements={requirements} evidence={view.data?.evidence} />
              ))}
          </div>
        </Section>
      )}
      {mine && !current.completed && (
        <Section title={t('review.finish')}>
          <div className="actions">
            <button type="button" className="primary" disabled={!allDone || finish.busy} onClick={() => void act('complete')}>
              {t('review.complete')}
            </button>
            <button type="button" disabled={finish.busy} onClick={() => void act('release')}>
              {t('review.release')}
            </button>
          </div>
          <ErrorBox error={finish.error} />
          <RequestInformation
            taskId={taskId}
            onDone={() => {
              setAsked((n) => n + 1);
              loaded.reload();
              setTask(null);
            }}
          />
        </Section>
      )}
    </>
  );
}
