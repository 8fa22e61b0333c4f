import type { Requirement } from '../catalogue';
import { usePrefs, type MessageKey } from '../i18n';
import type { HistoryEntry } from '../types';

/** The case's event history in plain words, newest first. */
export function Timeline({ history, requirements }: { history: readonly HistoryEntry[]; requirements: Map<string, Requirement> }) {
  const { t, has, dateTime, pick } = usePrefs();
  const sentence = (h: HistoryEntry) => {
    const key = `event.${h.type.replace(/^certification\./, '')}`;
    const data = h.data as Record<string, string | number | undefined>;
    const requirementId = typeof data.requirementId === 'string' ? data.requirementId : String(data.nonconformityId ?? '').replace(/^nc-/, '');
    const vars = {
      actor: h.actor.id,
      requirement: requirementId ? `${requirementId} ${pick(requirements.get(requirementId)?.name)}` : '',
      file: String(data.fileName ?? ''),
      reason: String(data.reason ?? data.finding ?? ''),
      person: String(data.evaluatorId ?? data.personId ?? ''),
      score: String(data.score ?? ''),
      level: data.level ? t(`level.${data.level}` as MessageKey) : '',
      number: String(data.certificateNumber ?? data.number ?? ''),
    };
    return has(key) ? t(key, vars) : `${h.type} (${h.actor.id})`;
  };
  return (
    <ol className="timeline" data-testid="timeline" reversed>
      {[...history].reverse().map((h) => (
        <li key={h.version}>
          <time dateTime={h.occurredAt}>{dateTime(h.occurredAt)}</time> <span>{sentence(h)}</span>
        </li>
      ))}
    </ol>
  );
}
