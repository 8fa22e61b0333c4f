import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { ReportKind } from './report-template';
import type { RawValue } from './report-values';

// Every collection here is read and written by `_id` only (ADR 0022): a month's records are read
// by point reads of a dense sequence, never by a range or another field.

/**
 * One fact the monthly report needs, under `<YYYY-MM>/<kind>/<sequence, 6 digits>`: the month (in
 * Asia/Shanghai) it happened in, so building a month reads that month's records and no other.
 */
@Schema({ collection: 'report_records', versionKey: false, strict: 'throw', minimize: false })
export class ReportRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  kind!: ReportKind;

  /** The fact it came from (event id, with the fact's index in a snapshot): a redelivered event's copy is dropped when the month is read. */
  @Prop({ type: String, required: true })
  source!: string;

  /** Which record, for people: a certificate or plan number, else the case id. */
  @Prop({ type: String, required: true })
  reference!: string;

  @Prop({ type: String, required: true })
  caseId!: string;

  @Prop({ type: String, required: true })
  at!: string;

  /** The values by field name (report-feed.ts), as they were when it happened; the template decides the columns. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  fields!: Record<string, RawValue>;
}

export const ReportRecordSchema = SchemaFactory.createForClass(ReportRecord);

/** A hint of the last sequence taken in a month's kind (`<YYYY-MM>/<kind>`); the truth is the first free `_id` above it. */
@Schema({ collection: 'report_heads', versionKey: false, strict: 'throw' })
export class ReportHead {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  value!: number;
}

export const ReportHeadSchema = SchemaFactory.createForClass(ReportHead);

/** An organisation as the reports need it (address and outlets, which the registry does not hold), by organisation id. */
@Schema({ collection: 'report_holders', versionKey: false, strict: 'throw', minimize: false })
export class ReportHolder {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  creditCode!: string;

  @Prop({ type: String, required: true })
  address!: string;

  @Prop({ type: [{ _id: false, name: String, address: String }], required: true })
  outlets!: { name: string; address: string }[];
}

export const ReportHolderSchema = SchemaFactory.createForClass(ReportHolder);

/** What the reports know of a case between its events: its audit plan's number and mode, for the audit result. */
@Schema({ collection: 'report_cases', versionKey: false, strict: 'throw' })
export class ReportCase {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  planNumber!: string;

  /** The plan's event: its redelivery finds the link and records nothing again. */
  @Prop({ type: String, required: true })
  source!: string;

  @Prop({ type: String, required: true })
  auditMode!: string;
}

export const ReportCaseSchema = SchemaFactory.createForClass(ReportCase);

export const recordId = (period: string, kind: ReportKind, seq: number) => `${period}/${kind}/${String(seq).padStart(6, '0')}`;
