/**
 * The shape every event-sourced aggregate in the project takes: pure functions only, so a whole
 * lifecycle can be replayed in a test without I/O and without a clock.
 */
export interface Decider<Command, Event, State, Failure = never> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[] | Failure;
  evolve(state: State, event: Event): State;
}

export const fold = <Event, State>(evolve: (s: State, e: Event) => State, initial: State, events: readonly Event[]): State =>
  events.reduce(evolve, initial);
