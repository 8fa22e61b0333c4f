import { completedBy, entryLeafHash, frontierOf, hexHash, nodeHash, type LogEntry } from '@gbt/certificate-core';
import { isDuplicateKeyError } from '@gbt/event-store';
import type { LogStore } from './log-store';
import { LOG_SIZE, sizeId, subtreeId, type LogLeaf } from './log.model';

/** Another writer took the index this one meant to append at: its view of the log is stale. */
export class LostLogRace extends Error {
  constructor(index: number) {
    super(`leaf ${index} of the public log was written by another writer`);
  }
}

/**
 * Appends leaves to the public log, one writer at a time (the appender holds a lease). An append
 * is: the leaf, inserted at the next index (a unique `_id`, so a second writer that slipped past
 * the lease fails instead of forking the log); then each complete subtree it closes; then the
 * certificate's key document; then the `size` checkpoint. A crash anywhere in between leaves a
 * leaf above the checkpoint, which the next writer finishes before appending (`recover`).
 * The frontier (the complete subtrees the log is made of) is kept in memory: O(log n) hashes.
 */
export class LogWriter {
  private size = 0;
  private frontier: { level: number; hash: Uint8Array }[] = [];

  constructor(private readonly store: LogStore) {}

  get appended(): number {
    return this.size;
  }

  /** Reads the checkpoint and its frontier, then finishes every leaf above it. */
  async recover(): Promise<number> {
    this.size = await this.store.size();
    this.frontier = await Promise.all(frontierOf(this.size).map(async ({ level, index }) => ({ level, hash: await this.store.subtreeHashes(level, index) })));
    for (let leaf = await this.store.leaf(this.size); leaf; leaf = await this.store.leaf(this.size)) await this.finish(leaf);
    return this.size;
  }

  /** Appends one entry at the next index; throws LostLogRace if that index is taken. */
  async append(entry: LogEntry): Promise<void> {
    const index = this.size;
    const leaf: LogLeaf = { _id: sizeId(index), number: entry.number, status: entry.status, at: entry.at, code: entry.code, eventId: entry.eventId, hash: hexHash(entryLeafHash(entry)) };
    try {
      await this.store.leaves.create(leaf);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new LostLogRace(index);
      throw err;
    }
    await this.finish(leaf);
  }

  private async finish(leaf: LogLeaf): Promise<void> {
    const index = Number(leaf._id);
    this.frontier.push({ level: 0, hash: Buffer.from(leaf.hash, 'hex') });
    for (const { level, index: at } of completedBy(index)) {
      const right = this.frontier.pop();
      const left = this.frontier.pop();
      if (!left || !right || left.level !== level - 1 || right.level !== level - 1) throw new Error(`the log's frontier does not hold the two halves of subtree ${level}:${at}`);
      const hash = nodeHash(left.hash, right.hash);
      // Upserted: a leaf finished again after a crash writes the same hash.
      await this.store.subtrees.updateOne({ _id: subtreeId(level, at) }, { $set: { hash: hexHash(hash) } }, { upsert: true });
      this.frontier.push({ level, hash });
    }
    const known = await this.store.leavesOf(leaf.number);
    if (!known.some((l) => l.index === index)) {
      await this.store.certificates.updateOne({ _id: leaf.number }, { $push: { leaves: { index, eventId: leaf.eventId } } }, { upsert: true });
    }
    this.size = index + 1;
    await this.store.meta.updateOne({ _id: LOG_SIZE }, { $max: { value: this.size } }, { upsert: true });
  }
}
