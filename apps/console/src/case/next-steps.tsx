import { usePrefs, type MessageKey } from '../i18n';
import type { CaseView } from '../types';
import { Section } from '../ui';

/**
 * After submission, what the applicant can expect: each step, who does it, how long it typically
 * takes (document review: the review SLA of 10 working days; rectification: 20 working days, both
 * the evidence review service's defaults), and which step the case is at.
 */
const STEPS = ['acceptance', 'document-review', 'on-site', 'scoring', 'decision'] as const;
type Step = (typeof STEPS)[number];

const CURRENT: Partial<Record<string, Step>> = {
  submitted: 'acceptance',
  'under-evaluation': 'document-review',
  'decision-pending': 'decision',
};

/** Shown from submission until a decision is taken. */
export const showsNextSteps = (view: CaseView) => view.status in CURRENT;

export function NextSteps({ view }: { view: CaseView }) {
  const { t } = usePrefs();
  const current = CURRENT[view.status];
  // An evaluation with a score has passed document review, on-site evaluation and scoring.
  const at = current === 'document-review' && view.score ? 'scoring' : current;
  const index = at ? STEPS.indexOf(at) : -1;
  return (
    <Section title={t('next.title')}>
      <p>{t('next.intro')}</p>
      <ol className="next-steps" data-testid="next-steps">
        {STEPS.map((step, i) => (
          <li key={step} data-step={step} className={i < index ? 'done' : i === index ? 'current' : undefined} aria-current={i === index ? 'step' : undefined}>
            <strong>{t(`next.${step}.title` as MessageKey)}</strong>
            {i === index && <span className="badge"> {t('next.now')}</span>}
            <span className="hint">
              {t('next.who')} {t(`next.${step}.who` as MessageKey)} · {t('next.duration')} {t(`next.${step}.duration` as MessageKey)}
            </span>
            <span className="hint">{t(`next.${step}.what` as MessageKey)}</span>
          </li>
        ))}
      </ol>
    </Section>
  );
}
