import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { CaseStatusSnapshot } from '@gbt/contracts';

/** A case as the lifecycle's owner last published it (its status snapshot without the facts that led there). */
export type CaseView = Omit<CaseStatusSnapshot, 'changes'>;

/** The latest `certification.case-status-changed` snapshot of a case, keyed by the case id. */
@Schema({ collection: 'lifecycle_snapshots', versionKey: false, strict: 'throw', minimize: false })
export class CaseSnapshot {
  @Prop({ type: String, required: true })
  _id!: string;

  /** The stream version of the snapshot kept: an older or repeated one changes nothing. */
  @Prop({ type: Number, required: true })
  version!: number;

  /** As published; validated against the contract's schema before it is kept. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  state!: CaseView;
}

export const CaseSnapshotSchema = SchemaFactory.createForClass(CaseSnapshot);

/** A certificate holder's registered name and credit code, keyed by organisation id. */
@Schema({ collection: 'holders', versionKey: false, strict: 'throw' })
export class Holder {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  creditCode!: string;
}

export const HolderSchema = SchemaFactory.createForClass(Holder);
