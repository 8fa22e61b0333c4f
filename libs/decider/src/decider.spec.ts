import { fold, specFor, type Decider } from './index';

type Cmd = { type: 'add'; n: number };
type Evt = { type: 'added'; n: number };
type Failure = { error: 'TooBig' };
const counter: Decider<Cmd, Evt, number, Failure> = {
  initialState: 0,
  decide: (c, s) => (s + c.n > 10 ? { error: 'TooBig' } : [{ type: 'added', n: c.n }]),
  evolve: (s, e) => s + e.n,
};

describe('decider helpers', () => {
  it('folds events from the initial state', () => {
    expect(fold(counter.evolve, counter.initialState, [{ type: 'added', n: 2 }, { type: 'added', n: 3 }])).toBe(5);
  });

  it('runs given/when against the state the given events produce', () => {
    const spec = specFor(counter);
    expect(spec([{ type: 'added', n: 9 }]).when({ type: 'add', n: 1 }).outcome).toEqual([{ type: 'added', n: 1 }]);
    expect(spec([{ type: 'added', n: 9 }]).when({ type: 'add', n: 2 }).outcome).toEqual({ error: 'TooBig' });
  });
});
