import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One allocated certificate number, keyed `<year>:<6-digit sequence>`: the insert that claims it is what makes it unique. */
@Schema({ collection: 'certificate_numbers', versionKey: false, strict: 'throw' })
export class AllocatedNumber {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  number!: string;

  @Prop({ type: String, required: true })
  caseId!: string;

  @Prop({ type: Number, required: true })
  cycle!: number;
}

export const AllocatedNumberSchema = SchemaFactory.createForClass(AllocatedNumber);

/** The number a case's cycle was given, keyed `<caseId>:<cycle>`, so asking again answers the same one. */
@Schema({ collection: 'certificate_number_assignments', versionKey: false, strict: 'throw' })
export class NumberAssignment {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  number!: string;
}

export const NumberAssignmentSchema = SchemaFactory.createForClass(NumberAssignment);

/** A hint, keyed by year, at the year's last allocated sequence: where the next allocation starts looking. It may lag, never lead. */
@Schema({ collection: 'certificate_number_hints', versionKey: false, strict: 'throw' })
export class NumberHint {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  last!: number;
}

export const NumberHintSchema = SchemaFactory.createForClass(NumberHint);
