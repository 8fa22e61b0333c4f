import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { Level } from '@gbt/catalogue';
import type { ReasonCode } from '@gbt/contracts';
import type { HistoryEntry, PublicStatus, RegistryEntry } from './registry-entry';

// Every collection here is read and written by `_id` only (ADR 0011, 0022, 0023): FerretDB 1.x
// uses no other index, and none is declared.

@Schema({ _id: false, versionKey: false, strict: 'throw' })
class Holder {
  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  creditCode!: string;
}

@Schema({ _id: false, versionKey: false, strict: 'throw' })
class History implements HistoryEntry {
  @Prop({ type: String, required: true })
  eventId!: string;

  @Prop({ type: String, required: true })
  status!: PublicStatus;

  @Prop({ type: String, required: true })
  change!: string;

  @Prop({ type: String, required: true })
  reason!: string;

  /** Absent on entries recorded before reason codes. */
  @Prop({ type: String })
  code?: ReasonCode;

  @Prop({ type: MongooseSchema.Types.Mixed })
  params?: Record<string, string>;

  /** A surveillance's visited sites; absent on other entries. */
  @Prop({ type: [String], default: undefined })
  sites?: string[];

  @Prop({ type: String, required: true })
  at!: string;
}

/** A certificate as the public registry shows it, keyed by its number (`registry-entry.ts`). */
@Schema({ collection: 'registry', versionKey: false, strict: 'throw' })
export class RegistryDocument implements RegistryEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  caseId!: string;

  @Prop({ type: Number, required: true })
  cycle!: number;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: SchemaFactory.createForClass(Holder), required: true })
  holder!: Holder;

  /** The name as it was matched before the in-process index (NFKC, lower case); kept for entries written before it. */
  @Prop({ type: String, required: true })
  holderKey!: string;

  @Prop({ type: String, required: true })
  level!: Level;

  /** The case's scope as the lifecycle snapshot states it. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  scope!: RegistryEntry['scope'];

  @Prop({ type: String, required: true })
  issuingBody!: string;

  @Prop({ type: String, required: true })
  validFrom!: string;

  @Prop({ type: String, required: true })
  validUntil!: string;

  @Prop({ type: String, required: true })
  status!: PublicStatus;

  @Prop({ type: String, required: true })
  statusReason!: string;

  @Prop({ type: String, default: null })
  suspendedUntil!: string | null;

  @Prop({ type: String, default: null })
  supersedes!: string | null;

  @Prop({ type: String, default: null })
  supersededBy!: string | null;

  @Prop({ type: [SchemaFactory.createForClass(History)], required: true })
  history!: History[];
}

export const RegistryDocumentSchema = SchemaFactory.createForClass(RegistryDocument);

/** The certificates of a case, keyed by case id: one read finds the previous cycle's certificate. */
@Schema({ collection: 'registry_cases', versionKey: false, strict: 'throw' })
export class RegistryCase {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true })
  numbers!: string[];
}

export const RegistryCaseSchema = SchemaFactory.createForClass(RegistryCase);

/** The certificates of a holder, keyed by unified social credit code: the look-up by credit code. */
@Schema({ collection: 'registry_holders', versionKey: false, strict: 'throw' })
export class RegistryHolder {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true })
  numbers!: string[];
}

export const RegistryHolderSchema = SchemaFactory.createForClass(RegistryHolder);

/**
 * One registry write, keyed by a dense sequence (`changeId`): instances that did not make the
 * write walk these by `_id` to bring their search index up to date (ADR 0023).
 */
@Schema({ collection: 'registry_changes', versionKey: false, strict: 'throw' })
export class RegistryChange {
  @Prop({ type: String, required: true })
  _id!: string;

  /** The certificate whose entry changed. */
  @Prop({ type: String, required: true })
  number!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const RegistryChangeSchema = SchemaFactory.createForClass(RegistryChange);

/** Small facts about the registry's collections: the change log's latest sequence (a hint), whether the key documents were backfilled. */
@Schema({ collection: 'registry_meta', versionKey: false, strict: 'throw' })
export class RegistryMeta {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  value!: number;
}

export const RegistryMetaSchema = SchemaFactory.createForClass(RegistryMeta);

/** A change's `_id`: its sequence number, 12 digits, so keys also sort as numbers do. */
export const changeId = (seq: number) => String(seq).padStart(12, '0');
