import { MongoEventStore, positionId, type CommitDocument } from '@gbt/event-store';
import { indexedLikeTheStore } from './append.bench';
import type { BenchContext } from './context';
import { appendMeta, benchEvent, benchRegistry, commitFor, envelopeFor } from './events';
import { evolve, initial, seedStream } from './load.bench';
import { median, now } from './measure';
import type { BenchResult, Figure } from './report';

/**
 * How cost grows: one append and one load of a 100-event stream, ours and raw, in a store of a
 * base size and then grown to 10x and 100x by more commits of other streams. Each measurement
 * alternates ours and raw and stops after a number of samples or a time budget, whichever first.
 */
export async function growthBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  const client = await ctx.client();
  const db = ctx.database(client, 'growth');
  const store = new MongoEventStore(db, { registry: benchRegistry(), prefix: 'es' });
  const raw = db.collection<CommitDocument>('raw_commits');
  await indexedLikeTheStore(store.commits);
  await indexedLikeTheStore(raw);
  const base = ctx.size(200, 10);
  const streamLength = ctx.size(100, 10);
  const samples = ctx.size(5, 2);
  const budgetMs = ctx.size(20_000, 3_000);
  let position = 0;
  const nextPosition = () => ++position;
  // The measured stream lives in both collections; filler brings each to the size measured.
  await seedStream(store.commits, 'measured', streamLength, nextPosition);
  const rawPositionStart = position;
  let rawPosition = rawPositionStart;
  await seedStream(raw, 'measured', streamLength, () => ++rawPosition);
  let filled = streamLength;
  let filler = 0;
  let appended = 0;
  const figures: Figure[] = [];
  const checks: Record<string, number> = {};
  const results: { factor: number; size: number; append: { ours: number; raw: number }; load: { ours: number; raw: number } }[] = [];
  for (const factor of [1, 10, 100]) {
    const size = base * factor;
    ctx.log(`growth: store of ${size} commits`);
    // Appends took positions by claims (ADR 0022): continue above the highest, and claim the filler's too.
    position = Math.max(position, await store.headPosition());
    const missing = size - filled;
    for (let done = 0; done < missing; ) {
      const n = Math.min(1_000, missing - done);
      const docs = Array.from({ length: n }, (_, i) => {
        const streamId = `filler-${Math.floor((filler + i) / 20)}`;
        const version = ((filler + i) % 20) + 1;
        return commitFor(streamId, version, 0, [envelopeFor(streamId, version, filler + i)]);
      });
      filler += n;
      const placed = docs.map((d) => ({ ...d, position: nextPosition() }));
      await store.positions.insertMany(placed.map((commit) => ({ _id: positionId(commit.position), commitId: commit._id, claimedAt: commit.committedAt, commit })));
      await store.commits.insertMany(placed);
      await raw.insertMany(docs.map((d) => ({ ...d, position: ++rawPosition + 10_000_000 })));
      done += n;
    }
    filled = size;
    // One unmeasured append: the store's position counter learns what the filler took.
    await store.append(`grow-${appended++}`, [benchEvent(appended)], appendMeta(0));
    filled++;
    const appendMs = { ours: [] as number[], raw: [] as number[] };
    const loadMs = { ours: [] as number[], raw: [] as number[] };
    for (const [what, op] of [
      [
        appendMs,
        {
          ours: async () => {
            await store.append(`grow-${appended++}`, [benchEvent(appended)], appendMeta(0));
          },
          raw: async () => {
            const streamId = `grow-${appended++}`;
            await raw.insertOne(commitFor(streamId, 1, ++rawPosition + 10_000_000, [envelopeFor(streamId, 1, appended)], true));
          },
        },
      ],
      [
        loadMs,
        {
          ours: async () => {
            checks[`loaded version at ${factor}x`] = (await store.aggregate('measured', evolve, initial)).version;
          },
          raw: async () => {
            checks[`raw commits at ${factor}x`] = (await raw.find({ streamId: 'measured' }).sort({ firstVersion: 1 }).toArray()).length;
          },
        },
      ],
    ] as const) {
      const deadline = Date.now() + budgetMs;
      for (let i = 0; i < samples && (i === 0 || Date.now() < deadline); i++) {
        for (const k of i % 2 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const)) {
          const t = now();
          await op[k]();
          what[k].push(now() - t);
        }
      }
    }
    // Appends add commits: the next size's filler accounts for them.
    filled += appendMs.ours.length;
    checks[`samples at ${factor}x`] = loadMs.ours.length;
    results.push({
      factor,
      size,
      append: { ours: 1000 / median(appendMs.ours), raw: 1000 / median(appendMs.raw) },
      load: { ours: median(loadMs.ours), raw: median(loadMs.raw) },
    });
  }
  for (const r of results) {
    figures.push({ label: `append at ${r.factor}x (${r.size.toLocaleString('en-US')} commits stored)`, unit: 'events/s', value: r.append.ours, baseline: { label: 'raw insertOne, same size', value: r.append.raw }, better: 'higher' });
    figures.push({ label: `load ${streamLength} events at ${r.factor}x`, unit: 'ms', value: r.load.ours, baseline: { label: 'raw find, same size', value: r.load.raw }, better: 'lower' });
  }
  const first = results[0]!;
  for (const r of results.slice(1)) {
    figures.push({ label: `growth: append at ${r.factor}x`, unit: 'events/s', value: r.append.ours, baseline: { label: 'ours at 1x', value: first.append.ours }, better: 'higher' });
    figures.push({ label: `growth: load at ${r.factor}x`, unit: 'ms', value: r.load.ours, baseline: { label: 'ours at 1x', value: first.load.ours }, better: 'lower' });
    figures.push({ label: `growth: raw find at ${r.factor}x`, unit: 'ms', value: r.load.raw, baseline: { label: 'raw find at 1x', value: first.load.raw }, better: 'lower' });
  }
  await client.close();
  return {
    id: 'growth',
    title: 'How cost grows with the store',
    method: `one append (a new stream) and one load of a ${streamLength}-event stream at ${base.toLocaleString('en-US')}, ${(10 * base).toLocaleString('en-US')} and ${(100 * base).toLocaleString('en-US')} stored single-event commits`,
    figures,
    checks,
    notes: [`Median of up to ${samples} alternating samples per figure within ${budgetMs / 1000} s. "growth" rows compare ours at 10x and 100x with ours at 1x: a flat cost would be 1x.`],
    seconds: (now() - started) / 1000,
  };
}
