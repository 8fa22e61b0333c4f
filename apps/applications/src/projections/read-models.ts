import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

// The case list's read models (ADR 0024): every document keyed by `_id`, read and written by `_id`
// only, no other index (FerretDB uses none but `_id`, ADR 0011). Each can be dropped and rebuilt from
// the event log.

/** One row per case, keyed by the case id: what the case list shows. */
@Schema({ collection: 'case_list', versionKey: false, strict: 'throw' })
export class CaseListRow {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  organisationId!: string;

  @Prop({ type: String, default: null })
  organisationName!: string | null;

  @Prop({ type: String, required: true })
  status!: string;

  @Prop({ type: String, default: null })
  phase!: string | null;

  @Prop({ type: String, default: null })
  level!: string | null;

  @Prop({ type: String, default: null })
  certificateNumber!: string | null;

  @Prop({ type: String, default: null })
  validUntil!: string | null;

  @Prop({ type: String, default: null })
  nextSurveillanceBy!: string | null;

  @Prop({ type: String, default: null })
  suspendedUntil!: string | null;

  /** The earliest date something is due: surveillance, end of suspension or expiry. */
  @Prop({ type: String, default: null })
  dueBy!: string | null;

  @Prop({ type: Number, required: true })
  openNonconformities!: number;

  /** An upheld appeal has the certificate's level decided again (ADR 0038): on the decision makers' list until it is. */
  @Prop({ type: Boolean, default: false })
  levelReopened?: boolean;

  @Prop({ type: String, default: null })
  submittedAt!: string | null;

  @Prop({ type: String, required: true })
  updatedAt!: string;

  @Prop({ type: Number, required: true })
  version!: number;
}
export const CaseListRowSchema = SchemaFactory.createForClass(CaseListRow);

/** One entry per organisation, keyed by the organisation id. */
@Schema({ collection: 'organisation_directory', versionKey: false, strict: 'throw' })
export class OrganisationEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  creditCode!: string;

  @Prop({ type: [String], required: true, default: [] })
  members!: string[];

  @Prop({ type: Number, required: true })
  version!: number;
}
export const OrganisationEntrySchema = SchemaFactory.createForClass(OrganisationEntry);

/** The organisations a person is a member of, keyed by the person id: the applicant's case list starts here. */
@Schema({ collection: 'member_organisations', versionKey: false, strict: 'throw' })
export class MemberOrganisations {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true, default: [] })
  organisationIds!: string[];
}
export const MemberOrganisationsSchema = SchemaFactory.createForClass(MemberOrganisations);

/** The cases of an organisation, keyed by the organisation id: the rows to rename when its name changes. */
@Schema({ collection: 'organisation_cases', versionKey: false, strict: 'throw' })
export class OrganisationCases {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true, default: [] })
  caseIds!: string[];
}
export const OrganisationCasesSchema = SchemaFactory.createForClass(OrganisationCases);

export const caseListModels = [
  { name: OrganisationCases.name, schema: OrganisationCasesSchema },
  { name: CaseListRow.name, schema: CaseListRowSchema },
  { name: OrganisationEntry.name, schema: OrganisationEntrySchema },
  { name: MemberOrganisations.name, schema: MemberOrganisationsSchema },
];
