import { usePrefs, type MessageKey } from '../i18n';
import type { ComplaintHistoryEntry } from './complaint-types';

/** A complaint's history in words: each fact by its code; a person's own words are not repeated here. */
export function ComplaintHistory({ history }: { history: readonly ComplaintHistoryEntry[] }) {
  const { t, has, dateTime } = usePrefs();
  const line = (h: ComplaintHistoryEntry) => {
    const key = `complaint.event.${h.type.replace(/^complaints\./, '')}`;
    const d = h.data;
    const vars = {
      decision: d.decision ? t(`complaint.decision.${String(d.decision)}` as MessageKey) : '',
      code: d.rejectionCode ? t(`complaint.rejection.${String(d.rejectionCode)}` as MessageKey) : '',
      outcome: d.outcome ? t(`complaint.outcome.${String(d.outcome)}` as MessageKey) : '',
      result: d.passed === undefined ? '' : t(d.passed ? 'complaint.passed' : 'complaint.failed'),
      kind: d.escalated ? t('complaint.escalated') : t('complaint.reminded'),
    };
    return has(key) ? t(key, vars) : h.type;
  };
  return (
    <ol className="timeline" data-testid="complaint-history">
      {history.map((h, i) => (
        <li key={`${h.at}-${i}`}>
          <time dateTime={h.at}>{dateTime(h.at)}</time> {line(h)}
        </li>
      ))}
    </ol>
  );
}
