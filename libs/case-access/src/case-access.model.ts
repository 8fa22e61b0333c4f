import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The organisation a case is for, from its `certification.application-drafted`; keyed by case id. */
@Schema({ collection: 'access_case_owners', versionKey: false, strict: 'throw' })
export class CaseOwner {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  organisationId!: string;
}

export const CaseOwnerSchema = SchemaFactory.createForClass(CaseOwner);

/** The people who act for an organisation: its registrant, then the directory's joins and departures; keyed by organisation id. */
@Schema({ collection: 'access_organisation_members', versionKey: false, strict: 'throw' })
export class OrganisationMembers {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true })
  members!: string[];
}

export const OrganisationMembersSchema = SchemaFactory.createForClass(OrganisationMembers);
