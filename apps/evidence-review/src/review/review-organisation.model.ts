import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * An organisation applying for certification, from `applications.organisation.v1`, keyed by the
 * organisation id (read and written by `_id` only): its name (the reviewer's work list), and its
 * outlets and headcount (what audit plans sample and compute the effort from).
 */
@Schema({ collection: 'review_organisations', versionKey: false, strict: 'throw' })
export class ReviewOrganisation {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  name!: string;

  /** Every outlet with its stable id; absent on records from before audit plans. */
  @Prop({ type: [{ _id: false, id: String, name: String, address: String }], default: undefined })
  outlets?: { id: string; name: string; address: string }[];

  /** Headcount, when the applicant gave it. */
  @Prop({ type: Number, default: undefined })
  employees?: number;

  /**
   * Outlets with a finding at an audit, keyed by the outlet id in hex (issue 19): the next audit's
   * sample includes them. `order`: the surveillance whose visit set the entry, so a late older
   * visit changes nothing; `cleared`: a later visit conformed (absent on entries from before both).
   */
  @Prop({ type: Object, default: undefined })
  outletFlags?: Record<string, { outletId: string; planId: string; finding: string; order?: number; cleared?: boolean }>;
}

export const ReviewOrganisationSchema = SchemaFactory.createForClass(ReviewOrganisation);
