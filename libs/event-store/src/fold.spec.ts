import { foldEvents } from './fold';
import type { StoredEvent } from './types';

const stored = (streamVersion: number, by: number, occurredAt: string): StoredEvent =>
  ({ eventId: `e${streamVersion}`, type: 'test.counted', schemaVersion: 1, streamId: 's', streamVersion, occurredAt, data: { by }, actor: { id: 'x' }, correlationId: 'c', causationId: null, position: streamVersion }) as StoredEvent;

const counter = { initialState: 0, evolve: (total: number, e: { type: string; data: Record<string, unknown> }) => total + (e.data.by as number) };

describe('foldEvents', () => {
  const events = [stored(1, 2, '2027-01-01T00:00:00Z'), stored(2, 3, '2027-02-01T00:00:00Z'), stored(3, 5, '2027-03-01T00:00:00Z')];

  it('folds every event, and names the last version', () => {
    expect(foldEvents(counter, events)).toMatchObject({ state: 10, version: 3 });
    expect(foldEvents(counter, [])).toMatchObject({ state: 0, version: 0, events: [] });
  });

  it('folds only what had happened at an instant, with the version of the last of those', () => {
    const then = foldEvents(counter, events, new Date('2027-02-01T00:00:00Z'));
    expect(then).toMatchObject({ state: 5, version: 2 });
    expect(then.events.map((e) => e.streamVersion)).toEqual([1, 2]);
  });
});
