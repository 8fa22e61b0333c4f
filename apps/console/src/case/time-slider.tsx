import { useId } from 'react';
import { usePrefs } from '../i18n';
import type { HistoryEntry } from '../types';

/** The case as it stood at any past instant: one stop per event of its history, and now. */
export function TimeSlider({ history, asOf, onChange }: { history: readonly HistoryEntry[]; asOf: string | null; onChange(asOf: string | null): void }) {
  const { t, dateTime } = usePrefs();
  const id = useId();
  if (history.length === 0) return null;
  const stops = history.map((h) => h.occurredAt);
  const index = asOf === null ? stops.length : Math.max(0, stops.indexOf(asOf));
  const label = index === stops.length ? t('slider.now') : dateTime(stops[index]);
  return (
    <div className="slider card">
      <label htmlFor={id}>{t('slider.label')}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={stops.length}
        step={1}
        value={index}
        aria-valuetext={label}
        data-testid="time-slider"
        onChange={(e) => {
          const i = Number(e.target.value);
          onChange(i >= stops.length ? null : stops[i]);
        }}
      />
      <output htmlFor={id}>{label}</output>
      {asOf !== null && (
        <button type="button" onClick={() => onChange(null)}>
          {t('slider.backToNow')}
        </button>
      )}
    </div>
  );
}
