import { MongoEventStore, type CommitDocument } from '@gbt/event-store';
import { indexedLikeTheStore } from './append.bench';
import type { BenchContext } from './context';
import { benchRegistry, commitFor, envelopeFor } from './events';
import { evolve, initial, type Folded } from './load.bench';
import { interleave, now, perSecond } from './measure';
import type { BenchResult } from './report';

/**
 * Projection rebuild from the event log: one cursor over `scanAll` in position order (as the case
 * list rebuild does), fold every event into its stream's row and write the
 * rows, against one raw cursor over the same commit documents in position order.
 */
export async function rebuildBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  const client = await ctx.client();
  const db = ctx.database(client, 'rebuild');
  const store = new MongoEventStore(db, { registry: benchRegistry(), prefix: 'es' });
  await indexedLikeTheStore(store.commits);
  const total = ctx.size(3_000, 100);
  const streams = ctx.size(150, 10);
  const docs: CommitDocument[] = Array.from({ length: total }, (_, i) => {
    const streamId = `rebuild-${i % streams}`;
    const version = Math.floor(i / streams) + 1;
    return commitFor(streamId, version, i + 1, [envelopeFor(streamId, version, i)]);
  });
  for (let i = 0; i < docs.length; i += 1_000) await store.commits.insertMany(docs.slice(i, i + 1_000));
  const rounds = ctx.size(3, 1);
  let rebuiltEvents = 0;
  let rebuiltRows = 0;
  let rawEvents = 0;
  let n = 0;
  const m = await interleave(rounds, {
    ours: async () => {
      const rows = db.collection<Folded & { _id: string }>(`rows_${n++}`);
      const t = now();
      const state = new Map<string, Folded>();
      let count = 0;
      for await (const e of store.scanAll()) {
        state.set(e.streamId, evolve(state.get(e.streamId) ?? initial, e));
        count++;
      }
      const all = [...state].map(([_id, s]) => ({ _id, ...s }));
      for (let i = 0; i < all.length; i += 1_000) await rows.insertMany(all.slice(i, i + 1_000));
      const elapsed = now() - t;
      rebuiltEvents = count;
      rebuiltRows = await rows.countDocuments();
      await rows.drop();
      return perSecond(count, elapsed);
    },
    raw: async () => {
      const t = now();
      let count = 0;
      for await (const c of store.commits.find({}).sort({ position: 1 }).batchSize(1_000)) count += c.events.length;
      rawEvents = count;
      return perSecond(count, now() - t);
    },
  });
  await client.close();
  return {
    id: 'rebuild',
    title: 'Projection rebuild from the event log',
    method: `events/s rebuilding one row per stream from a log of ${total} events in ${streams} streams`,
    figures: [{ label: 'rebuild', unit: 'events/s', value: m.ours.median, baseline: { label: 'raw cursor read', value: m.raw.median }, better: 'higher', target: 0.5 }],
    checks: { eventsInLog: total, rebuiltEvents, rebuiltRows, streams, rawEvents },
    notes: [
      `Median of ${rounds} interleaved rounds after a warm-up. Ours includes upcasting, the fold and writing the rows; the raw read only iterates the documents.`,
    ],
    seconds: (now() - started) / 1000,
  };
}
