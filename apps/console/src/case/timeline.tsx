import type { Requirement } from '../catalogue';
import { usePrefs, type MessageKey } from '../i18n';
import { usePersonName } from '../names';
import type { HistoryEntry, ReviewThread } from '../types';
import { useLifecycleReason } from './lifecycle-reason';

/** A line another service's history adds (an appeal's events), already in words. */
export interface TimelineLine {
  readonly key: string;
  readonly at: string;
  readonly text: string;
}

/** The case's event history in plain words, newest first, with the messages of its threads (requests for information, corrective actions) and other lines (appeals) among them. */
export function Timeline({ history, requirements, threads = [], more = [] }: { history: readonly HistoryEntry[]; requirements: Map<string, Requirement>; threads?: readonly ReviewThread[]; more?: readonly TimelineLine[] }) {
  const { t, has, dateTime, pick } = usePrefs();
  const personName = usePersonName();
  const lifecycleReason = useLifecycleReason();
  const named = (requirementId: string) => (requirementId ? `${requirementId} ${pick(requirements.get(requirementId)?.name)}` : '');
  // A person's words (a reason, a finding) quoted as written; a reason the lifecycle worded is the whole line, in words.
  const quoted = (text: unknown) => (typeof text === 'string' && text ? t('case.ownWords', { text }) : '');
  const sentence = (h: HistoryEntry) => {
    const key = `event.${h.type.replace(/^certification\./, '')}`;
    const why = lifecycleReason(h.data);
    if (!why.ownWords) return why.text;
    const data = h.data as Record<string, string | number | undefined>;
    const requirementId = typeof data.requirementId === 'string' ? data.requirementId : String(data.nonconformityId ?? '').replace(/^nc-/, '');
    const vars = {
      actor: personName(h.actor.id),
      requirement: named(requirementId),
      file: String(data.fileName ?? ''),
      reason: quoted(data.reason ?? data.finding),
      person: personName(String(data.evaluatorId ?? data.personId ?? '')),
      score: String(data.score ?? ''),
      level: data.level ? t(`level.${data.level}` as MessageKey) : '',
      number: String(data.certificateNumber ?? data.number ?? ''),
      // A surveillance carried out under an audit plan names the sites it visited.
      visited: Array.isArray(h.data.sites) && h.data.sites.length ? t('audit.visitedSites', { sites: h.data.sites.join(t('audit.listSeparator')) }) : '',
    };
    return has(key) ? t(key, vars) : `${h.type} (${h.actor.id})`;
  };
  const entries = [
    ...history.map((h) => ({ key: `h${h.version}`, at: h.occurredAt, text: sentence(h) })),
    // The finding is in the lifecycle's history already (nonconformity recorded); the rest of each thread is not.
    ...threads.flatMap((th) =>
      th.messages
        .filter((m) => m.kind !== 'finding')
        .map((m, i) => ({
          key: `t${th.threadId}-${i}`,
          at: m.at,
          text: t(`thread.event.${m.kind}` as MessageKey, {
            actor: personName(m.by),
            requirement: th.requirementIds.map(named).join('; '),
            text: m.text ?? '',
            files: m.documentIds.length,
          }),
        })),
    ),
    ...more,
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className="timeline" data-testid="timeline" reversed>
      {entries.reverse().map((e) => (
        <li key={e.key}>
          <time dateTime={e.at}>{dateTime(e.at)}</time> <span>{e.text}</span>
        </li>
      ))}
    </ol>
  );
}
