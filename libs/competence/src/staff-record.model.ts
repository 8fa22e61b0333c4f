import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { Qualification, Relation, StaffStatus } from './rules';

/**
 * One person as the directory (`directory.people.v1`) describes them for judging cases, keyed by
 * the person id and read by `_id` only: qualifications in force or lapsed (withdrawn ones dropped),
 * declared relations (retracted ones dropped), and whether they are active.
 */
@Schema({ collection: 'staff_competence', versionKey: false, strict: 'throw', minimize: false })
export class StaffRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  status!: StaffStatus;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true, default: [] })
  qualifications!: Qualification[];

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true, default: [] })
  relations!: Relation[];
}

export const StaffRecordSchema = SchemaFactory.createForClass(StaffRecord);
