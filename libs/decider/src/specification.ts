import type { Decider } from './decider';

/**
 * given(events).when(command).then(events | failure): specifications that read like the
 * certification body's own rules. Returns the outcome so any test runner can assert on it.
 */
export function specFor<C, E, S, F>(decider: Decider<C, E, S, F>) {
  return (given: readonly E[]) => ({
    when: (command: C) => {
      const state = given.reduce(decider.evolve, decider.initialState);
      const outcome = decider.decide(command, state);
      return { state, outcome };
    },
  });
}
