import { z } from 'zod';
import { defineEvent, EventRegistry } from '@gbt/contracts';

/** A tiny event vocabulary for the event store's own tests, with one schema upgrade and one rename. */
export const counted = defineEvent({
  type: 'test.counted',
  formerly: ['test.tallied'],
  schemaVersion: 2,
  schema: z.object({ by: z.number().int(), note: z.string() }),
  upcasters: { 1: (d) => ({ ...d, note: 'upcast from v1' }) },
});

export const testRegistry = () => new EventRegistry([counted]);

export const actor = { id: 'user-1', role: 'tester' };
