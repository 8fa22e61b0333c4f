import type { AppealView } from '@gbt/contracts/views';
import type { StoredEvent } from '@gbt/event-store';
import type { AppealRecord } from './appeals.decider';

/** An appeal as its appellant and the staff read it, with its own events as its history. */
export function appealView(caseId: string, appeal: AppealRecord, events: readonly StoredEvent[]): AppealView {
  const own = events.filter((e) => (e.data as { appealId?: unknown }).appealId === appeal.appealId);
  return {
    caseId,
    ...appeal,
    history: own.map((e) => ({ type: e.type, at: new Date(e.occurredAt).toISOString(), actor: e.actor.id })),
  };
}
