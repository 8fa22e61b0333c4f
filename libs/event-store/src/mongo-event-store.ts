import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Collection, Db } from 'mongodb';
import type { EventEnvelope, EventRegistry } from '@gbt/contracts';
import { ConcurrencyError, isDuplicateKeyError } from './errors';
import { detectStreamReads, walkStream, type StreamReads } from './stream-reads';
import type { AppendedCommit, AppendOptions, AppendResult, CommitDocument, NewEvent, StoredEvent } from './types';

export interface EventStoreOptions {
  readonly registry: EventRegistry;
  /** Collection prefix, so several stores (or test runs) can share one database. */
  readonly prefix?: string;
  /** How stream reads reach the server; by default chosen from what the server says it is. */
  readonly streamReads?: StreamReads;
}

/**
 * Event store on the MongoDB wire protocol, within what FerretDB v1 supports: no transactions,
 * no change streams. Each append is one insert of a commit document whose _id is
 * streamId + first version, so two appends at the same expected version collide on the
 * primary key and exactly one wins.
 */
export class MongoEventStore {
  readonly commits: Collection<CommitDocument>;
  private lastPosition?: number;
  private readonly registry: EventRegistry;
  private streamReads?: Promise<StreamReads>;
  /** Emits 'appended' with an {@link AppendedCommit}, so the in-process outbox relay publishes it without reading it back, and metrics count. */
  readonly notifications = new EventEmitter();

  constructor(
    private readonly db: Db,
    options: EventStoreOptions,
  ) {
    const prefix = options.prefix ?? 'es';
    this.commits = db.collection<CommitDocument>(`${prefix}_commits`);
    this.registry = options.registry;
    if (options.streamReads) this.streamReads = Promise.resolve(options.streamReads);
  }

  private readsBy(): Promise<StreamReads> {
    this.streamReads ??= detectStreamReads(this.db).catch((err: unknown) => {
      this.streamReads = undefined;
      throw err;
    });
    return this.streamReads;
  }

  async ensureIndexes(): Promise<void> {
    await this.commits.createIndex({ streamId: 1, firstVersion: 1 });
    await this.commits.createIndex({ position: 1 }, { unique: true });
    await this.commits.createIndex({ pending: 1, position: 1 });
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.head(streamId))?.lastVersion ?? 0;
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const envelopes = this.envelopes(streamId, events, options);
    // The read guards against a stale expected version that falls inside another commit; the
    // primary key guards against the race between this read and the insert.
    const head = options.readHead !== undefined ? options.readHead : await this.head(streamId);
    if ((head?.lastVersion ?? 0) !== options.expectedVersion) {
      throw new ConcurrencyError(streamId, options.expectedVersion, head?.lastVersion ?? 0);
    }
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
      commit.position = await this.allocatePosition(head?.position ?? 0);
      try {
        await this.commits.insertOne(commit);
        break;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const current = await this.streamVersion(streamId);
        if (current !== options.expectedVersion) throw new ConcurrencyError(streamId, options.expectedVersion, current);
        // Another process took this position: learn the highest one and try the next.
        if (attempt >= 50) throw err;
        this.lastPosition = Math.max(this.lastPosition ?? 0, await this.maxPosition());
      }
    }
    this.notifications.emit('appended', { commit, previousPosition: head?.position ?? 0 } satisfies AppendedCommit);
    return { streamId, firstVersion, nextExpectedVersion: commit.lastVersion, position: commit.position, events: envelopes };
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    const commits =
      (await this.readsBy()) === 'by-id'
        ? await walkStream<CommitDocument>(this.commits, streamId)
        : await this.commits.find({ streamId, lastVersion: { $gte: fromVersion } }).sort({ firstVersion: 1 }).toArray();
    return commits.flatMap((c) => this.unpack(c)).filter((e) => e.streamVersion >= fromVersion);
  }

  /** The first event of a stream, by one primary-key read of its first commit (`<stream>:1`): no walk, no scan. */
  async firstEvent(streamId: string): Promise<StoredEvent | null> {
    const commit = await this.commits.findOne({ _id: `${streamId}:1` });
    return commit ? (this.unpack(commit)[0] ?? null) : null;
  }

  /** Rebuilds state by folding the stream; the version is what the next append must expect. */
  async aggregate<S>(streamId: string, evolve: (state: S, event: StoredEvent) => S, initial: S): Promise<{ state: S; version: number }> {
    const events = await this.readStream(streamId);
    return { state: events.reduce(evolve, initial), version: events.at(-1)?.streamVersion ?? 0 };
  }

  /** All events in global order after a position, for projections and rebuilds. */
  async readAll(afterPosition = 0, limit = 500): Promise<StoredEvent[]> {
    const commits = await this.commits.find({ position: { $gt: afterPosition } }).sort({ position: 1 }).limit(limit).toArray();
    return commits.flatMap((c) => this.unpack(c));
  }

  /**
   * Every event after a position in global order through one cursor, for rebuilds: on FerretDB each
   * `readAll` page is a scan of the whole collection, one sorted cursor is a single scan.
   */
  async *scanAll(afterPosition = 0): AsyncGenerator<StoredEvent> {
    const cursor = this.commits.find({ position: { $gt: afterPosition } }).sort({ position: 1 }).batchSize(1_000);
    try {
      for await (const commit of cursor) yield* this.unpack(commit);
    } finally {
      await cursor.close();
    }
  }

  unpack(commit: CommitDocument): StoredEvent[] {
    return commit.events.map((e) => {
      const { schemaVersion, data } = this.registry.upcast(e.type, e.schemaVersion, e.data);
      return { ...e, streamId: commit.streamId, schemaVersion, data, position: commit.position };
    });
  }

  private envelopes(streamId: string, events: readonly NewEvent[], options: AppendOptions): EventEnvelope[] {
    const occurredAt = options.occurredAt.toISOString();
    return events.map((event, i) => ({
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: this.registry.currentVersion(event.type),
      streamId,
      streamVersion: options.expectedVersion + i + 1,
      occurredAt,
      actor: options.actor,
      correlationId: options.correlationId,
      causationId: options.causationId,
      data: this.registry.validateNew(event.type, this.registry.currentVersion(event.type), event.data),
    }));
  }

  private async head(streamId: string): Promise<Pick<CommitDocument, 'lastVersion' | 'position'> | null> {
    if ((await this.readsBy()) === 'by-id') return (await walkStream<Pick<CommitDocument, '_id' | 'lastVersion' | 'position'>>(this.commits, streamId, { position: 1 })).at(-1) ?? null;
    return this.commits.find({ streamId }, { projection: { lastVersion: 1, position: 1 } }).sort({ firstVersion: -1 }).limit(1).next();
  }

  private async maxPosition(): Promise<number> {
    const last = await this.commits.find({}, { projection: { position: 1 } }).sort({ position: -1 }).limit(1).next();
    return last?.position ?? 0;
  }

  /**
   * Positions come from a counter in this process, checked by the unique index, because FerretDB
   * does not make `$inc` atomic. Each commit is placed after its stream's head, so a stream's
   * commits are always in position order, which is what the outbox relay's order rests on.
   */
  private async allocatePosition(streamHeadPosition: number): Promise<number> {
    if (this.lastPosition === undefined) {
      const max = await this.maxPosition();
      this.lastPosition = Math.max(this.lastPosition ?? 0, max);
    }
    this.lastPosition = Math.max(this.lastPosition, streamHeadPosition) + 1;
    return this.lastPosition;
  }
}
