import type { Collection, Db } from 'mongodb';

interface InboxDocument {
  _id: string;
  consumer: string;
  eventId: string;
  processedAt: Date;
}

export interface InboxOptions {
  /**
   * How long one bucket collects records. A record is found for at least this long and at most
   * twice as long (this bucket and the one before are read); older buckets are dropped. Default 7
   * days, Kafka's retention here (`log.retention.hours` 168): a message cannot come again from a
   * topic after that, except by a dead-letter replay, whose messages the inbox never recorded.
   */
  readonly bucketMs?: number;
  /** The time that picks the bucket; the system clock, not a service's simulated one. */
  readonly now?: () => number;
}

/** Point reads sent at once: enough to fill a round trip, few enough not to queue behind each other in the pool. */
const LOOKUPS_AT_ONCE = 50;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Which messages a consumer has already handled, keyed by consumer + eventId (the primary key is
 * the unique index). Recorded after the handler succeeded: a crash in between replays the
 * message, so handlers make their effects idempotent too (commands deduplicate by causationId).
 *
 * Bounded (ADR 0022): records go to one collection per time bucket, `<collection>_<bucket>`; a
 * check reads the current bucket and the previous one, by primary key, and a bucket two turns old
 * is dropped whole (a cheap table drop, no scan, no per-document expiry, which FerretDB 1.x lacks).
 */
export class MongoInbox {
  private readonly bucketMs: number;
  private readonly now: () => number;
  private droppedBefore = 0;

  constructor(
    private readonly db: Db,
    private readonly collection = 'inbox',
    options: InboxOptions = {},
  ) {
    this.bucketMs = options.bucketMs ?? WEEK_MS;
    this.now = options.now ?? Date.now;
  }

  private key(consumer: string, eventId: string): string {
    return `${consumer}:${eventId}`;
  }

  private bucket(n: number): Collection<InboxDocument> {
    return this.db.collection<InboxDocument>(`${this.collection}_${n}`);
  }

  /** The current bucket, dropping the ones that fell out of the window when a new bucket starts. */
  private async current(): Promise<number> {
    const bucket = Math.floor(this.now() / this.bucketMs);
    if (bucket - 1 > this.droppedBefore) {
      const stale = await this.bucketsBefore(bucket - 1);
      // A bucket nobody wrote to does not exist: that answer is an error to ignore.
      await Promise.all(stale.map((b) => this.bucket(b).drop().catch(() => undefined)));
      this.droppedBefore = bucket - 1;
    }
    return bucket;
  }

  /**
   * Every bucket of this inbox older than `before`, from the database's catalogue (names only, no
   * documents read; once per bucket turn), so buckets left by a process that was down for many
   * turns are dropped too.
   */
  private async bucketsBefore(before: number): Promise<number[]> {
    const prefix = `${this.collection}_`;
    const names = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return names
      .map((c) => c.name)
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .map((name) => Number(name.slice(prefix.length)))
      .filter((b) => b < before);
  }

  /**
   * Which of these events the consumer has handled: one point read by primary key in this bucket
   * and in the previous one, sent together. FerretDB on SQLite uses no index but `_id` equality, so
   * one `$in` would read the whole bucket.
   */
  async seenAmong(consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
    const bucket = await this.current();
    const buckets = [this.bucket(bucket), this.bucket(bucket - 1)];
    const seen = new Set<string>();
    for (let i = 0; i < eventIds.length; i += LOOKUPS_AT_ONCE / 2) {
      const chunk = eventIds.slice(i, i + LOOKUPS_AT_ONCE / 2);
      const found = await Promise.all(
        chunk.map(async (id) => {
          const counts = await Promise.all(buckets.map((b) => b.countDocuments({ _id: this.key(consumer, id) }, { limit: 1 })));
          return counts.some((n) => n > 0);
        }),
      );
      chunk.forEach((id, k) => {
        if (found[k]) seen.add(id);
      });
    }
    return seen;
  }

  /** One insert for many handled events; ones already recorded (a replay) are left as they were. */
  async recordAll(consumer: string, handled: readonly { eventId: string; processedAt: Date }[]): Promise<void> {
    if (handled.length === 0) return;
    const bucket = this.bucket(await this.current());
    // Insert, not upsert: FerretDB's upserts are not atomic, a unique key is.
    try {
      await bucket.insertMany(
        handled.map(({ eventId, processedAt }) => ({ _id: this.key(consumer, eventId), consumer, eventId, processedAt })),
        { ordered: false },
      );
    } catch (err) {
      const { code, writeErrors } = err as { code?: unknown; writeErrors?: { code?: unknown }[] | { code?: unknown } };
      const errors = writeErrors === undefined ? [{ code }] : Array.isArray(writeErrors) ? writeErrors : [writeErrors];
      if (!errors.every((e) => e.code === 11000)) throw err;
    }
  }
}
