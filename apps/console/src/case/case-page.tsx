import { useEffect, useState } from 'react';
import { CaseComplaints, useCaseComplaints } from '../complaints/case-complaints';
import { useComplaintTimeline } from '../complaints/complaint-history';
import { call } from '../api';
import { useCatalogue } from '../catalogue';
import { usePrefs } from '../i18n';
import { useOrganisationName, usePersonName } from '../names';
import { Link } from '../router';
import { useSession } from '../session';
import type { CaseView, HistoryEntry, ReviewView } from '../types';
import { Loading, Section, Status, useLoad } from '../ui';
import { CaseActions, EndApplication } from './actions';
import { AppealsPanel, useAppealTimeline, useCaseAppeals } from './appeals';
import { CertificatePanel } from './certificate';
import { Checklist, checklistOf } from './checklist';
import { DecisionPanel } from './decision';
import { EvidencePanel } from './evidence';
import { InformationRequests } from './information';
import { useLifecycleReason, type ReasonWords } from './lifecycle-reason';
import { NextSteps, showsNextSteps } from './next-steps';
import { Nonconformities } from './nonconformities';
import { ScorecardPanel } from './scorecard';
import { useThreads } from './threads';
import { TimeSlider } from './time-slider';
import { Timeline } from './timeline';

/** Reviews exist once the evaluation started; asked for only then, so that no page provokes a 404. */
const reviewed = (history: readonly HistoryEntry[]) => history.some((h) => h.type === 'certification.evaluator-assigned');
/**
 * The certificates service learns of a case from the lifecycle's facts over Kafka, so it answers 404
 * for a case it has not heard of yet: its appeals are asked for once a decision was taken, its
 * complaints once a certificate was granted (none can exist before).
 */
const decided = (history: readonly HistoryEntry[]) => history.some((h) => ['certification.application-refused', 'certification.certification-denied', 'certification.certification-granted'].includes(h.type));
const granted = (history: readonly HistoryEntry[]) => history.some((h) => h.type === 'certification.certification-granted');

/** One case: where it stands (or stood, with the time slider), what it holds, what can be done next. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t, dateTime } = usePrefs();
  const { user, has } = useSession();
  const token = user?.token;
  const [asOf, setAsOf] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [written, setWritten] = useState(0);
  const [attachTo, setAttachTo] = useState<{ requirementId: string } | null>(null);
  const refresh = () => setTick((n) => n + 1);
  const view = useLoad(async () => (await call<CaseView>('applications', `/cases/${caseId}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, { token })).body, [caseId, asOf, tick, token]);
  const history = useLoad(async () => (await call<HistoryEntry[]>('applications', `/cases/${caseId}/history`, { token })).body, [caseId, tick, token]);
  const hasReview = reviewed(history.data ?? []);
  const review = useLoad(async () => (hasReview ? (await call<ReviewView>('evidence-review', `/cases/${caseId}/review`, { token })).body : null), [caseId, tick, token, hasReview]);
  const { requirements, catalogue } = useCatalogue(view.data?.catalogueVersion);
  const threads = useThreads(caseId, `${tick}`, hasReview);
  const organisationName = useOrganisationName(view.data?.organisationId);
  const personName = usePersonName();
  const lifecycleReason = useLifecycleReason();
  const appeals = useCaseAppeals(caseId, tick, decided(history.data ?? []));
  const appealLines = useAppealTimeline();
  const complaints = useCaseComplaints(caseId, tick, granted(history.data ?? []));
  const complaintLines = useComplaintTimeline();

  // Other services change the case through Kafka: look again every few seconds while showing the present.
  useEffect(() => {
    if (asOf) return undefined;
    const timer = setInterval(() => document.visibilityState === 'visible' && refresh(), 3_000);
    return () => clearInterval(timer);
  }, [asOf]);

  const c = view.data;
  if (!c) return <Loading loading={view.loading} error={view.error} />;
  const present = asOf === null;
  const version = Math.max(c.version, written);
  // The applicant's checklist while the application is a draft: what each requirement expects and what is still missing.
  const checklist = present && c.status === 'draft' && has('applicant') ? checklistOf(catalogue, c) : null;
  const changed = (v: number | null) => {
    if (v !== null) setWritten(v);
    refresh();
  };
  return (
    <>
      <h1>
        {t('case.title')} <Status status={c.status} />
      </h1>
      <p className="muted" title={caseId}>
        <span data-testid="case-organisation">{organisationName}</span> · {t('case.version', { version: c.version })}
      </p>
      {/* Audits are planned once the application is accepted. */}
      {!['draft', 'submitted', 'refused', 'application-withdrawn'].includes(c.status) && (
        <p>
          <Link to={`/cases/${encodeURIComponent(caseId)}/audit-plans`}>{t('audit.link')}</Link>
        </p>
      )}
      <TimeSlider history={history.data ?? []} asOf={asOf} onChange={setAsOf} />
      {!present && (
        <p role="status" className="notice" data-testid="as-of">
          {t('case.asOfNotice', { at: dateTime(asOf) })}
        </p>
      )}
      <div className="grid2">
        <Section title={t('case.overview')}>
          <dl>
            <dt>{t('case.status')}</dt>
            <dd data-testid="case-status">
              <Status status={c.status} />
            </dd>
            <dt>{t('case.scope')}</dt>
            <dd>{[...(c.scope?.productCategories ?? []), ...(c.scope?.serviceCategories ?? [])].join('、') || '—'}</dd>
            <dt>{t('case.evaluators')}</dt>
            <dd data-testid="case-evaluators">{c.evaluators?.map(personName).join(', ') || '—'}</dd>
            <dt>{t('case.score')}</dt>
            <dd data-testid="case-score">{c.score ? `${c.score.score} · ${c.score.level ? t(`level.${c.score.level}` as never) : t('level.none')}` : '—'}</dd>
            {c.reason && (
              <>
                <dt>{t('case.reason')}</dt>
                <CaseReason words={lifecycleReason(c)} />
              </>
            )}
          </dl>
          {present && <CaseActions view={c} version={version} missing={checklist?.filter((i) => i.state === 'missing').length ?? 0} onChanged={changed} />}
        </Section>
        <Section title={t('timeline.title')}>
          <Timeline history={(history.data ?? []).filter((h) => !asOf || h.occurredAt <= asOf)} requirements={requirements} threads={(threads.data ?? []).map((th) => ({ ...th, messages: th.messages.filter((m) => !asOf || m.at <= asOf) }))} more={[...appealLines(appeals.data?.appeals ?? []), ...complaintLines(complaints.data ?? [])].filter((l) => !asOf || l.at <= asOf)} />
        </Section>
      </div>
      {present && showsNextSteps(c) && <NextSteps view={c} />}
      {c.certificate && <CertificatePanel certificate={c.certificate} />}
      {present && <CaseComplaints caseId={caseId} complaints={complaints.data ?? []} onChanged={refresh} />}
      <EvidencePanel view={c} version={version} catalogue={catalogue} editable={present && c.availableCommands.includes('attach-evidence')} attachTo={attachTo} onChanged={changed} />
      {checklist && catalogue && <Checklist items={checklist} onAttach={(requirementId) => setAttachTo({ requirementId })} />}
      {present && threads.data && <InformationRequests view={c} version={version} threads={threads.data} requirements={requirements} onChanged={changed} />}
      {Object.keys(c.nonconformities ?? {}).length > 0 && <Nonconformities view={c} review={present ? (review.data ?? null) : null} threads={present ? threads.data : []} requirements={requirements} onChanged={refresh} />}
      {c.score && <ScorecardPanel caseId={caseId} scorecardId={c.score.scorecardId} requirements={requirements} />}
      {present && <DecisionPanel view={c} onChanged={refresh} />}
      {present && <AppealsPanel caseId={caseId} appeals={appeals} onChanged={refresh} />}
      {present && <EndApplication view={c} version={version} onChanged={changed} />}
    </>
  );
}

/** The case's reason: the lifecycle's in the reader's language, a person's as written and labelled as theirs. */
function CaseReason({ words }: { words: ReasonWords }) {
  const { t } = usePrefs();
  return (
    <dd data-testid="case-reason">
      {words.ownWords ? (
        <>
          <q>{words.text}</q> <span className="muted">{t('case.reasonOwnWords')}</span>
        </>
      ) : (
        words.text
      )}
    </dd>
  );
}
