import type { Collection } from 'mongodb';
import { MongoEventStore, type CommitDocument, type StoredEvent } from '@gbt/event-store';
import { indexedLikeTheStore } from './append.bench';
import type { BenchContext } from './context';
import { benchRegistry, commitFor, envelopeFor } from './events';
import { interleave, now } from './measure';
import type { BenchResult, Figure } from './report';

/** A fold of the kind a decider does: findings per requirement and the last version seen. */
export interface Folded {
  readonly version: number;
  readonly findings: Record<string, number>;
}
export const evolve = (state: Folded, event: Pick<StoredEvent, 'streamVersion' | 'data'>): Folded => {
  // Field names may not contain '.' on this server, and requirement ids do (5.2.1.2).
  const requirementId = String(event.data.requirementId).replace(/\./g, '_');
  const outcome = (event.data.assessment as { outcome?: string } | undefined)?.outcome;
  return {
    version: event.streamVersion,
    findings: outcome === 'conforming' ? state.findings : { ...state.findings, [requirementId]: (state.findings[requirementId] ?? 0) + 1 },
  };
};
export const initial: Folded = { version: 0, findings: {} };

/** Writes `length` single-event commits of one stream straight into the commits collection. */
export async function seedStream(commits: Collection<CommitDocument>, streamId: string, length: number, nextPosition: () => number): Promise<void> {
  const docs = Array.from({ length }, (_, i) => commitFor(streamId, i + 1, nextPosition(), [envelopeFor(streamId, i + 1, i)]));
  for (let i = 0; i < docs.length; i += 1_000) await commits.insertMany(docs.slice(i, i + 1_000));
}

/**
 * Stream load and fold (`MongoEventStore.aggregate`) of 10, 100 and 1,000-event streams, one
 * event per commit as commands write them, against one raw `find` of the same commit documents
 * in version order. Every stream lives in one store, so each read sees the same store size.
 */
export async function loadBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  const client = await ctx.client();
  const db = ctx.database(client, 'load');
  const store = new MongoEventStore(db, { registry: benchRegistry(), prefix: 'es' });
  await indexedLikeTheStore(store.commits);
  const lengths = ctx.size([10, 100, 1_000], [5, 10, 20]);
  let position = 0;
  for (const length of lengths) await seedStream(store.commits, `load-${length}`, length, () => ++position);
  const rounds = ctx.size(5, 1);
  const perRound = ctx.size(3, 2);
  const figures: Figure[] = [];
  const checks: Record<string, number> = {};
  for (const length of lengths) {
    const streamId = `load-${length}`;
    let folded = initial;
    let rawCount = 0;
    ctx.log(`load: ${length} events`);
    const m = await interleave(rounds, {
      ours: async () => {
        const t = now();
        for (let i = 0; i < perRound; i++) folded = (await store.aggregate(streamId, evolve, initial)).state;
        return (now() - t) / perRound;
      },
      raw: async () => {
        const t = now();
        for (let i = 0; i < perRound; i++) rawCount = (await store.commits.find({ streamId }).sort({ firstVersion: 1 }).toArray()).length;
        return (now() - t) / perRound;
      },
    });
    checks[`version after ${length}`] = folded.version;
    checks[`raw commits of ${length}`] = rawCount;
    figures.push({
      label: `load and fold, ${length} events`,
      unit: 'ms',
      value: m.ours.median,
      baseline: { label: 'raw find', value: m.raw.median },
      better: 'lower',
      ...(length === lengths[1] && { target: 2 }),
    });
  }
  await client.close();
  return {
    id: 'load',
    title: 'Stream load and fold',
    method: 'ms per load (read the stream, upcast, fold) of one stream, in a store holding every stream of the benchmark; lower is better',
    figures,
    checks,
    notes: [
      `The store holds ${position} commits (one event each). Median of ${rounds} interleaved rounds of ${perRound} loads after a warm-up.`,
      'The raw read is `find({streamId}).sort({firstVersion: 1}).toArray()` of the same commit documents: no unpacking, upcasting, validation or fold.',
    ],
    seconds: (now() - started) / 1000,
  };
}
