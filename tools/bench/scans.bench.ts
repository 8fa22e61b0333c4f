import { MongoEventStore, OutboxRelay, positionId, type CommitDocument, type OutboxCheckpoint, type PositionClaim } from '@gbt/event-store';
import type { BenchContext } from './context';
import { appendMeta, benchEvent, benchRegistry, commitFor, envelopeFor } from './events';
import { median, now } from './measure';
import type { BenchResult, Figure } from './report';

/**
 * Issue 16: nothing may scan a growing collection. The outbox relay's recovery scan (find and
 * publish what another process appended) and a metrics scrape (pending commits, oldest age), at a
 * small store and at one grown to 20,000 commits, in the same run; beside them the queries they
 * replaced (`find({pending: true}).sort({position: 1})`, `countDocuments({pending: true})` and the
 * oldest pending), on the same collection. A flat cost is a ratio grown/small near 1.
 */
export async function scansBench(ctx: BenchContext): Promise<BenchResult> {
  const started = now();
  const client = await ctx.client();
  const db = ctx.database(client, 'scans');
  const store = new MongoEventStore(db, { registry: benchRegistry(), prefix: 'es' });
  const writer = new MongoEventStore(db, { registry: benchRegistry(), prefix: 'es' });
  await store.ensureIndexes();
  const relay = new OutboxRelay(store, db, { publish: async () => undefined }, { name: 'bench', leaseTtlMs: 600_000 });
  const sizes = { small: ctx.size(200, 50), grown: ctx.size(20_000, 1_000) };
  const samples = ctx.size(7, 3);
  const perSample = 10;
  let filled = 0;
  let appended = 0;
  const checks: Record<string, number> = { published: 0, appendedToFind: 0 };
  const measured: Record<'small' | 'grown', Record<'scan' | 'oldScan' | 'scrape' | 'oldScrape', number>> = {} as never;

  for (const which of ['small', 'grown'] as const) {
    const size = sizes[which];
    ctx.log(`scans: store of ${size} commits`);
    // Filler as the store writes it, claims included, already published: positions follow the highest.
    const head = await store.headPosition();
    for (let done = filled; done < size; ) {
      const n = Math.min(1_000, size - done);
      const commits: CommitDocument[] = Array.from({ length: n }, (_, i) => {
        const k = done + i;
        const streamId = `filler-${Math.floor(k / 20)}`;
        return commitFor(streamId, (k % 20) + 1, head + (done - filled) + i + 1, [envelopeFor(streamId, (k % 20) + 1, k)]);
      });
      await store.positions.insertMany(commits.map((commit) => ({ _id: positionId(commit.position), commitId: commit._id, claimedAt: commit.committedAt, commit }) satisfies PositionClaim));
      await store.commits.insertMany(commits);
      done += n;
    }
    filled = size;
    // A relay that has kept up: its checkpoint is at the head.
    const top = await store.headPosition();
    await db.collection<OutboxCheckpoint>('outbox_checkpoints').replaceOne({ _id: `outbox-relay:bench:${store.commits.collectionName}` }, { position: top, updatedAt: new Date() }, { upsert: true });
    await relay.stop(); // forgets its checkpoint: the next scan reads the one just written
    const times = { scan: [] as number[], oldScan: [] as number[], scrape: [] as number[], oldScrape: [] as number[] };
    for (let s = 0; s < samples; s++) {
      // Another process appends: no notification reaches this relay, only its scan finds them.
      for (let i = 0; i < perSample; i++) await writer.append(`other-${appended++}`, [benchEvent(appended)], appendMeta(0));
      checks.appendedToFind! += perSample;
      let t = now();
      const pending = await store.commits.find({ pending: true }).sort({ position: 1 }).limit(200).toArray();
      times.oldScan.push(now() - t);
      t = now();
      await store.commits.countDocuments({ pending: true });
      await store.commits.find({ pending: true }, { projection: { committedAt: 1 } }).sort({ position: 1 }).limit(1).next();
      times.oldScrape.push(now() - t);
      t = now();
      await relay.backlog();
      times.scrape.push(now() - t);
      t = now();
      let published = 0;
      for (let got = -1; got !== 0; ) published += got = await relay.publishPending();
      times.scan.push(now() - t);
      checks.published! += published;
      if (pending.length !== perSample && s > 0) ctx.log(`scans: the old query found ${pending.length} pending, not ${perSample}`);
    }
    measured[which] = { scan: median(times.scan), oldScan: median(times.oldScan), scrape: median(times.scrape), oldScrape: median(times.oldScrape) };
  }
  await relay.stop();
  const { small, grown } = measured;
  const row = (label: string, key: 'scan' | 'oldScan' | 'scrape' | 'oldScrape', target?: number): Figure[] => [
    { label: `${label} at ${sizes.small.toLocaleString('en-US')} commits`, unit: 'ms', value: small[key], better: 'lower' },
    { label: `${label} at ${sizes.grown.toLocaleString('en-US')} commits`, unit: 'ms', value: grown[key], baseline: { label: `same at ${sizes.small.toLocaleString('en-US')}`, value: small[key] }, better: 'lower', ...(target ? { target } : {}) },
  ];
  await client.close();
  return {
    id: 'scans',
    title: 'No scans of growing collections (issue 16)',
    method: `the relay's recovery scan finding and publishing ${perSample} commits another process appended, and a metrics scrape (pending count and oldest age), at ${sizes.small.toLocaleString('en-US')} and at ${sizes.grown.toLocaleString('en-US')} stored commits, beside the queries they replaced on the same collection`,
    figures: [...row('recovery scan', 'scan', 2), ...row('metrics scrape', 'scrape', 2), ...row('replaced: find pending sorted by position', 'oldScan'), ...row('replaced: count pending + oldest pending', 'oldScrape')],
    checks,
    notes: [
      `Median of ${samples} samples per figure. The grown rows' ratio is grown/small: near 1 is flat; the replaced queries show what each scrape and scan cost before.`,
      'The publisher is a no-op: what is measured is finding the work, not Kafka.',
    ],
    seconds: (now() - started) / 1000,
  };
}
