import type { Decider } from '@gbt/decider';
import type { EventMetadata } from '@gbt/contracts';
import { ConcurrencyError } from './errors';
import type { Folded } from './fold';
import type { MongoEventStore } from './mongo-event-store';
import { DomainRefusal } from './refusal';
import type { NewEvent, StoredEvent } from './types';

/** What every decider refuses with: a stable code and a sentence for logs and API clients. */
export interface Refusal {
  readonly error: string;
  readonly message: string;
}

/** Who asks for a change. `role` is the role the person acted in, recorded on the events. */
export interface Actor {
  readonly id: string;
  readonly role?: string;
}

/**
 * The one shape in which every command reaches a handler, whatever its use case: its data, who asks,
 * when it counts as happening (the service clock, or the causing event's time), and for HTTP
 * callers the version they saw (If-Match). Without `expectedVersion` a lost race is retried.
 */
export interface CommandContext {
  readonly actor: Actor;
  readonly at: Date;
  readonly expectedVersion?: number;
}

/** An event-sourced model as the service that owns it declares it once. */
export interface AggregateType<C, E extends NewEvent, S, F extends Refusal> {
  readonly decider: Decider<C, E, S, F>;
  /**
   * Every event type `evolve` understands. A stream may also hold events written for others (a
   * published status snapshot): they are not folded. Checking the type is also what lets a stored
   * event be handed to `evolve` as the decider's own event: its data was validated against the
   * registry's schema for that type when it was appended.
   */
  readonly eventTypes: readonly E['type'][];
  readonly streamId: (key: string) => string;
  /** The HTTP status a refusal declares (problem+json); 422 when it declares none. */
  readonly refusalStatus?: (refusal: F) => number;
  /** What a UI needs, besides the code, to say a refusal in the user's language. */
  readonly refusalParams?: (refusal: F) => Readonly<Record<string, unknown>> | undefined;
  /** Events derived from the state after a decision, appended in the same commit (e.g. a public snapshot). */
  readonly alongside?: (after: S, decided: readonly E[], before: S) => readonly NewEvent[];
}

export interface Executed {
  readonly streamId: string;
  /** The stream's version after the command: the next ETag. */
  readonly version: number;
  readonly events: readonly StoredEvent[];
  /** The command had been applied before (same causation id): nothing was written now. */
  readonly duplicate: boolean;
}

/** Where the correlation and causation ids of the current request or consumed event come from. */
export type CorrelationSource = () => Pick<EventMetadata, 'correlationId' | 'causationId'>;

const RETRIES = 10;

/**
 * Load, decide, append, for one aggregate type: what every command handler of every service is
 * built on. A command whose causation id already caused events on the stream is not applied again,
 * which makes redelivered Kafka messages turned into commands harmless; a refusal becomes a
 * DomainRefusal carrying the refusal's code and declared status.
 */
export class Aggregate<C, E extends NewEvent, S, F extends Refusal> {
  private readonly known: ReadonlySet<string>;

  constructor(
    private readonly store: MongoEventStore,
    readonly type: AggregateType<C, E, S, F>,
    private readonly correlation: CorrelationSource,
  ) {
    this.known = new Set<string>(type.eventTypes);
  }

  streamId(key: string): string {
    return this.type.streamId(key);
  }

  /** The state at the stream's head, or as it stood at `asOf`. */
  async load(key: string, asOf?: Date): Promise<Folded<S>> {
    return this.fold(await this.store.readStream(this.streamId(key)), asOf);
  }

  /** Folds events already read (e.g. to show the state at several instants from one read). */
  fold(events: readonly StoredEvent[], asOf?: Date): Folded<S> {
    const upTo = asOf ? events.filter((e) => new Date(e.occurredAt) <= asOf) : events;
    return { state: this.stateOf(upTo), version: upTo.at(-1)?.streamVersion ?? 0, events: upTo };
  }

  /** The states after each event, in order: for histories that show what each event changed. */
  *states(events: readonly StoredEvent[]): Generator<{ readonly event: StoredEvent; readonly state: S }> {
    let state = this.type.decider.initialState;
    for (const event of events) {
      if (this.isOwn(event)) state = this.type.decider.evolve(state, event);
      yield { event, state };
    }
  }

  async execute(key: string, command: C, context: CommandContext): Promise<Executed> {
    const streamId = this.streamId(key);
    const { decider } = this.type;
    const metadata = { ...this.correlation(), actor: context.actor, occurredAt: context.at };
    const retries = context.expectedVersion === undefined ? RETRIES : 0;
    for (let attempt = 0; ; attempt++) {
      const history = await this.store.readStream(streamId);
      const version = history.at(-1)?.streamVersion ?? 0;
      if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
        throw new ConcurrencyError(streamId, context.expectedVersion, version);
      }
      const causation = metadata.causationId;
      if (causation && history.some((e) => e.causationId === causation)) {
        return { streamId, version, events: history.filter((e) => e.causationId === causation), duplicate: true };
      }
      const before = this.stateOf(history);
      const outcome = decider.decide(command, before);
      if (!Array.isArray(outcome)) throw this.refusal(outcome as F);
      const decided = outcome as readonly E[];
      if (decided.length === 0) return { streamId, version, events: [], duplicate: false };
      const after = decided.reduce(decider.evolve, before);
      const events = [...decided, ...(this.type.alongside?.(after, decided, before) ?? [])];
      try {
        const last = history.at(-1);
        const readHead = last ? { lastVersion: last.streamVersion, position: last.position } : null;
        const result = await this.store.append(streamId, events, { ...metadata, expectedVersion: version, readHead });
        return { streamId, version: result.nextExpectedVersion, events: result.events.map((e) => ({ ...e, position: result.position })), duplicate: false };
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= retries) throw err;
        // Growing, jittered backoff spreads out writers that lost the same race, so a busy stream
        // (timers firing for many tasks at once) cannot starve one writer through all its retries.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 5 * 2 ** attempt)));
      }
    }
  }

  private stateOf(events: readonly StoredEvent[]): S {
    let state = this.type.decider.initialState;
    for (const event of events) if (this.isOwn(event)) state = this.type.decider.evolve(state, event);
    return state;
  }

  private isOwn(event: StoredEvent): event is StoredEvent & E {
    return this.known.has(event.type);
  }

  private refusal(failure: F): DomainRefusal {
    return new DomainRefusal(failure.error, failure.message, this.type.refusalStatus?.(failure) ?? 422, this.type.refusalParams?.(failure));
  }
}
