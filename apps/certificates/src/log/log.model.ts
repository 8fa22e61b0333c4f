import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { LogEntry } from '@gbt/certificate-core';

// The public log (ADR 0030). Every collection is read and written by `_id` only (ADR 0022): a leaf
// by its index, a subtree by level and index, a tree head by its size, a certificate's leaves by
// its number. No other index is declared.

/** Keys sort as numbers do: 12 digits, room for a trillion leaves. */
export const sizeId = (n: number) => String(n).padStart(12, '0');
export const subtreeId = (level: number, index: number) => `${String(level).padStart(2, '0')}:${sizeId(index)}`;

/** One entry of the log, keyed by its index: never changed once written. */
@Schema({ collection: 'log_leaves', versionKey: false, strict: 'throw' })
export class LogLeaf implements LogEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  number!: string;

  @Prop({ type: String, required: true })
  status!: string;

  @Prop({ type: String, required: true })
  at!: string;

  @Prop({ type: String, required: true })
  code!: string;

  @Prop({ type: String, required: true })
  eventId!: string;

  /** The leaf hash (hex): the level-0 subtree. */
  @Prop({ type: String, required: true })
  hash!: string;
}

export const LogLeafSchema = SchemaFactory.createForClass(LogLeaf);

/** The hash of a complete subtree of level >= 1 (`<level>:<index>`), stored when its last leaf is appended. */
@Schema({ collection: 'log_subtrees', versionKey: false, strict: 'throw' })
export class LogSubtree {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  hash!: string;
}

export const LogSubtreeSchema = SchemaFactory.createForClass(LogSubtree);

/** A certificate's leaves, keyed by its number: the inclusion proofs of a certificate, and the idempotency key of each history entry (its event id). */
@Schema({ collection: 'log_certificates', versionKey: false, strict: 'throw' })
export class LogCertificate {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [{ _id: false, index: { type: Number, required: true }, eventId: { type: String, required: true } }], required: true })
  leaves!: { index: number; eventId: string }[];
}

export const LogCertificateSchema = SchemaFactory.createForClass(LogCertificate);

/** A signed tree head, keyed by its tree size. */
@Schema({ collection: 'log_tree_heads', versionKey: false, strict: 'throw' })
export class LogTreeHead {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  treeSize!: number;

  @Prop({ type: String, required: true })
  timestamp!: string;

  @Prop({ type: String, required: true })
  rootHash!: string;

  @Prop({ type: String, required: true })
  keyId!: string;

  @Prop({ type: String, required: true })
  signature!: string;
}

export const LogTreeHeadSchema = SchemaFactory.createForClass(LogTreeHead);

/**
 * The log's checkpoints: `size` (every leaf below it has its subtrees and certificate key written:
 * proofs and tree heads go no further), `registry-cursor` (the registry change sequence read up
 * to), `latest-tree-head` (the size of the newest tree head, a hint).
 */
@Schema({ collection: 'log_meta', versionKey: false, strict: 'throw' })
export class LogMeta {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  value!: number;
}

export const LogMetaSchema = SchemaFactory.createForClass(LogMeta);

export const LOG_SIZE = 'size';
export const REGISTRY_CURSOR = 'registry-cursor';
export const LATEST_TREE_HEAD = 'latest-tree-head';
