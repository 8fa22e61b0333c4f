import type { Requirement } from '../catalogue';
import { usePrefs } from '../i18n';

/** The catalogue's notes for the reviewer, beside the evidence of the requirement under review. */
export function EvaluatorNotes({ requirement }: { requirement: Requirement }) {
  const { t, pick } = usePrefs();
  if (!requirement.notes) return null;
  return (
    <aside className="notes notes-evaluator" aria-labelledby={`evaluator-notes-${requirement.id}`} data-testid="evaluator-notes">
      <h3 id={`evaluator-notes-${requirement.id}`}>{t('notes.evaluatorTitle')}</h3>
      <p>{pick(requirement.notes.evaluatorNotes)}</p>
      <details>
        <summary>{t('notes.applicantWasTold')}</summary>
        <p>{pick(requirement.notes.guidance)}</p>
      </details>
    </aside>
  );
}

/** The catalogue's guidance in the applicant's words: what the requirement covers, what evidence satisfies it, examples. */
export function ApplicantGuidance({ requirement }: { requirement: Requirement }) {
  const { t, pick } = usePrefs();
  if (!requirement.notes) return null;
  return (
    <details className="notes" data-testid="guidance">
      <summary>{t('notes.guidanceTitle')}</summary>
      <p>{pick(requirement.notes.guidance)}</p>
    </details>
  );
}
