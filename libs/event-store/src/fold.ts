import type { MongoEventStore } from './mongo-event-store';
import type { NewEvent, StoredEvent } from './types';

/** What folding a stream needs of a decider. */
export interface Evolver<E extends NewEvent, S> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
}

export interface Folded<S> {
  readonly state: S;
  /** The version of the last event folded (0 for no event): what If-Match compares with. */
  readonly version: number;
  readonly events: readonly StoredEvent[];
}

/**
 * Folds stored events into a state, up to `asOf` when given. The one place a stored event is taken
 * as its decider's event type: the store checked every event against its schema when it was appended.
 */
export function foldEvents<E extends NewEvent, S>(decider: Evolver<E, S>, events: readonly StoredEvent[], asOf?: Date): Folded<S> {
  const upTo = asOf ? events.filter((e) => new Date(e.occurredAt) <= asOf) : events;
  const state = upTo.reduce((s, e) => decider.evolve(s, e as unknown as E), decider.initialState);
  return { state, version: upTo.at(-1)?.streamVersion ?? 0, events: upTo };
}

/** Reads a stream and folds it (see foldEvents). */
export async function loadStream<E extends NewEvent, S>(store: MongoEventStore, streamId: string, decider: Evolver<E, S>, asOf?: Date): Promise<Folded<S>> {
  return foldEvents(decider, await store.readStream(streamId), asOf);
}
