import { useState } from 'react';
import { DEFAULT_SCORING_RULES } from '@gbt/scoring-rules';
import { call } from '../api';
import type { Requirement } from '../catalogue';
import { usePrefs, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { Finding, Scorecard, ScorecardRecord } from '../types';
import { ErrorBox, Loading, Section, Select, TextField, useAction, useLoad } from '../ui';
import { ScoreChart, ThresholdScale } from './score-chart';

/** Category, indicator and requirement: where the points were lost and which finding lost them. */
export function Explanation({ scorecard }: { scorecard: Scorecard }) {
  const { t, pick } = usePrefs();
  return (
    <table className="explanation" data-testid="explanation">
      <thead>
        <tr>
          <th scope="col">{t('score.item')}</th>
          <th scope="col">{t('chart.available')}</th>
          <th scope="col">{t('chart.obtained')}</th>
          <th scope="col">{t('score.findings')}</th>
        </tr>
      </thead>
      <tbody>
        {scorecard.categories.flatMap((c) => [
          <tr key={c.id} className="category">
            <th scope="row">
              {c.id} {pick(c.name)}
            </th>
            <td>{c.available}</td>
            <td>{c.obtained}</td>
            <td />
          </tr>,
          ...c.indicators.flatMap((i) => [
            <tr key={i.id} className="indicator">
              <th scope="row">
                {i.id} {pick(i.name)}
              </th>
              <td>{i.available}</td>
              <td>{i.obtained}</td>
              <td />
            </tr>,
            ...i.requirements
              .filter((r) => r.lost > 0)
              .map((r) => (
                <tr key={r.id} className="requirement lost">
                  <th scope="row">
                    {r.id} {pick(r.name)}
                  </th>
                  <td>{r.available}</td>
                  <td>{r.obtained}</td>
                  <td>{r.findings.map((f) => `${f.description} (${f.recordedBy}, −${f.lost})`).join('; ')}</td>
                </tr>
              )),
          ]),
        ])}
      </tbody>
    </table>
  );
}

/** The level thresholds (70/80/90/95 by default) from the scoring rules, lowest first. */
const THRESHOLDS = [...DEFAULT_SCORING_RULES.levels].sort((a, b) => a.minScore - b.minScore);

/** Which thresholds the score reached and how far the next one is. */
function Thresholds({ scorecard }: { scorecard: Scorecard }) {
  const { t } = usePrefs();
  const next = THRESHOLDS.find((l) => l.minScore > scorecard.score);
  const name = (level: string) => t(`level.${level}` as MessageKey);
  return (
    <div className="threshold-box">
      <ul className="thresholds" data-testid="thresholds" aria-label={t('score.thresholds')}>
        {THRESHOLDS.map((l) => (
          <li key={l.level} className={scorecard.score >= l.minScore ? 'reached' : ''}>
            {name(l.level)} ≥ {l.minScore}
          </li>
        ))}
      </ul>
      {next && <p className="muted">{t('score.toNext', { points: Math.round((next.minScore - scorecard.score) * 10) / 10, level: name(next.level) })}</p>}
      <ThresholdScale score={scorecard.score} thresholds={THRESHOLDS.map((l) => ({ label: name(l.level), minScore: l.minScore }))} />
    </div>
  );
}

export function ScoreSummary({ scorecard }: { scorecard: Scorecard }) {
  const { t, pick } = usePrefs();
  return (
    <>
      <p className="score" data-testid="score-summary">
        {t('score.total', { score: scorecard.score })} · {scorecard.level ? t(`level.${scorecard.level}` as MessageKey) : t('level.none')} · {scorecard.passed ? t('score.passed') : t('score.failed')}
      </p>
      <Thresholds scorecard={scorecard} />
      {scorecard.failReasons.length > 0 && <p>{scorecard.failReasons.join('; ')}</p>}
      <ScoreChart title={t('chart.title')} rows={scorecard.categories.flatMap((c) => c.indicators.map((i) => ({ ...i, label: `${i.id} ${pick(i.name)}` })))} />
      <Explanation scorecard={scorecard} />
    </>
  );
}

/** Try changed findings: drop some, add one; the scoring service answers, nothing is stored. */
function WhatIf({ caseId, findings, requirements }: { caseId: string; findings: readonly Finding[]; requirements: Map<string, Requirement> }) {
  const { t, pick } = usePrefs();
  const { user } = useSession();
  const [dropped, setDropped] = useState<string[]>([]);
  const [requirementId, setRequirementId] = useState('');
  const [description, setDescription] = useState('');
  const [result, setResult] = useState<{ scorecard: Scorecard } | null>(null);
  const action = useAction();
  const tryIt = () =>
    action.run(async () => {
      const kept = findings.filter((f) => !dropped.includes(f.id));
      const added = requirementId ? [{ id: `what-if-${requirementId}`, requirementId, description: description || t('whatif.hypothetical'), recordedBy: user?.id ?? 'what-if' }] : [];
      setResult((await call<{ scorecard: Scorecard }>('scoring', `/cases/${caseId}/what-if`, { method: 'POST', token: user?.token, json: { findings: [...kept, ...added] } })).body);
    });
  const scored = [...requirements.values()].filter((r) => r.scored);
  return (
    <form onSubmit={(e) => (e.preventDefault(), void tryIt())} data-testid="what-if">
      <h3>{t('whatif.title')}</h3>
      {findings.length > 0 && (
        <fieldset>
          <legend>{t('whatif.drop')}</legend>
          {findings.map((f) => (
            <label key={f.id} className="check">
              <input type="checkbox" checked={dropped.includes(f.id)} onChange={(e) => setDropped((d) => (e.target.checked ? [...d, f.id] : d.filter((x) => x !== f.id)))} /> {f.requirementId}: {f.description}
            </label>
          ))}
        </fieldset>
      )}
      <Select label={t('whatif.add')} value={requirementId} onChange={(e) => setRequirementId(e.target.value)} options={[{ value: '', label: t('whatif.none') }, ...scored.map((r) => ({ value: r.id, label: `${r.id} ${pick(r.name)} (${r.points})` }))]} />
      <TextField label={t('whatif.description')} value={description} onChange={(e) => setDescription(e.target.value)} />
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>
        {t('whatif.try')}
      </button>
      {result && (
        <p role="status" className="notice" data-testid="what-if-result">
          {t('whatif.result', { score: result.scorecard.score, level: result.scorecard.level ? t(`level.${result.scorecard.level}` as MessageKey) : t('level.none') })}
        </p>
      )}
    </form>
  );
}

export function ScorecardPanel({ caseId, scorecardId, requirements }: { caseId: string; scorecardId: string; requirements: Map<string, Requirement> }) {
  const { t } = usePrefs();
  const { user } = useSession();
  const cards = useLoad(async () => (await call<{ scorecards: ScorecardRecord[] }>('scoring', `/cases/${caseId}/scorecards`, { token: user?.token })).body.scorecards, [caseId, scorecardId, user?.token]);
  const current = cards.data?.find((c) => c.scorecardId === scorecardId) ?? cards.data?.find((c) => c.current);
  return (
    <Section title={t('score.title')}>
      <Loading loading={cards.loading && !cards.data} error={cards.error} />
      {current && <ScoreSummary scorecard={current.scorecard} />}
      {current && <WhatIf caseId={caseId} findings={current.input.findings} requirements={requirements} />}
    </Section>
  );
}
