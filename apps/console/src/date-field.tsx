import { useEffect, useId, useRef } from 'react';
import { usePrefs } from './i18n';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a text is a real calendar date written YYYY-MM-DD (2027-02-30 is not). */
export const isCalendarDay = (text: string) => DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/**
 * A date typed or picked, shown and sent as YYYY-MM-DD in both languages whatever the browser's
 * locale: a native date field shows the locale's order (12/01/2026 in en-US), so the field is
 * text, and the browser's calendar is a helper behind a button that writes into it.
 */
export function DateField({ label, value, onChange, testId }: { label: string; value: string; onChange(day: string): void; testId?: string }) {
  const { t } = usePrefs();
  const id = useId();
  const text = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // The pattern catches the shape; a day that does not exist (02-30) is refused here, in words.
  useEffect(() => text.current?.setCustomValidity(value === '' || isCalendarDay(value) ? '' : t('date.invalid')), [value, t]);
  const pick = () => {
    try {
      picker.current?.showPicker();
    } catch {
      // A browser without showPicker: the calendar gets the focus instead, and opens with a key.
      picker.current?.focus();
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="date-field">
        <input
          ref={text}
          id={id}
          data-testid={testId}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="YYYY-MM-DD"
          pattern="\d{4}-\d{2}-\d{2}"
          maxLength={10}
          aria-describedby={`${id}-hint`}
          value={value}
          onChange={(e) => onChange(e.target.value.trim())}
          required
        />
        <button type="button" onClick={pick}>
          {t('date.calendar')}
        </button>
        <input ref={picker} type="date" className="date-picker" tabIndex={-1} aria-label={t('date.calendar')} value={isCalendarDay(value) ? value : ''} onChange={(e) => e.target.value && onChange(e.target.value)} />
      </span>
      <small id={`${id}-hint`}>{t('date.format')}</small>
    </div>
  );
}
