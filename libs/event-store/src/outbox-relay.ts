import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { EventEnvelope } from '@gbt/contracts';
import { Lease } from './lease';
import type { MongoEventStore } from './mongo-event-store';
import type { CommitDocument } from './types';

const MARK_CHUNK = 25;

/** Sends events to Kafka and resolves only once the broker acknowledged all of them. */
export interface OutboxPublisher {
  publish(events: readonly EventEnvelope[]): Promise<void>;
}

export interface OutboxRelayOptions {
  readonly name?: string;
  readonly batchSize?: number;
  readonly idlePollMs?: number;
  readonly leaseTtlMs?: number;
  /** Called after the broker acknowledged a batch and before it is marked published. */
  readonly onPublished?: (events: readonly EventEnvelope[]) => void | Promise<void>;
  readonly onError?: (err: unknown) => void;
}

/**
 * Publishes pending commits in global position order (which keeps each stream in version order),
 * then marks them. A crash between publish and mark republishes the batch: at least once, never
 * skipped; consumers deduplicate by eventId.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private leaseRenewAt = 0;
  private readonly lease: Lease;
  private readonly onAppended = () => this.wake?.();

  constructor(
    private readonly store: MongoEventStore,
    db: Db,
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.lease = new Lease(db, `outbox-relay:${options.name ?? store.commits.collectionName}`, randomUUID(), options.leaseTtlMs ?? 10_000);
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
    this.leaseRenewAt = 0;
    await this.lease.release().catch(() => undefined);
  }

  /** Publishes everything pending now; returns how many events went out. */
  async publishPending(): Promise<number> {
    if (!(await this.holdLease())) return 0;
    const batch = await this.store.commits
      .find({ pending: true })
      .sort({ position: 1 })
      .limit(this.options.batchSize ?? 200)
      .toArray();
    if (batch.length === 0) return 0;
    const events = batch.flatMap((c: CommitDocument) => this.store.unpack(c).map(({ position: _p, ...e }) => e));
    await this.publisher.publish(events);
    await this.options.onPublished?.(events);
    // One update per commit by primary key, sent a few dozen at a time: FerretDB uses an index only
    // for an exact `_id` filter (an `$in` over the batch scanned the whole collection once per id),
    // and it stalled on a single bulk of 200 updates while bulks of 50 took a quarter of a second.
    for (let i = 0; i < batch.length; i += MARK_CHUNK) {
      await this.store.commits.bulkWrite(
        batch.slice(i, i + MARK_CHUNK).map((c) => ({ updateOne: { filter: { _id: c._id }, update: { $set: { pending: false } } } })),
        { ordered: false },
      );
    }
    return events.length;
  }

  /** Renews the lease only when half of it has run out, sparing a round trip per batch. */
  private async holdLease(): Promise<boolean> {
    const ttl = this.options.leaseTtlMs ?? 10_000;
    if (Date.now() < this.leaseRenewAt) return true;
    const held = await this.lease.acquire();
    this.leaseRenewAt = held ? Date.now() + ttl / 2 : 0;
    return held;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishPending();
      } catch (err) {
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
