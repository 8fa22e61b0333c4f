import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The name of an organisation applying for certification, from `applications.organisation.v1`,
 * keyed by the organisation id (read and written by `_id` only): what the reviewer's work list shows.
 */
@Schema({ collection: 'review_organisations', versionKey: false, strict: 'throw' })
export class ReviewOrganisation {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  name!: string;
}

export const ReviewOrganisationSchema = SchemaFactory.createForClass(ReviewOrganisation);
