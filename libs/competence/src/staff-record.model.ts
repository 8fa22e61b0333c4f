import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { Role } from '@gbt/access-policy';
import type { Qualification, Relation, StaffStatus } from './rules';

/**
 * One person as the directory (`directory.people.v1`) describes them for judging cases, keyed by
 * the person id and read by `_id` only: name and roles, qualifications in force or lapsed
 * (withdrawn ones dropped), declared relations (retracted ones dropped), and whether they are active.
 */
@Schema({ collection: 'staff_competence', versionKey: false, strict: 'throw', minimize: false })
export class StaffRecord {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, default: '' })
  name!: string;

  @Prop({ type: [String], default: [] })
  roles!: Role[];

  @Prop({ type: String, required: true })
  status!: StaffStatus;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true, default: [] })
  qualifications!: Qualification[];

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true, default: [] })
  relations!: Relation[];
}

export const StaffRecordSchema = SchemaFactory.createForClass(StaffRecord);

/**
 * The people who hold a role, keyed by the role: one `_id` read lists the candidates for a task
 * (a filter on `staff_competence.roles` would be a scan on FerretDB, ADR 0022). A staff of hundreds
 * keeps it small.
 */
@Schema({ collection: 'staff_roster', versionKey: false, strict: 'throw' })
export class StaffRoster {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true, default: [] })
  people!: string[];
}

export const StaffRosterSchema = SchemaFactory.createForClass(StaffRoster);
