import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What the review needs to know about a case, from `certification.case.v1`, keyed by the case id:
 * the organisation, the catalogue version, the product categories, the people with a declared
 * conflict of interest and the recertifications started (each a review cycle).
 */
@Schema({ collection: 'review_cases', versionKey: false, strict: 'throw' })
export class ReviewCase {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  organisationId!: string;

  @Prop({ type: String, required: true })
  catalogueVersion!: string;

  @Prop({ type: [String], required: true, default: [] })
  conflicts!: string[];

  /** The product categories of the case's scope as last drafted, edited or changed: what its reviewers must be qualified for. Absent on cases from before. */
  @Prop({ type: [String], default: undefined })
  productCategories?: string[];

  /** Lifecycle stream versions of the case's `recertification-started` events: each starts a review cycle. Absent on cases from before cycles. */
  @Prop({ type: [Number], default: undefined })
  recertifications?: number[];

  /** Lifecycle stream versions of the case's `surveillance-due` events: each asks for a surveillance audit plan. */
  @Prop({ type: [Number], default: undefined })
  surveillancesDue?: number[];

  /** Surveillance plans whose audit is over (its result recorded, the certificate ended or a new cycle began): no visit is due or taken under them. */
  @Prop({ type: [String], default: undefined })
  surveillancesClosed?: string[];
}

export const ReviewCaseSchema = SchemaFactory.createForClass(ReviewCase);
