import { usePrefs, type MessageKey } from '../i18n';
import type { TimelineLine } from '../case/timeline';
import type { ComplaintCommon, ComplaintHistoryEntry } from './complaint-types';

/** One fact of a complaint in words, by its code; a person's own words are not repeated here. */
export function useComplaintLine(): (h: ComplaintHistoryEntry) => string {
  const { t, has } = usePrefs();
  return (h) => {
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
}

/** The case's complaints as lines of its timeline, each named by its acknowledgement number. */
export function useComplaintTimeline(): (complaints: readonly ComplaintCommon[]) => TimelineLine[] {
  const line = useComplaintLine();
  return (complaints) => complaints.flatMap((c) => c.history.map((h, i) => ({ key: `c${c.reference}-${i}`, at: h.at, text: `${c.reference}: ${line(h)}` })));
}

export function ComplaintHistory({ history }: { history: readonly ComplaintHistoryEntry[] }) {
  const { dateTime } = usePrefs();
  const line = useComplaintLine();
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
