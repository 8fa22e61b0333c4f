import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export interface ScorecardRecord {
  readonly scorecardId: string;
  readonly hash: string;
  readonly score: number;
  readonly level: string | null;
  readonly passed: boolean;
  readonly previousScorecardId: string | null;
}

export interface ReviewReportRecord {
  readonly hash: string;
  readonly eventId: string;
}

/** What a decision is bound to, keyed by case id: the case's scorecards and latest review report, as hashes of their exact content. */
@Schema({ collection: 'evaluations', versionKey: false, strict: 'throw', minimize: false })
export class EvaluationRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true, default: [] })
  scorecards!: ScorecardRecord[];

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  reviewReport!: ReviewReportRecord | null;
}

export const EvaluationRecordSchema = SchemaFactory.createForClass(EvaluationRecord);
