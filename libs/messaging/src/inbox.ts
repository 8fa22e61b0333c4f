import type { Collection, Db } from 'mongodb';

interface InboxDocument {
  _id: string;
  consumer: string;
  eventId: string;
  processedAt: Date;
}

/** Point reads sent at once: enough to fill a round trip, few enough not to queue behind each other in the pool. */
const LOOKUPS_AT_ONCE = 50;

/**
 * Which messages a consumer has already handled, keyed by consumer + eventId (the primary key is
 * the unique index). Recorded after the handler succeeded: a crash in between replays the
 * message, so handlers make their effects idempotent too (commands deduplicate by causationId).
 */
export class MongoInbox {
  private readonly inbox: Collection<InboxDocument>;

  constructor(db: Db, collection = 'inbox') {
    this.inbox = db.collection<InboxDocument>(collection);
  }

  private key(consumer: string, eventId: string): string {
    return `${consumer}:${eventId}`;
  }

  /**
   * Which of these events the consumer has handled. One point read by primary key each, sent
   * together: FerretDB on SQLite uses no index but `_id` equality, so one `$in` would read the
   * whole inbox.
   */
  async seenAmong(consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < eventIds.length; i += LOOKUPS_AT_ONCE) {
      const chunk = eventIds.slice(i, i + LOOKUPS_AT_ONCE);
      const found = await Promise.all(chunk.map((id) => this.inbox.countDocuments({ _id: this.key(consumer, id) }, { limit: 1 })));
      chunk.forEach((id, k) => {
        if (found[k]) seen.add(id);
      });
    }
    return seen;
  }

  /** One insert for many handled events; ones already recorded (a replay) are left as they were. */
  async recordAll(consumer: string, handled: readonly { eventId: string; processedAt: Date }[]): Promise<void> {
    if (handled.length === 0) return;
    // Insert, not upsert: FerretDB's upserts are not atomic, a unique key is.
    try {
      await this.inbox.insertMany(
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
