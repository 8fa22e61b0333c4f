import { MongoClient } from 'mongodb';

interface StoredCommit {
  streamId: string;
  pending?: boolean;
  events: { eventId: string; type: string; causationId: string | null }[];
}

/** What each service's event store holds, read straight from the databases after a drill. */
export interface Ledger {
  /** Events appended but never acknowledged by Kafka: lost to everyone downstream. */
  unpublished: number;
  /** The same cause applied twice to one stream: a message or timer handled more than once. */
  readonly doubleApplied: string[];
  /** Event counts by type, across the services. */
  readonly byType: Map<string, number>;
  /** Event types per stream, in order. */
  readonly streams: Map<string, string[]>;
}

export async function readLedger(mongoUri: string, databases: readonly string[]): Promise<Ledger> {
  const client = await new MongoClient(mongoUri).connect();
  const ledger: Ledger = { unpublished: 0, doubleApplied: [], byType: new Map(), streams: new Map() };
  try {
    for (const name of databases) {
      const commits = await client.db(name).collection<StoredCommit>('es_commits').find({}).sort({ position: 1 }).toArray();
      const causes = new Set<string>();
      for (const commit of commits) {
        if (commit.pending) ledger.unpublished += commit.events.length;
        const types = ledger.streams.get(commit.streamId) ?? [];
        for (const event of commit.events) {
          types.push(event.type);
          ledger.byType.set(event.type, (ledger.byType.get(event.type) ?? 0) + 1);
          if (!event.causationId) continue;
          const cause = `${commit.streamId} ${event.type} caused by ${event.causationId}`;
          if (causes.has(cause)) ledger.doubleApplied.push(`${name}: ${cause}`);
          causes.add(cause);
        }
        ledger.streams.set(commit.streamId, types);
      }
    }
  } finally {
    await client.close();
  }
  return ledger;
}
