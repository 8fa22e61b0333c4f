import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventRegistry } from '@gbt/contracts';
import { ConcurrencyError, isDuplicateKeyError, type AppendOptions, type CommitDocument, type MongoEventStore, type NewEvent } from '@gbt/event-store';

/**
 * PROTOTYPE of a proposed change to libs/event-store, measured beside the library, not used by it.
 *
 * `MongoEventStore.append` reads the stream head before inserting. On FerretDB's SQLite backend
 * that read (`find({streamId}).sort({firstVersion: -1}).limit(1)`) is a scan of the whole commits
 * collection, because the backend pushes down only a filter that is exactly `{_id: <string>}`.
 * `handleCommand` has just read the whole stream, so it knows the head: its version is a commit
 * boundary, and any commit appended since starts at that version + 1 and collides with ours on the
 * primary key. Passing that head into append makes the read unnecessary; this is that append.
 */
export class PositionCounter {
  private last?: number;
  constructor(private readonly store: MongoEventStore) {}

  async next(after: number): Promise<number> {
    if (this.last === undefined) await this.reseed();
    this.last = Math.max(this.last ?? 0, after) + 1;
    return this.last;
  }

  async reseed(): Promise<void> {
    const top = await this.store.commits.find({}, { projection: { position: 1 } }).sort({ position: -1 }).limit(1).next();
    this.last = Math.max(this.last ?? 0, top?.position ?? 0);
  }
}

export async function appendWithKnownHead(
  store: MongoEventStore,
  registry: EventRegistry,
  positions: PositionCounter,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
  headPosition: number,
): Promise<{ position: number; events: EventEnvelope[] }> {
  const occurredAt = options.occurredAt.toISOString();
  const envelopes: EventEnvelope[] = events.map((event, i) => ({
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: registry.currentVersion(event.type),
    streamId,
    streamVersion: options.expectedVersion + i + 1,
    occurredAt,
    actor: options.actor,
    correlationId: options.correlationId,
    causationId: options.causationId,
    data: registry.validateNew(event.type, registry.currentVersion(event.type), event.data),
  }));
  const firstVersion = options.expectedVersion + 1;
  const commit: CommitDocument = {
    _id: `${streamId}:${firstVersion}`,
    streamId,
    firstVersion,
    lastVersion: options.expectedVersion + events.length,
    position: 0,
    pending: true,
    committedAt: new Date(),
    events: envelopes.map(({ streamId: _omit, ...rest }) => rest),
  };
  for (let attempt = 1; ; attempt++) {
    commit.position = await positions.next(headPosition);
    try {
      await store.commits.insertOne(commit);
      return { position: commit.position, events: envelopes };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // A point read by _id, which the backend pushes down: is it our key or the position's?
      if (await store.commits.findOne({ _id: commit._id }, { projection: { _id: 1 } })) {
        throw new ConcurrencyError(streamId, options.expectedVersion, Number.NaN);
      }
      if (attempt >= 50) throw err;
      await positions.reseed();
    }
  }
}
