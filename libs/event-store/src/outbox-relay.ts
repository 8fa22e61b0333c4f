import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { EventEnvelope } from '@gbt/contracts';
import { isDuplicateKeyError } from './errors';
import { Lease } from './lease';
import type { MongoEventStore } from './mongo-event-store';
import type { AppendedCommit, CommitDocument } from './types';

const MARK_CHUNK = 25;
/** Beyond this many commits waiting, the relay forgets them and lets a scan find them: memory stays bounded while Kafka is away. */
const QUEUE_LIMIT = 10_000;
/** How many streams' last published positions are remembered, to publish their next commits without a read. */
const KNOWN_STREAMS = 10_000;
/** Claims read at once by a scan: point reads by primary key, sent together, the window doubling while claims go on. */
const FIRST_CLAIM_WINDOW = 8;
const MAX_CLAIM_WINDOW = 64;
/** Beyond this many positions published above the checkpoint, the relay forgets them and lets the scan read them again. */
const PUBLISHED_ABOVE_LIMIT = 100_000;
/** Claims below the checkpoint deleted per complete scan at most (retention, ADR 0022): bounded work, caught up over passes. */
const PRUNE_PER_PASS = 500;

/** The relay's durable progress: every position up to `position` is published or dead (ADR 0022). */
export interface OutboxCheckpoint {
  _id: string;
  position: number;
  updatedAt: Date;
}

/** What is waiting to be published, from the checkpoint and the store's last position: no scan. */
export interface OutboxBacklog {
  /** Positions above the checkpoint not known to be published (a position lost to a stream race counts until the next scan resolves it). */
  readonly commits: number;
  /** When the oldest of them was claimed; null when none. */
  readonly oldestClaimedAt: Date | null;
}

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
  /** A claimed position whose commit is still missing after this long is completed from the claim's copy (its writer died between the two inserts). */
  readonly completeClaimsAfterMs?: number;
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
 * scan (at start, after a lease change or an error, and every `recoveryScanMs`) publishes the rest
 * in global position order. A commit leaves by notification only once the commit before it in its
 * stream is known to be published, so the two paths never reorder a stream. A crash between
 * publish and checkpoint republishes: consumers deduplicate by eventId.
 *
 * The scan reads no index but the primary key (ADR 0022): from a durable checkpoint (every position
 * up to it published or dead), it reads the positions' claims by `_id`, then their commits by `_id`,
 * in order, and stops at the first position nobody has claimed (nothing above is claimed either)
 * or whose commit is not there yet (a writer between its two inserts; completed from the claim once
 * it is older than `completeClaimsAfterMs`). So the checkpoint never passes an unpublished commit,
 * even when a higher position committed first.
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
  private readonly checkpoints: Collection<OutboxCheckpoint>;
  private readonly checkpointId: string;
  /** Every position up to this one is published or dead; known while the lease is held. */
  private checkpoint?: number;
  private savedCheckpoint?: number;
  /** Positions above the checkpoint that this relay published by notification. */
  private readonly publishedAbove = new Set<number>();
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
    const name = `outbox-relay:${options.name ?? store.commits.collectionName}`;
    this.lease = new Lease(db, name, randomUUID(), options.leaseTtlMs ?? 10_000);
    this.checkpoints = db.collection<OutboxCheckpoint>('outbox_checkpoints');
    this.checkpointId = `${name}:${store.commits.collectionName}`;
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
    if (this.leaseHeld) await this.saveCheckpoint().catch(() => undefined);
    this.leaseRenewAt = 0;
    this.leaseHeld = false;
    await this.lease.release().catch(() => undefined);
  }

  /**
   * Commits waiting to be published and how old the oldest is, from the checkpoint (this relay's
   * own while it holds the lease, else the stored one) and the store's last position: a few point
   * reads, whatever the store's size.
   */
  async backlog(now = new Date()): Promise<OutboxBacklog> {
    const held = this.leaseHeld && this.checkpoint !== undefined;
    const checkpoint = held ? this.checkpoint! : ((await this.checkpoints.findOne({ _id: this.checkpointId }))?.position ?? (await this.store.positionFloor()));
    const head = await this.store.headPosition(checkpoint);
    let oldest: number | undefined;
    let published = 0;
    for (let p = checkpoint + 1; p <= head; p++) {
      if (held && this.publishedAbove.has(p)) published++;
      else oldest ??= p;
      if (oldest !== undefined && !held) break;
      if (p - checkpoint > PUBLISHED_ABOVE_LIMIT) break;
    }
    const commits = held ? Math.max(0, head - checkpoint - published) : head - checkpoint;
    if (oldest === undefined || commits === 0) return { commits: 0, oldestClaimedAt: null };
    const claim = await this.store.claimAt(oldest);
    return { commits, oldestClaimedAt: claim?.claimedAt ?? now };
  }

  /** Publishes one batch of what a scan finds pending, in position order; returns how many events went out. */
  async publishPending(): Promise<number> {
    return (await this.scan()).published;
  }

  /**
   * One batch of the scan. `complete`: it reached the end of what is there to publish now (an
   * unclaimed position, or one whose commit is not in yet), so the relay may turn to its queue.
   */
  private async scan(): Promise<{ published: number; complete: boolean }> {
    if (!(await this.holdLease(false))) return { published: 0, complete: false };
    // Commits published by notification but not yet marked would otherwise be found pending again.
    await this.marking;
    const scanFrom = this.seq;
    this.checkpoint ??= await this.loadCheckpoint();
    const floor = await this.store.positionFloor();
    if (this.checkpoint < floor) return this.drainFromBeforeClaims(floor);
    const batch: CommitDocument[] = [];
    let through = this.checkpoint;
    let end: 'unclaimed' | 'waiting' | 'full' | undefined;
    const completeAfterMs = this.options.completeClaimsAfterMs ?? 2_000;
    for (let size = FIRST_CLAIM_WINDOW; !end; size = Math.min(MAX_CLAIM_WINDOW, size * 2)) {
      const window = Array.from({ length: size }, (_, i) => through + 1 + i);
      const claims = await Promise.all(window.map((p) => (this.publishedAbove.has(p) ? null : this.store.claimAt(p))));
      const outcomes = await Promise.all(claims.map((claim) => (claim ? this.store.resolveClaim(claim, completeAfterMs) : null)));
      for (let i = 0; i < window.length && !end; i++) {
        const position = window[i]!;
        const outcome = outcomes[i];
        if (this.publishedAbove.has(position)) through = position;
        else if (!outcome) end = 'unclaimed';
        else if (outcome.state === 'waiting') end = 'waiting';
        else {
          if (outcome.state === 'live' && outcome.commit.pending) batch.push(outcome.commit);
          through = position;
          if (batch.length >= this.batchSize) end = 'full';
        }
      }
    }
    // Only an unclaimed position proves that every commit appended before the scan began is published.
    if (end === 'unclaimed') this.scannedThrough = scanFrom;
    const published = batch.length > 0 ? await this.send(batch) : 0;
    if (batch.length > 0) await this.mark(batch);
    this.advanceTo(through);
    await this.saveCheckpoint();
    return { published, complete: end !== 'full' };
  }

  /**
   * Commits written before position claims existed (ADR 0022) have no claims: the first time a
   * relay runs on such a store it publishes what they left pending the old way, one query by the
   * `pending` flag per batch, then sets its checkpoint to the floor and never queries it again.
   */
  private async drainFromBeforeClaims(floor: number): Promise<{ published: number; complete: boolean }> {
    const batch = await this.store.commits.find({ pending: true, position: { $lte: floor } }).sort({ position: 1 }).limit(this.batchSize).toArray();
    const published = batch.length > 0 ? await this.send(batch) : 0;
    if (batch.length > 0) await this.mark(batch);
    if (batch.length < this.batchSize) {
      this.advanceTo(floor);
      await this.saveCheckpoint();
    }
    return { published, complete: false };
  }

  private async loadCheckpoint(): Promise<number> {
    const stored = await this.checkpoints.findOne({ _id: this.checkpointId });
    this.savedCheckpoint = stored?.position;
    // No checkpoint yet: a new store starts at its floor of 0; an older one drains below its floor first.
    return stored?.position ?? 0;
  }

  /** Moves the checkpoint up (never down) and over the positions published by notification right above it. */
  private advanceTo(position: number): void {
    let checkpoint = Math.max(this.checkpoint ?? 0, position);
    while (this.publishedAbove.has(checkpoint + 1)) checkpoint++;
    for (const p of this.publishedAbove) if (p <= checkpoint) this.publishedAbove.delete(p);
    this.checkpoint = checkpoint;
  }

  /**
   * Retention (ADR 0022): after a complete scan, the claims up to the stored checkpoint are read by
   * nobody again (scans, completion and metrics start above it), so up to {@link PRUNE_PER_PASS} of
   * them are deleted by primary key. Once caught up, each pass deletes what was published since the
   * last. Returns how many were deleted.
   */
  async pruneClaims(): Promise<number> {
    if (!this.leaseHeld || this.savedCheckpoint === undefined) return 0;
    return this.store.pruneClaims(this.savedCheckpoint, PRUNE_PER_PASS);
  }

  /** Written by the lease holder only, by primary key. */
  private async saveCheckpoint(): Promise<void> {
    const position = this.checkpoint;
    if (position === undefined || position === this.savedCheckpoint) return;
    const doc = { _id: this.checkpointId, position, updatedAt: new Date() };
    try {
      await this.checkpoints.replaceOne({ _id: this.checkpointId }, doc, { upsert: true });
    } catch (err) {
      // Two upserts of a missing document: FerretDB lets one insert win and fails the other.
      if (!isDuplicateKeyError(err)) throw err;
      await this.checkpoints.replaceOne({ _id: this.checkpointId }, doc);
    }
    this.savedCheckpoint = position;
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
    this.notePublishedAbove(batch);
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
      else if (previousPosition === 0 || head === previousPosition || queued.verified || queued.seq <= this.scannedThrough || previousPosition <= (this.checkpoint ?? 0)) {
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

  /** Commits published by notification: the checkpoint moves over them once the positions below are resolved. */
  private notePublishedAbove(batch: readonly CommitDocument[]): void {
    if (this.checkpoint === undefined) return;
    for (const commit of batch) if (commit.position > this.checkpoint) this.publishedAbove.add(commit.position);
    if (this.publishedAbove.size > PUBLISHED_ABOVE_LIMIT) this.publishedAbove.clear();
    this.advanceTo(this.checkpoint);
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
    if (!(await this.holdLease(this.queue.length === 0))) {
      this.queue = [];
      return 0;
    }
    let published = 0;
    // The periodic scan (reads of claims, the checkpoint's write, pruning) comes after what was
    // appended here, which it cannot reorder, so live commits do not wait for it. A scan that is due
    // for a reason (start, lease change, error, an unsure predecessor) still comes first.
    const periodic = !this.scanDue && Date.now() >= this.nextScanAt;
    if (periodic) published += await this.publishQueued();
    if (this.scanDue || periodic) {
      const scanned = await this.scan();
      published += scanned.published;
      if (!scanned.complete) return published;
      this.scanDue = false;
      this.nextScanAt = Date.now() + (this.options.recoveryScanMs ?? 5_000);
      await this.pruneClaims();
    }
    return published + (await this.publishQueued());
  }

  /**
   * Renews the lease only when half of it has run out, sparing a round trip per batch; an idle relay
   * renews a quarter earlier, so a commit seldom waits for the renewal. A newly won lease starts with a scan.
   */
  private async holdLease(idle: boolean): Promise<boolean> {
    const ttl = this.options.leaseTtlMs ?? 10_000;
    if (Date.now() < this.leaseRenewAt - (idle ? ttl / 4 : 0)) return true;
    const held = await this.lease.acquire();
    if (held && !this.leaseHeld) {
      this.scanDue = true;
      // Another holder may have moved it meanwhile: read it again (a lower one only republishes).
      this.checkpoint = undefined;
      this.publishedAbove.clear();
    }
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
