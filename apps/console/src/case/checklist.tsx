import { useState } from 'react';
import type { Catalogue, Requirement } from '../catalogue';
import { usePrefs } from '../i18n';
import type { CaseView } from '../types';
import { Section } from '../ui';
import { ApplicantGuidance } from './requirement-notes';

/**
 * Requirements the certification body observes itself (mystery shopper, customer survey) and the
 * unscored explanatory clause: the applicant may add files, but none is missing without them.
 */
const observedByBody = (r: Requirement) => !r.scored || r.method === 'mystery-shopper' || r.method === 'customer-survey';

export interface ChecklistItem {
  readonly requirement: Requirement;
  readonly files: readonly string[];
  readonly state: 'attached' | 'missing' | 'optional';
}

/** Every requirement of the case's catalogue version with the files attached to it, in catalogue order. */
export function checklistOf(catalogue: Catalogue | undefined, view: CaseView): ChecklistItem[] {
  const documents = Object.values(view.evidence ?? {});
  return (catalogue?.categories ?? [])
    .flatMap((c) => c.indicators.flatMap((i) => i.requirements))
    .map((requirement) => {
      const files = documents.filter((d) => d.requirementId === requirement.id).map((d) => d.fileName);
      return { requirement, files, state: files.length > 0 ? 'attached' : observedByBody(requirement) ? 'optional' : 'missing' };
    });
}

/** The applicant's checklist before submission: what each requirement expects, what is attached, what is still missing. */
export function Checklist({ items, onAttach }: { items: readonly ChecklistItem[]; onAttach(requirementId: string): void }) {
  const { t, pick } = usePrefs();
  const [onlyMissing, setOnlyMissing] = useState(false);
  const missing = items.filter((i) => i.state === 'missing').length;
  const needed = items.filter((i) => i.state !== 'optional').length;
  const shown = onlyMissing ? items.filter((i) => i.state === 'missing') : items;
  return (
    <Section title={t('checklist.title')} id="checklist">
      <p role="status" className={missing > 0 ? 'warning' : 'notice'} data-testid="missing-count" data-missing={missing}>
        {missing > 0 ? t('checklist.missingCount', { missing, needed }) : t('checklist.complete', { needed })}
      </p>
      <label className="check">
        <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} /> {t('checklist.onlyMissing')}
      </label>
      <ol className="plain checklist" data-testid="checklist">
        {shown.map(({ requirement: r, files, state }) => (
          <li key={r.id} data-requirement={r.id} data-state={state} className={`checklist-item checklist-${state}`}>
            <p className="checklist-head">
              <span className={`badge badge-${state}`}>{t(`checklist.state.${state}`)}</span> <strong>{`${r.id} ${pick(r.name)}`}</strong>
            </p>
            <p>{pick(r.text)}</p>
            {r.evidence.length > 0 && (
              <p>
                <strong>{t('checklist.expects')}</strong> {r.evidence.map((e) => pick(e)).join(t('checklist.separator'))}
              </p>
            )}
            {state === 'optional' && <p className="muted">{t(r.scored ? 'checklist.observedByBody' : 'checklist.notScored')}</p>}
            <ApplicantGuidance requirement={r} />
            <p className="muted" data-testid="attached">
              {t('checklist.attached')} {files.length > 0 ? files.join(t('checklist.separator')) : t('checklist.nothingAttached')}{' '}
              <button type="button" className="link" onClick={() => onAttach(r.id)} aria-label={t('checklist.attachTo', { requirement: `${r.id} ${pick(r.name)}` })}>
                {t('checklist.attach')}
              </button>
            </p>
          </li>
        ))}
      </ol>
    </Section>
  );
}
