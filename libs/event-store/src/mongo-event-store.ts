import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Collection, Db } from 'mongodb';
import type { EventEnvelope, EventRegistry } from '@gbt/contracts';
import { ConcurrencyError, isDuplicateKeyError } from './errors';
import { StreamCache, type CachedStream } from './stream-cache';
import { detectStreamReads, walkStream, type StreamReads } from './stream-reads';
import { positionId, type AppendedCommit, type AppendOptions, type AppendResult, type CommitDocument, type NewEvent, type PositionClaim, type StoredEvent } from './types';

/** `_id` of the document in the positions collection that says below which position commits have no claims (ADR 0022). */
const FLOOR_ID = 'floor';

interface FloorDocument {
  _id: string;
  position: number;
  at: Date;
}

/**
 * `_id` of the document that says up to which position claims may be deleted (retention, ADR 0022):
 * written before they are deleted, so a claimer that reads it after inserting a claim knows whether
 * that slot was free or only pruned. `deletedThrough` is how far the deletes have gone.
 */
const PRUNED_ID = 'pruned';

interface PrunedDocument {
  _id: string;
  position: number;
  deletedThrough: number;
  at: Date;
}

/** Claims deleted by primary key per bulk request. */
const DELETE_CHUNK = 50;

/** Claims asked for while one `insertMany` of claims is under way go together in the next. */
const CLAIMS_AT_ONCE = 100;

interface PendingClaim {
  readonly commit: CommitDocument;
  readonly streamHeadPosition: number;
  attempts: number;
  resolve(): void;
  reject(err: unknown): void;
}

/** The first failed document of an ordered bulk insert and why; undefined for an error that is not a write error. */
function firstWriteError(err: unknown): { index: number; code: unknown } | undefined {
  const { writeErrors } = err as { writeErrors?: { index?: number; code?: unknown }[] | { index?: number; code?: unknown } };
  if (writeErrors === undefined) return undefined;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  const first = list.reduce<{ index?: number; code?: unknown } | undefined>((a, b) => (a === undefined || (b.index ?? 0) < (a.index ?? 0) ? b : a), undefined);
  return first && typeof first.index === 'number' ? { index: first.index, code: first.code } : undefined;
}

/** What became of a claimed position: its commit, no commit ever (a lost race), or not known yet (its writer may still insert it). */
export type ClaimOutcome = { readonly state: 'live'; readonly commit: CommitDocument } | { readonly state: 'dead' } | { readonly state: 'waiting' };

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
  /** One claim per global position, `_id` = {@link positionId}: how commits are found by position without an index (ADR 0022). */
  readonly positions: Collection<PositionClaim>;
  private readonly floorDocuments: Collection<FloorDocument>;
  private readonly prunedDocuments: Collection<PrunedDocument>;
  private floorRead?: Promise<number>;
  /** The highest position this process knows to be claimed. */
  private lastPosition?: number;
  private readonly claimQueue: PendingClaim[] = [];
  private claiming = false;
  private readonly registry: EventRegistry;
  private streamReads?: Promise<StreamReads>;
  private readonly streamCache = new StreamCache();
  /** Emits 'appended' with an {@link AppendedCommit}, so the in-process outbox relay publishes it without reading it back, and metrics count. */
  readonly notifications = new EventEmitter();

  constructor(
    private readonly db: Db,
    options: EventStoreOptions,
  ) {
    const prefix = options.prefix ?? 'es';
    this.commits = db.collection<CommitDocument>(`${prefix}_commits`);
    this.positions = db.collection<PositionClaim>(`${prefix}_positions`);
    this.floorDocuments = db.collection<FloorDocument>(`${prefix}_positions`);
    this.prunedDocuments = db.collection<PrunedDocument>(`${prefix}_positions`);
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
    await this.positionFloor();
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
      await this.claimPosition(commit, head?.position ?? 0);
      try {
        await this.commits.insertOne(commit);
        break;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing = await this.commits.findOne({ _id: commit._id }, { projection: { position: 1 } });
        // The outbox relay completed this append from its claim while this process was slow (ADR 0022).
        if (existing?.position === commit.position) break;
        if (existing) throw new ConcurrencyError(streamId, options.expectedVersion, await this.streamVersion(streamId));
        // The unique position index refused it: a commit written without a claim (by code from before
        // ADR 0022) holds this position. This claim stays dead; claim the next one.
        if (attempt >= 50) throw err;
      }
    }
    this.notifications.emit('appended', { commit, previousPosition: head?.position ?? 0 } satisfies AppendedCommit);
    return { streamId, firstVersion, nextExpectedVersion: commit.lastVersion, position: commit.position, events: envelopes };
  }

  async readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    if ((await this.readsBy()) === 'by-id') {
      const { events } = (await this.walkCached(streamId)) ?? { events: [] };
      return events.filter((e) => e.streamVersion >= fromVersion);
    }
    const commits = await this.commits.find({ streamId, lastVersion: { $gte: fromVersion } }).sort({ firstVersion: 1 }).toArray();
    return commits.flatMap((c) => this.unpack(c)).filter((e) => e.streamVersion >= fromVersion);
  }

  /**
   * The stream by primary key, going on from what this process read of it before (ADR 0040): the
   * commit after the cached ones and, alongside, the last cached one again, which must still be
   * there as it was. Two point reads in one round for a stream that did not change, instead of a
   * walk of all its commits. Null for a stream with no commit.
   */
  private async walkCached(streamId: string): Promise<CachedStream | null> {
    const cached = this.streamCache.get(streamId);
    if (cached) {
      const [still, newer] = await Promise.all([
        this.commits.findOne({ _id: cached.last._id }, { projection: { position: 1 } }),
        walkStream<CommitDocument>(this.commits, streamId, undefined, { version: cached.last.lastVersion + 1, window: 2 }),
      ]);
      // Otherwise the store no longer holds what was read (a restored backup, a test's dropped database): read it all.
      if (still?.position === cached.last.position) return newer.length === 0 ? cached : this.remember(streamId, newer, cached.events);
    }
    const commits = await walkStream<CommitDocument>(this.commits, streamId);
    if (commits.length === 0) {
      this.streamCache.forget(streamId);
      return null;
    }
    return this.remember(streamId, commits, []);
  }

  /** Caches the stream read: the events before (already cached) and the commits read after them, at least one. */
  private remember(streamId: string, commits: readonly CommitDocument[], before: readonly StoredEvent[]): CachedStream {
    const { _id, lastVersion, position } = commits[commits.length - 1] as CommitDocument;
    const stream = { last: { _id, lastVersion, position }, events: [...before, ...commits.flatMap((c) => this.unpack(c))] };
    this.streamCache.put(streamId, stream);
    return stream;
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
      // Read under the current name: an event stored under a former name folds as its renamed type.
      const { type, schemaVersion, data } = this.registry.upcast(e.type, e.schemaVersion, e.data);
      return { ...e, type, streamId: commit.streamId, schemaVersion, data, position: commit.position };
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
    if ((await this.readsBy()) === 'by-id') return (await this.walkCached(streamId))?.last ?? null;
    return this.commits.find({ streamId }, { projection: { lastVersion: 1, position: 1 } }).sort({ firstVersion: -1 }).limit(1).next();
  }

  /**
   * Every position up to the floor was taken before position claims existed (ADR 0022): found once
   * per store, by one scan for the highest stored position, and kept in the `floor` document. A new
   * store's floor is 0.
   */
  positionFloor(): Promise<number> {
    this.floorRead ??= this.readFloor().catch((err: unknown) => {
      this.floorRead = undefined;
      throw err;
    });
    return this.floorRead;
  }

  private async readFloor(): Promise<number> {
    const found = await this.floorDocuments.findOne({ _id: FLOOR_ID });
    if (found) return found.position;
    // No claim can exist yet (claiming needs the floor), so the highest commit is the highest position.
    const last = await this.commits.find({}, { projection: { position: 1 } }).sort({ position: -1 }).limit(1).next();
    const position = Math.max(0, last?.position ?? 0);
    try {
      await this.floorDocuments.insertOne({ _id: FLOOR_ID, position, at: new Date() });
      return position;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      return (await this.floorDocuments.findOne({ _id: FLOOR_ID }))!.position;
    }
  }

  /** Every claim up to this position may be deleted (and it counts as taken); 0 before the first pruning. */
  async prunedThrough(): Promise<number> {
    return (await this.prunedDocuments.findOne({ _id: PRUNED_ID }))?.position ?? 0;
  }

  /**
   * Retention (ADR 0022): deletes the claims of positions up to `through` (the outbox relay's
   * checkpoint: every position up to it is published or dead, so no scan, completion or metric
   * reads those claims again), at most `max` per call, by primary key, from where the last call
   * stopped: bounded work, no scan. The mark is raised before the deletes, so a claimer that finds a
   * slot free at or below it knows the slot was pruned, not free (see claimBatch). Called by the
   * lease holder only. Returns how many claims it deleted. The commits are never deleted.
   */
  async pruneClaims(through: number, max: number): Promise<number> {
    const mark = await this.prunedDocuments.findOne({ _id: PRUNED_ID });
    let position = mark?.position ?? 0;
    const from = (mark?.deletedThrough ?? 0) + 1;
    if (from > position) {
      position = Math.min(through, position + max);
      if (position < from) return 0;
      await this.writePruned({ _id: PRUNED_ID, position, deletedThrough: from - 1, at: new Date() });
    }
    const to = Math.min(position, from + max - 1);
    for (let p = from; p <= to; p += DELETE_CHUNK) {
      const ids = Array.from({ length: Math.min(DELETE_CHUNK, to - p + 1) }, (_, i) => positionId(p + i));
      await this.positions.bulkWrite(
        ids.map((_id) => ({ deleteOne: { filter: { _id } } })),
        { ordered: false },
      );
    }
    await this.writePruned({ _id: PRUNED_ID, position, deletedThrough: to, at: new Date() });
    return to - from + 1;
  }

  private async writePruned(doc: PrunedDocument): Promise<void> {
    try {
      await this.prunedDocuments.replaceOne({ _id: PRUNED_ID }, doc, { upsert: true });
    } catch (err) {
      // Two upserts of a missing document: FerretDB lets one insert win and fails the other.
      if (!isDuplicateKeyError(err)) throw err;
      await this.prunedDocuments.replaceOne({ _id: PRUNED_ID }, doc);
    }
  }

  /** The claim of a position, by primary key; null when nobody claimed it (yet). */
  claimAt(position: number): Promise<PositionClaim | null> {
    return this.positions.findOne({ _id: positionId(position) });
  }

  private async claimed(position: number): Promise<boolean> {
    return (await this.positions.findOne({ _id: positionId(position) }, { projection: { _id: 1 } })) !== null;
  }

  /**
   * The highest claimed position (or the floor), by point reads: claims are dense, every claim of
   * `p` having been made after `p - 1` was seen claimed, so this gallops up from a position known to
   * be taken and bisects. `from` must be taken (claimed, or at most the floor). A few reads when
   * `from` is close, as it is for the appending process and for the relay's checkpoint. Pruned
   * positions count as taken, so the walk starts at the pruning mark at the lowest.
   */
  async headPosition(from = 0): Promise<number> {
    let low = Math.max(from, await this.positionFloor(), this.lastPosition ?? 0, await this.prunedThrough());
    let step = 1;
    let high: number;
    for (;;) {
      if (!(await this.claimed(low + step))) {
        high = low + step;
        break;
      }
      low += step;
      step *= 2;
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (await this.claimed(mid)) low = mid;
      else high = mid;
    }
    this.lastPosition = Math.max(this.lastPosition ?? 0, low);
    return low;
  }

  /**
   * Takes the next global position for a commit by inserting its claim (a unique primary key:
   * FerretDB does not make `$inc` atomic), with a copy of the commit, before the commit itself.
   * Claims stay dense: a position is only tried once the one below it is seen taken, and the claims
   * this process asks for at the same time go in one ordered `insertMany` of consecutive positions,
   * which stops at its first failure, so a missing claim means nothing above it is claimed either.
   * Each commit is placed after its stream's head, so a stream's commits are always in position
   * order, which the outbox relay's order rests on.
   */
  private claimPosition(commit: CommitDocument, streamHeadPosition: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.claimQueue.push({ commit, streamHeadPosition, attempts: 0, resolve, reject });
      void this.claimQueued();
    });
  }

  private async claimQueued(): Promise<void> {
    if (this.claiming) return;
    this.claiming = true;
    try {
      while (this.claimQueue.length > 0) {
        const batch = this.claimQueue.splice(0, CLAIMS_AT_ONCE);
        try {
          await this.claimBatch(batch);
        } catch (err) {
          for (const c of batch) c.reject(err);
        }
      }
    } finally {
      this.claiming = false;
    }
  }

  private async claimBatch(batch: PendingClaim[]): Promise<void> {
    const floor = await this.positionFloor();
    this.lastPosition ??= await this.headPosition();
    let previous = Math.max(this.lastPosition, floor);
    const claimedAt = new Date();
    const claims = batch.map(({ commit, streamHeadPosition }) => {
      commit.position = Math.max(previous, streamHeadPosition) + 1;
      previous = commit.position;
      return { _id: positionId(commit.position), commitId: commit._id, claimedAt, commit: { ...commit } };
    });
    let inserted = claims.length;
    let clash: number | undefined;
    try {
      await this.positions.insertMany(claims, { ordered: true });
    } catch (err) {
      const first = firstWriteError(err);
      if (first === undefined) throw err;
      inserted = first.index;
      if (first.code === 11000) clash = claims[first.index]!.commit.position;
      else {
        for (const c of batch.slice(first.index)) c.reject(err);
      }
    }
    // A slot at or below the pruning mark was free only because its old claim was deleted (this
    // process knew an old head): those claims do not count. The mark is read after the insert and
    // written before any delete, so a slot above it was truly free (ADR 0022, retention).
    const stray = inserted > 0 ? await this.strayClaims(claims.slice(0, inserted)) : 0;
    if (inserted > 0) this.lastPosition = Math.max(this.lastPosition, claims[inserted - 1]!.commit.position);
    for (const c of batch.slice(stray, inserted)) c.resolve();
    if (stray > 0) {
      this.lastPosition = await this.headPosition(claims[stray - 1]?.commit.position);
      this.claimQueue.unshift(...batch.slice(0, stray), ...(clash === undefined ? [] : batch.slice(inserted)));
      return;
    }
    if (clash === undefined) return;
    // Another process took that position: learn how far the claims go, and claim the rest above.
    this.lastPosition = await this.headPosition(clash);
    const again = batch.slice(inserted).filter((c) => {
      if (++c.attempts < 50) return true;
      c.reject(new Error(`no free position after 50 attempts (last tried ${c.commit.position})`));
      return false;
    });
    this.claimQueue.unshift(...again);
  }

  /** How many of these just-inserted claims (consecutive, from the first) are at or below the pruning mark; those are deleted again. */
  private async strayClaims(inserted: readonly PositionClaim[]): Promise<number> {
    const mark = await this.prunedThrough();
    const stray = inserted.filter((c) => c.commit.position <= mark);
    if (stray.length > 0) await this.positions.bulkWrite(stray.map((c) => ({ deleteOne: { filter: { _id: c._id } } })), { ordered: false }).catch(() => undefined);
    return stray.length;
  }

  /**
   * What became of a claimed position. The commit is read by its `_id`: there with this position,
   * it holds it; there with another, its writer lost the stream race and the position is dead. Not
   * there: its writer is between the two inserts, or died there. A claim older than
   * `completeAfterMs` is then completed from its copy (the writer, if alive, finds its own commit);
   * a younger one is `waiting`. Nothing can insert the commit under this position later than a
   * `dead` or `live` answer, so the answer is final.
   */
  async resolveClaim(claim: PositionClaim, completeAfterMs: number, now = Date.now()): Promise<ClaimOutcome> {
    const position = claim.commit.position;
    const outcome = (found: Pick<CommitDocument, 'position'> | null): ClaimOutcome | undefined =>
      found ? (found.position === position ? { state: 'live', commit: found as CommitDocument } : { state: 'dead' }) : undefined;
    const known = outcome(await this.commits.findOne({ _id: claim.commitId }));
    if (known) return known;
    if (now - claim.claimedAt.getTime() < completeAfterMs) return { state: 'waiting' };
    try {
      await this.commits.insertOne(claim.commit);
      return { state: 'live', commit: claim.commit };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Its writer got there first, or the position is held by a commit without a claim: dead either way unless it is this one.
      return outcome(await this.commits.findOne({ _id: claim.commitId })) ?? { state: 'dead' };
    }
  }
}
