import { useCallback, useEffect, useId, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { ApiError } from './api';
import { usePrefs, type MessageKey } from './i18n';

/** Loads data when its key changes; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload(): void } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Runs a submit; on failure keeps the form as typed and shows the service's error. */
export function useAction(): { busy: boolean; error: unknown; run(action: () => Promise<unknown>): Promise<boolean>; clear(): void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}

/** The service's message, and where it gives a code, that code in the user's language. */
export function ErrorBox({ error }: { error: unknown }) {
  const { t, has } = usePrefs();
  if (!error) return null;
  if (!(error instanceof ApiError)) return <p role="alert" className="error">{String((error as Error)?.message ?? error)}</p>;
  const kind = error.code ?? error.problemType?.split(':').pop() ?? null;
  const key = kind ? `error.${kind}` : '';
  // A list in the params (say, the outlets still to visit) reads with the language's separator.
  const params = Object.fromEntries(Object.entries(error.params).map(([name, v]) => [name, Array.isArray(v) ? v.join(t('audit.listSeparator')) : v]));
  return (
    <div role="alert" className="error" data-testid="error">
      {has(key) ? <strong>{t(key as MessageKey, params)}</strong> : <strong>{t('error.generic', { status: error.status })}</strong>}
      <p lang="en">{error.detail}</p>
      {error.errors.length > 1 && (
        <ul>
          {error.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading({ loading, error }: { loading: boolean; error?: unknown }) {
  const { t } = usePrefs();
  if (error) return <ErrorBox error={error} />;
  return loading ? <p aria-live="polite">{t('loading')}</p> : null;
}

type FieldProps = { label: string; hint?: string };

export function TextField({ label, hint, ...input }: FieldProps & ComponentProps<'input'>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
    </div>
  );
}

export function TextArea({ label, hint, ...input }: FieldProps & ComponentProps<'textarea'>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
    </div>
  );
}

export function Select({ label, options, ...select }: FieldProps & ComponentProps<'select'> & { options: readonly { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** An upload's progress; a failed one says so instead of a percentage (bytes sent are not a file stored). */
export function Progress({ label, value, failed = false }: { label: string; value: number; failed?: boolean }) {
  const { t } = usePrefs();
  return (
    <div className={failed ? 'progress failed' : 'progress'} data-state={failed ? 'failed' : value >= 1 ? 'done' : 'sending'}>
      <progress max={100} value={failed ? 0 : Math.round(value * 100)} aria-label={label} />
      <span>{failed ? t('upload.failed') : `${Math.round(value * 100)}%`}</span>
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} id={id} className="card">
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function Status({ status }: { status: string }) {
  const { t, has } = usePrefs();
  const key = `status.${status}`;
  return <span className={`badge badge-${status}`}>{has(key) ? t(key as MessageKey) : status}</span>;
}
