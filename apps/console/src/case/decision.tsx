import { useEffect, useState } from 'react';
import { call } from '../api';
import { CommandStatus, useCommandOutcome, type CommandOutcome, type Settlement } from '../command-outcome';
import { useDraft } from '../drafts';
import { usePrefs, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { CaseView, DecisionBasis, DecisionTaken, LifecycleRequestStatus } from '../types';
import { Loading, Section, Select, TextArea, useLoad } from '../ui';

const LEVELS = ['compliant', 'three-star', 'four-star', 'five-star'];

/** A decision is applied when the lifecycle accepted its request (read back from the request's status URL). */
async function decisionSettled(token: string | undefined, taken: DecisionTaken): Promise<Settlement | null> {
  if (!('statusUrl' in taken)) return { outcome: 'applied' };
  const { body } = await call<LifecycleRequestStatus>('certificates', taken.statusUrl, { token });
  if (body.status === 'requested') return null;
  return body.status === 'accepted' ? { outcome: 'applied' } : { outcome: 'refused', code: body.code };
}

function DecisionForm({ basis, outcome, onChanged }: { basis: DecisionBasis; outcome: CommandOutcome; onChanged(): void }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const supported = basis.score?.level ? LEVELS.slice(0, LEVELS.indexOf(basis.score.level) + 1).reverse() : [];
  const [outcomeChoice, setOutcome] = useDraft('decision.outcome', supported.length ? 'grant' : 'deny');
  // The level decided again after an upheld appeal is a grant at a level: no denial to choose (ADR 0038).
  const outcomes = [...(supported.length ? [{ value: 'grant', label: t('decision.grant') }] : []), ...(basis.redecidesLevel ? [] : [{ value: 'deny', label: t('decision.deny') }])];
  const [level, setLevel] = useDraft('decision.level', supported[0] ?? '');
  const [reasons, setReasons, clearReasons] = useDraft('decision.reasons', '');
  const submit = async () => {
    const choice = basis.redecidesLevel ? 'grant' : outcomeChoice;
    const json = { outcome: choice, ...(choice === 'grant' ? { level } : {}), reasons, scorecardHash: basis.scorecard?.hash, reviewReportHash: basis.reviewReport?.hash ?? null };
    const post = async () => {
      const { body } = await call<DecisionTaken>('certificates', `/cases/${basis.caseId}/decision`, { method: 'POST', token: user?.token, json });
      // Received means recorded: the basis lists the decision from now on.
      onChanged();
      return body;
    };
    if (await outcome.send(post, (taken) => decisionSettled(user?.token, taken))) clearReasons();
    onChanged();
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="decision-form" aria-busy={outcome.locked}>
      <fieldset disabled={outcome.locked} className="bare">
        {basis.redecidesLevel && <p data-testid="redecide-level">{t('decision.redecideLevel')}</p>}
        <Select label={t('decision.outcome')} value={basis.redecidesLevel ? 'grant' : outcomeChoice} onChange={(e) => setOutcome(e.target.value)} options={outcomes} />
        {(basis.redecidesLevel || outcomeChoice === 'grant') && <Select label={t('decision.level')} value={level} onChange={(e) => setLevel(e.target.value)} options={supported.map((l) => ({ value: l, label: t(`level.${l}` as MessageKey) }))} />}
        <TextArea label={t('decision.reasons')} value={reasons} onChange={(e) => setReasons(e.target.value)} required />
        <button type="submit" className="primary">
          {t('decision.submit')}
        </button>
      </fieldset>
    </form>
  );
}

/** What the decision maker approves, bound by hash; a warning when an earlier decision went stale. */
export function DecisionPanel({ view, onChanged }: { view: CaseView; onChanged(): void }) {
  const { t, has } = usePrefs();
  const { user, can } = useSession();
  const [tick, setTick] = useState(0);
  const outcome = useCommandOutcome();
  const allowed = can('certificates', 'GET /cases/{caseId}/decision-basis') && !!view.score;
  const basis = useLoad(async () => (allowed ? (await call<DecisionBasis>('certificates', `/cases/${view.caseId}/decision-basis`, { token: user?.token })).body : null), [view.caseId, view.version, allowed, tick]);
  const b = basis.data;
  const last = b?.decisions.at(-1);
  // A decision sent to the lifecycle is answered within seconds: until then the form stays closed and the list says so.
  const answerPending = !!last?.requestId && !last.answer && !last.stale;
  const reload = basis.reload;
  useEffect(() => {
    if (!answerPending) return;
    const poll = setInterval(reload, 1_000);
    return () => clearInterval(poll);
  }, [answerPending, reload]);
  if (!allowed) return null;
  // While a decision is on its way its form stays on screen, locked, above the line that says where it stands.
  const canDecide = outcome.locked || (can('certificates', 'POST /cases/{caseId}/decision') && b && !answerPending && (b.awaitingDecision || last?.stale) && b.scorecard && !b.evaluators.includes(user?.id ?? '') && !b.notForYou);
  const answerText = (d: NonNullable<typeof last>) => {
    if (!d.requestId || d.stale) return '';
    if (!d.answer) return t('decision.answerPending');
    if (d.answer.outcome === 'accepted') return t('decision.answerAccepted');
    const code = d.answer.code ?? '';
    const why = has(`error.${code}`) ? t(`error.${code}` as MessageKey) : code;
    // Only a rejected new grant voids its number: a rejected re-decision carries the live number, which stays.
    return [t('decision.answerRejected', { why }), d.voidedNumber ? t('decision.numberVoided', { number: d.voidedNumber }) : ''].filter(Boolean).join(' · ');
  };
  return (
    <Section title={t('decision.title')}>
      <Loading loading={basis.loading && !b} error={basis.error} />
      {b && (
        <>
          {last?.stale && (
            <div role="alert" className="warning" data-testid="stale-warning">
              <strong>{t('decision.stale')}</strong> {last.stale}
            </div>
          )}
          <dl className="hashes">
            <dt>{t('decision.scorecardHash')}</dt>
            <dd>
              <code>{b.scorecard?.hash ?? t('decision.notYet')}</code>
              <small className="hint">{t('decision.scorecardHashHint')}</small>
            </dd>
            <dt>{t('decision.reviewHash')}</dt>
            <dd>
              <code>{b.reviewReport?.hash ?? t('decision.notYet')}</code>
              <small className="hint">{t('decision.reviewHashHint')}</small>
            </dd>
            <dt>{t('case.evaluators')}</dt>
            <dd>{b.evaluators.join(', ')}</dd>
          </dl>
          {b.decisions.length > 0 && (
            <ul data-testid="decisions">
              {b.decisions.map((d) => (
                <li key={d.decisionId} data-answer={d.answer?.outcome ?? (d.requestId ? 'pending' : '')}>
                  {t(`decision.${d.outcome}` as MessageKey)} {d.level ? t(`level.${d.level}` as MessageKey) : ''} · {d.decidedBy} · {t('case.ownWords', { text: d.reasons })} {d.certificateNumber && d.answer?.outcome !== 'rejected' ? `· ${d.certificateNumber}` : ''} {d.stale ? `· ${t('decision.staleShort')}` : ''} {d.setAside ? `· ${t('decision.setAside')}` : ''}{' '}
                  {answerText(d) && <strong role="status">· {answerText(d)}</strong>}
                </li>
              ))}
            </ul>
          )}
          {canDecide && <DecisionForm basis={b} outcome={outcome} onChanged={() => (setTick((n) => n + 1), onChanged())} />}
          <CommandStatus outcome={outcome} applied={t('decision.applied')} />
          {can('certificates', 'POST /cases/{caseId}/decision') && b.evaluators.includes(user?.id ?? '') && <p>{t('decision.evaluatorCannot')}</p>}
          {can('certificates', 'POST /cases/{caseId}/decision') && b.notForYou && b.notForYou.code !== 'EvaluatorCannotDecide' && (
            <p data-testid="decision-not-for-you">
              {t('decision.notForYou')} {has(`error.${b.notForYou.code}`) ? t(`error.${b.notForYou.code}` as MessageKey) : b.notForYou.code}
            </p>
          )}
        </>
      )}
    </Section>
  );
}
