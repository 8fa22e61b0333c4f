import type { Decider } from '@gbt/decider';
import type { EventMetadata } from '@gbt/contracts';
import { ConcurrencyError } from './errors';
import type { MongoEventStore } from './mongo-event-store';
import type { NewEvent, StoredEvent } from './types';

export interface HandleOptions extends EventMetadata {
  readonly occurredAt: Date;
  /** From If-Match: the version the user saw. Without it a lost race is retried against fresh state. */
  readonly expectedVersion?: number;
  readonly maxRetries?: number;
}

export type HandleOutcome<F> =
  | { readonly ok: true; readonly version: number; readonly events: readonly StoredEvent[]; readonly duplicate: boolean }
  | { readonly ok: false; readonly failure: F; readonly version: number };

const asDomainEvent = (e: StoredEvent): NewEvent => ({ type: e.type, data: e.data });

/**
 * Load, decide, append. A command whose causationId already caused events on this stream is not
 * applied again, which makes redelivered Kafka messages turned into commands harmless.
 */
export async function handleCommand<C, E extends NewEvent, S, F>(
  store: MongoEventStore,
  streamId: string,
  decider: Decider<C, E, S, F>,
  command: C,
  options: HandleOptions,
): Promise<HandleOutcome<F>> {
  const retries = options.expectedVersion === undefined ? (options.maxRetries ?? 10) : 0;
  for (let attempt = 0; ; attempt++) {
    const history = await store.readStream(streamId);
    const version = history.at(-1)?.streamVersion ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new ConcurrencyError(streamId, options.expectedVersion, version);
    }
    if (options.causationId && history.some((e) => e.causationId === options.causationId)) {
      return { ok: true, version, events: history.filter((e) => e.causationId === options.causationId), duplicate: true };
    }
    const state = history.map(asDomainEvent).reduce((s, e) => decider.evolve(s, e as E), decider.initialState);
    const outcome = decider.decide(command, state);
    if (!Array.isArray(outcome)) return { ok: false, failure: outcome as F, version };
    if (outcome.length === 0) return { ok: true, version, events: [], duplicate: false };
    try {
      const last = history.at(-1);
      const readHead = last ? { lastVersion: last.streamVersion, position: last.position } : null;
      const result = await store.append(streamId, outcome as readonly E[], { ...options, expectedVersion: version, readHead });
      return { ok: true, version: result.nextExpectedVersion, events: result.events.map((e) => ({ ...e, position: result.position })), duplicate: false };
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= retries) throw err;
      // Growing, jittered backoff spreads out writers that lost the same race, so a busy stream
      // (timers firing for many tasks at once) cannot starve one writer through all its retries.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 5 * 2 ** attempt)));
    }
  }
}
