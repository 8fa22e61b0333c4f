import type { Collection, Db } from 'mongodb';

interface InboxDocument {
  _id: string;
  consumer: string;
  eventId: string;
  processedAt: Date;
}

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

  async seen(consumer: string, eventId: string): Promise<boolean> {
    return (await this.inbox.countDocuments({ _id: this.key(consumer, eventId) }, { limit: 1 })) > 0;
  }

  async record(consumer: string, eventId: string): Promise<void> {
    // Insert, not upsert: FerretDB's upserts are not atomic, a unique key is.
    try {
      await this.inbox.insertOne({ _id: this.key(consumer, eventId), consumer, eventId, processedAt: new Date() });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
    }
  }
}
