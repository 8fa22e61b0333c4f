import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { AppealedDecision } from '@gbt/contracts';
import type { AppealListEntry } from '@gbt/contracts/views';

/**
 * The decisions of a case a person could appeal, as the lifecycle's snapshots showed them (kind,
 * date in Shanghai, decision maker), keyed by case id: a projection, rebuilt by replaying snapshots.
 */
@Schema({ collection: 'appealable_decisions', versionKey: false, strict: 'throw', minimize: false })
export class AppealableDecisions {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  decisions!: AppealedDecision[];
}

export const AppealableDecisionsSchema = SchemaFactory.createForClass(AppealableDecisions);

/**
 * A decision makers' list of open appeals, read by `_id` (ADR 0022): `open` holds every open
 * appeal, `handler:<personId>` the open appeals that person handles.
 */
@Schema({ collection: 'appeal_lists', versionKey: false, strict: 'throw', minimize: false })
export class AppealList {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Bumped by every change: a change based on an older read is tried again. */
  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  entries!: AppealListEntry[];
}

export const AppealListSchema = SchemaFactory.createForClass(AppealList);
