import { ApiError } from '../api';
import { usePrefs, type MessageKey } from '../i18n';
import { ErrorBox } from '../ui';

interface Problem {
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A refused plan: the service's answer, and for InvalidPlan each of the library's problems in words. */
export function PlanError({ error }: { error: unknown }) {
  const { t, has } = usePrefs();
  if (!error) return null;
  const problems = error instanceof ApiError && error.code === 'InvalidPlan' ? ((error.params as { problems?: unknown }).problems as readonly Problem[] | undefined) : undefined;
  return (
    <>
      <ErrorBox error={error} />
      {problems && problems.length > 0 && (
        <div role="alert" data-testid="plan-problems">
          <p>{t('audit.problems')}</p>
          <ul>
            {problems.map((p, i) => {
              const key = `audit.problem.${p.code}`;
              return <li key={i}>{has(key) ? t(key as MessageKey, p.params ?? {}) : p.code}</li>;
            })}
          </ul>
        </div>
      )}
    </>
  );
}
