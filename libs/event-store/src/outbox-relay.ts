import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { EventEnvelope } from '@gbt/contracts';
import { Lease } from './lease';
import type { MongoEventStore } from './mongo-event-store';
import type { AppendedCommit, CommitDocument } from './types';

const MARK_CHUNK = 25;
/** Beyond this many commits waiting, the relay forgets them and lets a scan find them: memory stays bounded while Kafka is away. */
const QUEUE_LIMIT = 10_000;
/** How many streams' last published positions are remembered, to publish their next commits without a read. */
const KNOWN_STREAMS = 10_000;

/** Sends events to Kafka and resolves only once the broker acknowledged all of them. */
export interface OutboxPublisher {
  publish(events: readonly EventEnvelope[]): Promise<void>;
}

export interface OutboxRelayOptions {
  readonly name?: string;
  readonly batchSize?: number;
  /** How long an idle relay sleeps when no append wakes it. */
  readonly idlePollMs?: number;
  /** How often the store is scanned for pending commits this process did not append (other processes, crashes). */
  readonly recoveryScanMs?: number;
  readonly leaseTtlMs?: number;
  /** Called after the broker acknowledged a batch and before it is marked published. */
  readonly onPublished?: (events: readonly EventEnvelope[]) => void | Promise<void>;
  readonly onError?: (err: unknown) => void;
}

interface Queued extends AppendedCommit {
  readonly seq: number;
  /** A read showed the commit before it in its stream is published. */
  verified?: boolean;
}

/**
 * Publishes every commit to Kafka at least once, each stream in version order, then marks it.
 * Commits appended in this process arrive by notification and go out without being read back; a
 * scan of pending commits (at start, after a lease change or an error, and every `recoveryScanMs`)
 * publishes the rest in global position order. A commit leaves by notification only once the
 * commit before it in its stream is known to be published, so the two paths never reorder a stream.
 * A crash between publish and mark republishes: consumers deduplicate by eventId.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private leaseRenewAt = 0;
  private leaseHeld = false;
  private readonly lease: Lease;
  private queue: Queued[] = [];
  private seq = 0;
  /** Every queued commit up to this sequence number was appended before a complete scan began. */
  private scannedThrough = 0;
  private scanDue = true;
  private nextScanAt = 0;
  private readonly publishedHead = new Map<string, number>();
  private marking: Promise<void> = Promise.resolve();
  private readonly onAppended = (appended: AppendedCommit) => {
    if (this.queue.length >= QUEUE_LIMIT) {
      this.queue = [];
      this.scanDue = true;
    } else this.queue.push({ ...appended, seq: ++this.seq });
    this.wake?.();
  };

  constructor(
    private readonly store: MongoEventStore,
    db: Db,
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.lease = new Lease(db, `outbox-relay:${options.name ?? store.commits.collectionName}`, randomUUID(), options.leaseTtlMs ?? 10_000);
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 200;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.store.notifications.on('appended', this.onAppended);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.store.notifications.off('appended', this.onAppended);
    this.wake?.();
    await this.loop;
    await this.marking;
    this.leaseRenewAt = 0;
    this.leaseHeld = false;
    await this.lease.release().catch(() => undefined);
  }

  /** Publishes one batch of what a scan finds pending, in position order; returns how many events went out. */
  async publishPending(): Promise<number> {
    return (await this.scan()).published;
  }

  private async scan(): Promise<{ published: number; complete: boolean }> {
    if (!(await this.holdLease())) return { published: 0, complete: false };
    // Commits published by notification but not yet marked would otherwise be found pending again.
    await this.marking;
    const scanFrom = this.seq;
    const batch = await this.store.commits.find({ pending: true }).sort({ position: 1 }).limit(this.batchSize).toArray();
    const complete = batch.length < this.batchSize;
    if (complete) this.scannedThrough = scanFrom;
    if (batch.length === 0) return { published: 0, complete };
    const published = await this.send(batch);
    await this.mark(batch);
    return { published, complete };
  }

  /** Publishes the queued commits whose stream predecessors are published; returns how many events went out. */
  private async publishQueued(): Promise<number> {
    if (this.queue.length === 0) return 0;
    const window = this.queue.slice(0, this.batchSize);
    let plan = this.plan(window);
    if (plan.unsure.length > 0) {
      await this.verify(plan.unsure);
      plan = this.plan(window);
    }
    if (plan.unsure.length > 0) this.scanDue = true;
    const done = new Set([...plan.ready, ...plan.stale].map((q) => q.commit._id));
    this.queue = this.queue.filter((q) => !done.has(q.commit._id));
    if (plan.ready.length === 0) return 0;
    const batch = plan.ready.map((q) => q.commit);
    const count = await this.send(batch);
    // Marking costs an update per commit: mark this batch while the next one is sent, never more
    // than one batch behind.
    const previous = this.marking;
    this.marking = previous.then(() => this.mark(batch)).catch((err: unknown) => {
      this.scanDue = true;
      this.options.onError?.(err);
    });
    await previous;
    return count;
  }

  /** Sorts a window of the queue into what can go now, what already went (by a scan) and what needs a look at its predecessor. */
  private plan(window: readonly Queued[]): { ready: Queued[]; stale: Queued[]; unsure: Queued[] } {
    const heads = new Map<string, number>();
    const ready: Queued[] = [];
    const stale: Queued[] = [];
    const unsure: Queued[] = [];
    for (const queued of window) {
      const { commit, previousPosition } = queued;
      const head = heads.get(commit.streamId) ?? this.publishedHead.get(commit.streamId);
      if (head !== undefined && head >= commit.position) stale.push(queued);
      else if (previousPosition === 0 || head === previousPosition || queued.verified || queued.seq <= this.scannedThrough) {
        ready.push(queued);
        heads.set(commit.streamId, commit.position);
      } else unsure.push(queued);
    }
    return { ready, stale, unsure };
  }

  /**
   * Reads the predecessor of each commit by primary key (`<stream>:<version>` of a single-event
   * commit; a longer one is left to the next scan): published when it is no longer pending.
   */
  private async verify(unsure: readonly Queued[]): Promise<void> {
    await Promise.all(
      unsure.map(async (queued) => {
        const { commit, previousPosition } = queued;
        const previous = await this.store.commits.findOne({ _id: `${commit.streamId}:${commit.firstVersion - 1}` }, { projection: { pending: 1, position: 1 } });
        if (previous && previous.position === previousPosition && !previous.pending) queued.verified = true;
      }),
    );
  }

  private async send(batch: readonly CommitDocument[]): Promise<number> {
    const events = batch.flatMap((c) => this.store.unpack(c).map(({ position: _p, ...e }) => e));
    await this.publisher.publish(events);
    await this.options.onPublished?.(events);
    for (const commit of batch) this.notePublished(commit);
    return events.length;
  }

  private notePublished(commit: CommitDocument): void {
    this.publishedHead.delete(commit.streamId);
    this.publishedHead.set(commit.streamId, commit.position);
    const oldest = this.publishedHead.keys().next();
    if (this.publishedHead.size > KNOWN_STREAMS && !oldest.done) this.publishedHead.delete(oldest.value);
  }

  /**
   * One update per commit by primary key, sent a few dozen at a time: FerretDB uses an index only
   * for an exact `_id` filter (an `$in` over the batch scanned the whole collection once per id),
   * and it stalled on a single bulk of 200 updates while bulks of 50 took a quarter of a second.
   */
  private async mark(batch: readonly CommitDocument[]): Promise<void> {
    for (let i = 0; i < batch.length; i += MARK_CHUNK) {
      await this.store.commits.bulkWrite(
        batch.slice(i, i + MARK_CHUNK).map((c) => ({ updateOne: { filter: { _id: c._id }, update: { $set: { pending: false } } } })),
        { ordered: false },
      );
    }
  }

  /** A scan when one is due, then the queue; returns how many events went out. */
  private async cycle(): Promise<number> {
    if (!(await this.holdLease())) {
      this.queue = [];
      return 0;
    }
    let published = 0;
    if (this.scanDue || Date.now() >= this.nextScanAt) {
      const scanned = await this.scan();
      if (!scanned.complete) return scanned.published;
      published = scanned.published;
      this.scanDue = false;
      this.nextScanAt = Date.now() + (this.options.recoveryScanMs ?? 5_000);
    }
    return published + (await this.publishQueued());
  }

  /** Renews the lease only when half of it has run out, sparing a round trip per batch; a newly won lease starts with a scan. */
  private async holdLease(): Promise<boolean> {
    const ttl = this.options.leaseTtlMs ?? 10_000;
    if (Date.now() < this.leaseRenewAt) return true;
    const held = await this.lease.acquire();
    if (held && !this.leaseHeld) this.scanDue = true;
    this.leaseHeld = held;
    this.leaseRenewAt = held ? Date.now() + ttl / 2 : 0;
    return held;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.cycle();
      } catch (err) {
        this.scanDue = true;
        this.options.onError?.(err);
        await this.sleep(1000);
      }
      if (published === 0) await this.sleep(this.options.idlePollMs ?? 200);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
