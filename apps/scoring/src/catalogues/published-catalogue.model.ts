import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** A catalogue version a certification body published: stored once, never changed, keyed by its version. */
@Schema({ collection: 'catalogues', versionKey: false, strict: 'throw' })
export class PublishedCatalogue {
  @Prop({ type: String, required: true })
  _id!: string;

  /** As published; validated by the catalogue loader before it is stored. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  data!: unknown;

  @Prop({ type: String, required: true })
  publishedBy!: string;

  @Prop({ type: Date, required: true })
  publishedAt!: Date;
}

export const PublishedCatalogueSchema = SchemaFactory.createForClass(PublishedCatalogue);
