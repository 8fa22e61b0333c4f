import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { consistencyProof, hexHash, inclusionProof, rootHash, type SubtreeHashes, type TreeHead } from '@gbt/certificate-core';
import { DomainRefusal } from '@gbt/platform';
import {
  LATEST_TREE_HEAD,
  LOG_SIZE,
  LogCertificate,
  LogCertificateSchema,
  LogLeaf,
  LogLeafSchema,
  LogMeta,
  LogMetaSchema,
  LogSubtree,
  LogSubtreeSchema,
  LogTreeHead,
  LogTreeHeadSchema,
  sizeId,
  subtreeId,
} from './log.model';

/** Leaves served per request of a range. */
export const MAX_LEAVES_PER_PAGE = 256;

export const treeHeadView = (doc: LogTreeHead): TreeHead => ({ treeSize: doc.treeSize, timestamp: doc.timestamp, rootHash: doc.rootHash, keyId: doc.keyId, signature: doc.signature });
export const leafView = (doc: LogLeaf) => ({ index: Number(doc._id), entry: { number: doc.number, status: doc.status, at: doc.at, code: doc.code, eventId: doc.eventId }, leafHash: doc.hash });

/**
 * The public log as stored (ADR 0030): leaves by index, complete subtrees by level and index, tree
 * heads by size, a certificate's leaves by number. Every read is a point read by `_id`; a proof
 * reads O(log n) subtrees. Reads stop at the `size` checkpoint: below it every subtree is stored.
 */
@Injectable()
export class LogStore {
  readonly leaves: Model<LogLeaf>;
  readonly subtrees: Model<LogSubtree>;
  readonly certificates: Model<LogCertificate>;
  readonly treeHeads: Model<LogTreeHead>;
  readonly meta: Model<LogMeta>;

  constructor(@InjectConnection() connection: Connection) {
    // Compiled here, as the registry's are: the module stays as it is.
    this.leaves = connection.model(LogLeaf.name, LogLeafSchema);
    this.subtrees = connection.model(LogSubtree.name, LogSubtreeSchema);
    this.certificates = connection.model(LogCertificate.name, LogCertificateSchema);
    this.treeHeads = connection.model(LogTreeHead.name, LogTreeHeadSchema);
    this.meta = connection.model(LogMeta.name, LogMetaSchema);
  }

  async metaValue(id: string): Promise<number | null> {
    return (await this.meta.findById(id).lean<LogMeta>())?.value ?? null;
  }

  /** How many leaves are complete: appended, with their subtrees and certificate keys. */
  async size(): Promise<number> {
    return (await this.metaValue(LOG_SIZE)) ?? 0;
  }

  /** The stored hash of a complete subtree (level 0: a leaf); throws if it is missing, which would be a broken log. */
  readonly subtreeHashes: SubtreeHashes = async (level, index) => {
    const doc = level === 0 ? await this.leaves.findById(sizeId(index)).lean<LogLeaf>() : await this.subtrees.findById(subtreeId(level, index)).lean<LogSubtree>();
    if (!doc) throw new Error(`the log has no subtree ${level}:${index}`);
    return Buffer.from(doc.hash, 'hex');
  };

  async root(size: number): Promise<string> {
    return hexHash(await rootHash(this.subtreeHashes, size));
  }

  async treeHead(size: number): Promise<TreeHead | null> {
    const doc = await this.treeHeads.findById(sizeId(size)).lean<LogTreeHead>();
    return doc ? treeHeadView(doc) : null;
  }

  /** The newest signed tree head: the hint names its size (ADR 0030: heads are sparse, so they are not walked). */
  async latestTreeHead(): Promise<TreeHead | null> {
    const size = await this.metaValue(LATEST_TREE_HEAD);
    return size === null ? null : this.treeHead(size);
  }

  async leaf(index: number): Promise<LogLeaf | null> {
    return this.leaves.findById(sizeId(index)).lean<LogLeaf>();
  }

  /** Leaves [start, end), by point reads (an `_id` range is a full read on FerretDB, ADR 0022). */
  async leafRange(start: number, end: number): Promise<LogLeaf[]> {
    const found = await Promise.all(Array.from({ length: end - start }, (_, i) => this.leaf(start + i)));
    return found.filter((l): l is LogLeaf => l !== null);
  }

  async leavesOf(number: string): Promise<{ index: number; eventId: string }[]> {
    return (await this.certificates.findById(number).lean<LogCertificate>())?.leaves ?? [];
  }

  /** A tree size a proof may use: a whole number, at most the complete size. */
  async requireSize(size: number, name: string): Promise<number> {
    const complete = await this.size();
    if (size > complete) throw new DomainRefusal('BeyondLogSize', `${name} ${size} is beyond the log's size ${complete}`, 400);
    return complete;
  }

  async inclusion(index: number, size: number): Promise<string[]> {
    await this.requireSize(size, 'treeSize');
    if (index >= size) throw new DomainRefusal('LeafNotInTree', `leaf ${index} is not in a tree of ${size} leaves (indexes start at 0)`, 400);
    return (await inclusionProof(this.subtreeHashes, index, size)).map(hexHash);
  }

  async consistency(first: number, second: number): Promise<string[]> {
    await this.requireSize(second, 'second');
    if (first > second) throw new DomainRefusal('ShrinkingTree', `first (${first}) must not exceed second (${second}): a log only grows`, 400);
    return (await consistencyProof(this.subtreeHashes, first, second)).map(hexHash);
  }
}
