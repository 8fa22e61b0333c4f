import { useState } from 'react';
import { call } from '../api';
import { useDraft } from '../drafts';
import { usePrefs, type MessageKey } from '../i18n';
import { usePersonName } from '../names';
import { useSession } from '../session';
import type { AppealView, CaseAppeals, NotAllowed } from '../types';
import { ErrorBox, Section, Select, TextArea, useAction, useLoad } from '../ui';

/** Whole days from one calendar date to another (both YYYY-MM-DD, the service's dates in Shanghai). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A case's appeals (ADR 0033), for the case page's panel and its timeline; null for a reader the policy does not let read them. */
export function useCaseAppeals(caseId: string, tick: unknown, decided: boolean) {
  const { user, can } = useSession();
  const allowed = decided && can('certificates', 'GET /cases/{caseId}/appeals');
  return useLoad(async () => (allowed ? (await call<CaseAppeals>('certificates', `/cases/${caseId}/appeals`, { token: user?.token })).body : null), [caseId, tick, allowed, user?.token]);
}

/** The appeals' events as timeline lines: lodged, handled, reminded, escalated, answered. */
export function useAppealTimeline() {
  const { t } = usePrefs();
  const personName = usePersonName();
  return (appeals: readonly AppealView[]) =>
    appeals.flatMap((a) =>
      a.history.map((h, i) => ({
        key: `a${a.appealId}-${i}`,
        at: h.at,
        text: t(`appeal.event.${h.type.replace(/^appeals\./, '')}` as MessageKey, {
          actor: personName(h.actor),
          kind: t(`appeal.kind.${a.against.kind}` as MessageKey),
          handler: personName(a.handlerId ?? ''),
          answerBy: a.answerBy,
        }),
      })),
    );
}

function WhyNot({ notAllowed }: { notAllowed: NotAllowed }) {
  const { t, has } = usePrefs();
  // Said when asked: the action is hidden, and one click tells why.
  return (
    <details data-testid="appeal-not-allowed">
      <summary>{t('appeal.whyNot')}</summary>
      <p>{has(`error.${notAllowed.code}`) ? t(`error.${notAllowed.code}` as MessageKey, notAllowed.params) : notAllowed.code}</p>
    </details>
  );
}

function LodgeForm({ caseId, data, onChanged }: { caseId: string; data: CaseAppeals; onChanged(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const [grounds, setGrounds, clearGrounds] = useDraft(`appeal.grounds.${caseId}`, '');
  const action = useAction();
  const a = data.appealable;
  if (!a) return null;
  const left = daysBetween(data.today, a.periodEndsOn);
  const submit = async () => {
    const ok = await action.run(() => call('certificates', `/cases/${caseId}/appeals`, { method: 'POST', token: user?.token, json: { grounds } }));
    if (!ok) return;
    clearGrounds();
    onChanged();
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="appeal-form" aria-busy={action.busy}>
      <h3>{t('appeal.lodgeTitle')}</h3>
      <p>{t('appeal.against', { kind: t(`appeal.kind.${a.kind}` as MessageKey), on: a.decidedOn })}</p>
      <p data-testid="appeal-period">{t('appeal.periodLeft', { days: left, until: a.periodEndsOn })}</p>
      <fieldset disabled={action.busy} className="bare">
        <TextArea label={t('appeal.grounds')} hint={t('appeal.groundsHint')} value={grounds} onChange={(e) => setGrounds(e.target.value)} required maxLength={4_000} />
        <button type="submit" className="primary">
          {t('appeal.lodge')}
        </button>
      </fieldset>
      <ErrorBox error={action.error} />
    </form>
  );
}

function HandleAppeal({ appeal, onChanged }: { appeal: AppealView; onChanged(): void }) {
  const { t } = usePrefs();
  const { user, can } = useSession();
  const take = useAction();
  const answer = useAction();
  const [outcome, setOutcome] = useState<'dismissed' | 'upheld'>('dismissed');
  const [reasons, setReasons, clearReasons] = useDraft(`appeal.reasons.${appeal.appealId}`, '');
  const base = `/cases/${appeal.caseId}/appeals/${appeal.appealId}`;
  if (appeal.status !== 'open') return null;
  const mine = appeal.handlerId === user?.id;
  return (
    <>
      {!mine && can('certificates', 'POST /cases/{caseId}/appeals/{appealId}/handler') && (
        <p>
          <button type="button" disabled={take.busy} onClick={() => void take.run(() => call('certificates', `${base}/handler`, { method: 'POST', token: user?.token, json: {} })).then((ok) => ok && onChanged())}>
            {t('appeal.take')}
          </button>
        </p>
      )}
      <ErrorBox error={take.error} />
      {mine && can('certificates', 'POST /cases/{caseId}/appeals/{appealId}/outcome') && (
        <form
          data-testid="appeal-outcome-form"
          aria-busy={answer.busy}
          onSubmit={(e) => {
            e.preventDefault();
            void answer
              .run(() => call('certificates', `${base}/outcome`, { method: 'POST', token: user?.token, json: { outcome, reasons } }))
              .then((ok) => {
                if (!ok) return;
                clearReasons();
                onChanged();
              });
          }}
        >
          <fieldset disabled={answer.busy} className="bare">
            <Select label={t('appeal.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as 'dismissed' | 'upheld')} options={[{ value: 'dismissed', label: t('appeal.status.dismissed') }, { value: 'upheld', label: t('appeal.status.upheld') }]} />
            <TextArea label={t('appeal.reasons')} hint={t('appeal.reasonsHint')} value={reasons} onChange={(e) => setReasons(e.target.value)} required maxLength={4_000} />
            <button type="submit" className="primary">
              {t('appeal.answer')}
            </button>
          </fieldset>
          <ErrorBox error={answer.error} />
        </form>
      )}
    </>
  );
}

function AppealItem({ appeal, onChanged }: { appeal: AppealView; onChanged(): void }) {
  const { t } = usePrefs();
  const personName = usePersonName();
  const o = appeal.outcome;
  return (
    <li data-testid="appeal" data-status={appeal.status}>
      <p>
        <strong>{t('appeal.against', { kind: t(`appeal.kind.${appeal.against.kind}` as MessageKey), on: appeal.against.decidedOn })}</strong> · <span data-testid="appeal-status">{t(`appeal.status.${appeal.status}` as MessageKey)}</span>
      </p>
      <dl>
        <dt>{t('appeal.acknowledged')}</dt>
        <dd>{appeal.acknowledgedOn}</dd>
        <dt>{t('appeal.answerBy')}</dt>
        <dd data-testid="appeal-answer-by">
          {appeal.answerBy} {appeal.escalated && appeal.status === 'open' ? `· ${t('appeal.overdue')}` : ''}
        </dd>
        <dt>{t('appeal.handler')}</dt>
        <dd>{appeal.handlerId ? personName(appeal.handlerId) : t('appeal.noHandler')}</dd>
        <dt>{t('appeal.grounds')}</dt>
        <dd>{t('case.ownWords', { text: appeal.grounds })}</dd>
        {o && (
          <>
            <dt>{t('appeal.outcomeReasons')}</dt>
            <dd data-testid="appeal-outcome">
              {t('case.ownWords', { text: o.reasons })} · {personName(o.decidedBy)}
              {o.remedy && <p>{t(`appeal.remedy.${o.remedy}` as MessageKey)}</p>}
            </dd>
          </>
        )}
      </dl>
      <HandleAppeal appeal={appeal} onChanged={onChanged} />
    </li>
  );
}

/** The case's appeals: the holder appeals where allowed (with the period left), everyone entitled reads their state, deadline and outcome; decision makers handle them. */
export function AppealsPanel({ caseId, appeals, onChanged }: { caseId: string; appeals: ReturnType<typeof useCaseAppeals>; onChanged(): void }) {
  const { t } = usePrefs();
  const { can } = useSession();
  const data = appeals.data;
  if (!data) return null;
  const mayLodge = can('certificates', 'POST /cases/{caseId}/appeals');
  if (!data.appeals.length && !(mayLodge && data.appealable)) return null;
  return (
    <Section title={t('appeal.title')} id="appeals">
      {mayLodge && !data.notAllowed && <LodgeForm caseId={caseId} data={data} onChanged={onChanged} />}
      {mayLodge && data.notAllowed && data.appealable && <WhyNot notAllowed={data.notAllowed} />}
      {data.appeals.length > 0 && (
        <ul className="appeals" data-testid="appeals">
          {[...data.appeals].reverse().map((a) => (
            <AppealItem key={a.appealId} appeal={a} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </Section>
  );
}
