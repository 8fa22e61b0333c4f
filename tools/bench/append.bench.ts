import { getMongoDBEventStore } from '@event-driven-io/emmett-mongodb';
import type { Collection, Db } from 'mongodb';
import { MongoEventStore, type CommitDocument } from '@gbt/event-store';
import type { BenchContext } from './context';
import { appendMeta, benchEvent, benchRegistry, commitFor, envelopeFor } from './events';
import { drive, interleave, now, perSecond } from './measure';
import type { BenchResult, Figure } from './report';

/** Events per stream before a writer moves on to a new stream (a case's review is about this long). */
const STREAM_LENGTH = 20;

export async function indexedLikeTheStore(collection: Collection<CommitDocument>): Promise<void> {
  await collection.createIndex({ streamId: 1, firstVersion: 1 });
  await collection.createIndex({ position: 1 }, { unique: true });
  await collection.createIndex({ pending: 1, position: 1 });
}

/** Per-writer stream cursor: each writer appends one event at a time to its own stream. */
function writers(concurrency: number, tag: string) {
  const state = Array.from({ length: concurrency }, () => ({ stream: 0, version: 0 }));
  return (worker: number) => {
    const s = state[worker]!;
    if (s.version === STREAM_LENGTH) {
      s.stream++;
      s.version = 0;
    }
    const current = { streamId: `${tag}-w${worker}-s${s.stream}`, expectedVersion: s.version };
    s.version++;
    return current;
  };
}

/**
 * Event store append at 1, 8 and 32 concurrent writers, one event per append, each writer on
 * its own streams. Every round of every variant writes into a fresh collection, so all see the
 * same store size (FerretDB's SQLite backend scans whole collections: size matters).
 */
export async function appendBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  const client = await ctx.client();
  const db = ctx.database(client, 'append');
  const registry = benchRegistry();
  const levels = [1, 8, 32];
  // Rounds of a second or more: with a round trip near 1 ms, 120 appends took 0.2 s and the
  // ratio swung between 0.7x and 1.3x from run to run.
  const perRound = ctx.size(400, 24);
  const rounds = ctx.size(5, 1);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const checks: Record<string, number> = {};
  let emmettError: string | undefined;
  let n = 0;
  for (const concurrency of levels) {
    const fresh = () => `c${concurrency}_${n++}`;
    const variants = {
      ours: async () => {
        const store = new MongoEventStore(db, { registry, prefix: `ours_${fresh()}` });
        await store.ensureIndexes();
        const next = writers(concurrency, 'ours');
        // Each writer passes the head it knows (from its last append), as handleCommand does from its read.
        const heads = new Map<string, number>();
        const r = await drive(concurrency, perRound, async (i, w) => {
          const { streamId, expectedVersion } = next(w);
          const position = heads.get(streamId);
          const readHead = expectedVersion === 0 || position === undefined ? null : { lastVersion: expectedVersion, position };
          const result = await store.append(streamId, [benchEvent(i)], { ...appendMeta(expectedVersion), readHead });
          heads.set(streamId, result.position);
        });
        return perSecond(r.ops, r.elapsedMs);
      },
      raw: async () => {
        const commits = db.collection<CommitDocument>(`raw_${fresh()}`);
        await indexedLikeTheStore(commits);
        const next = writers(concurrency, 'raw');
        let position = 0;
        const r = await drive(concurrency, perRound, async (i, w) => {
          const { streamId, expectedVersion } = next(w);
          await commits.insertOne(commitFor(streamId, expectedVersion + 1, ++position, [envelopeFor(streamId, expectedVersion + 1, i)], true));
        });
        return perSecond(r.ops, r.elapsedMs);
      },
      emmett: async () => {
        if (emmettError) return Number.NaN;
        const collectionName = `emt_${fresh()}`;
        const store = getMongoDBEventStore({ client, storage: { type: 'SINGLE_COLLECTION', databaseName: db.databaseName, collectionName } });
        const next = writers(concurrency, 'emt');
        try {
          const r = await drive(concurrency, perRound, async (i, w) => {
            const { streamId, expectedVersion } = next(w);
            const { type, data } = benchEvent(i);
            await store.appendToStream(`bench:${streamId}`, [{ type, data }], { expectedStreamVersion: BigInt(expectedVersion) });
          });
          return perSecond(r.ops, r.elapsedMs);
        } catch (err) {
          emmettError = `${(err as Error).name}: ${(err as Error).message}`;
          return Number.NaN;
        }
      },
    };
    ctx.log(`append: ${concurrency} writers`);
    const m = await interleave(rounds, variants);
    const label = `${concurrency} writer${concurrency > 1 ? 's' : ''}`;
    figures.push({ label: `append, ${label}`, unit: 'events/s', value: m.ours.median, baseline: { label: 'raw insertOne', value: m.raw.median }, better: 'higher', target: 0.8 });
    figures.push({
      label: `append, ${label}`,
      unit: 'events/s',
      value: m.ours.median,
      baseline: { label: 'emmett-mongodb appendToStream', value: m.emmett.median },
      better: 'higher',
      target: 1.5,
      ...(emmettError && { note: `emmett failed: ${emmettError}` }),
    });
  }
  Object.assign(checks, await raceCheck(db, registry, client, ctx));
  notes.push(
    `Each round appends ${perRound} single-event commits (${STREAM_LENGTH} per stream) into a fresh collection; median of ${rounds} interleaved rounds after a warm-up.`,
    'The raw baseline inserts the very commit documents the store writes (full envelopes, same indexes), with a counter for positions: one round trip, no read, no validation.',
    'emmett-mongodb keeps one document per stream and appends with a read plus an `updateOne` upsert (`$push`) guarded by the stream position.',
  );
  if (emmettError) notes.push(`emmett-mongodb failed on this server: ${emmettError}`);
  await client.close();
  return { id: 'append', title: 'Event store append', method: 'events/s appended by N concurrent writers, one event per append, each writer on its own streams', figures, checks, notes, seconds: (now() - started) / 1000 };
}

/**
 * 20 writers append at the same expected version at once: exactly one may win. The same race
 * against emmett-mongodb shows whether its guarded update holds on this server.
 */
async function raceCheck(db: Db, registry: ReturnType<typeof benchRegistry>, client: import('mongodb').MongoClient, ctx: BenchContext): Promise<Record<string, number>> {
  const store = new MongoEventStore(db, { registry, prefix: 'race' });
  await store.ensureIndexes();
  const rounds = ctx.size(5, 2);
  let oursWinners = 0;
  let oursBadRounds = 0;
  let emmettWinners = 0;
  let emmettLost = 0;
  const emmett = getMongoDBEventStore({ client, storage: { type: 'SINGLE_COLLECTION', databaseName: db.databaseName, collectionName: 'emt_race' } });
  for (let r = 0; r < rounds; r++) {
    const streamId = `race-${r}`;
    await store.append(streamId, [benchEvent(0)], appendMeta(0));
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.append(streamId, [benchEvent(i)], appendMeta(1))));
    const won = results.filter((x) => x.status === 'fulfilled').length;
    oursWinners += won;
    if (won !== 1 || (await store.readStream(streamId)).length !== 2) oursBadRounds++;
    try {
      const name = `bench:race-${r}` as const;
      await emmett.appendToStream(name, [benchEvent(0)], { expectedStreamVersion: 0n });
      const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => emmett.appendToStream(name, [benchEvent(i)], { expectedStreamVersion: 1n })));
      const ok = settled.filter((x) => x.status === 'fulfilled').length;
      emmettWinners += ok;
      const stored = (await emmett.readStream(name)).events.length;
      // Every successful append promised its event was stored; count the ones that are not.
      emmettLost += Math.max(0, 1 + ok - stored);
    } catch (err) {
      ctx.log(`append race on emmett-mongodb failed: ${(err as Error).message}`);
      emmettWinners = Number.NaN;
    }
  }
  return { raceRounds: rounds, oursWinnersPerRace: oursWinners / rounds, oursBadRaces: oursBadRounds, emmettWinnersPerRace: emmettWinners / rounds, emmettAcknowledgedButLost: emmettLost };
}
