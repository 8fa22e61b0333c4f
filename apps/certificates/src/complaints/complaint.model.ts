import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { OpenComplaintView } from '@gbt/contracts/views';

/** One complaint reference claimed by inserting it (`TS-<year>-<6 digits>`): the insert is what makes it unique. */
@Schema({ collection: 'complaint_references', versionKey: false, strict: 'throw' })
export class ComplaintReference {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  claimedAt!: string;
}
export const ComplaintReferenceSchema = SchemaFactory.createForClass(ComplaintReference);

/** The year's counter, keyed `TS-<year>`: where the next claim starts. It may lag after a crash, never lead. */
@Schema({ collection: 'complaint_counters', versionKey: false, strict: 'throw' })
export class ComplaintCounter {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true })
  last!: number;
}
export const ComplaintCounterSchema = SchemaFactory.createForClass(ComplaintCounter);

/** The complainant's contact details, by reference: never in an event, read only by the staff who handle complaints. */
@Schema({ collection: 'complaint_contacts', versionKey: false, strict: 'throw' })
export class ComplaintContact {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, default: null })
  name!: string | null;

  @Prop({ type: String, default: null })
  phone!: string | null;

  @Prop({ type: String, default: null })
  email!: string | null;
}
export const ComplaintContactSchema = SchemaFactory.createForClass(ComplaintContact);

/** One line of an open list, as `GET /complaints` answers it. */
export type OpenComplaintItem = OpenComplaintView;

/** The staff's work list of open complaints, one document per kind (`open-certificate`, `open-body`), read by `_id` (ADR 0022). */
@Schema({ collection: 'complaint_lists', versionKey: false, strict: 'throw' })
export class ComplaintList {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Raised by each write, which expects the version it read: concurrent writers retry rather than lose an update. */
  @Prop({ type: Number, default: 0 })
  version!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  items!: OpenComplaintItem[];
}
export const ComplaintListSchema = SchemaFactory.createForClass(ComplaintList);

export interface ComplaintTally {
  readonly reference: string;
  readonly receivedAt: string;
  readonly closedAt: string | null;
}

/** What the public sees of one certificate's complaints (counts only), keyed by certificate number. */
@Schema({ collection: 'certificate_complaints', versionKey: false, strict: 'throw' })
export class CertificateComplaints {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Raised by each write, which expects the version it read: concurrent writers retry rather than lose an update. */
  @Prop({ type: Number, default: 0 })
  version!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  entries!: ComplaintTally[];
}
export const CertificateComplaintsSchema = SchemaFactory.createForClass(CertificateComplaints);

/** The complaints about one case's certificates, keyed by case id: the holder's and staff's view of the case. */
@Schema({ collection: 'case_complaints', versionKey: false, strict: 'throw' })
export class CaseComplaints {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Raised by each write, which expects the version it read: concurrent writers retry rather than lose an update. */
  @Prop({ type: Number, default: 0 })
  version!: number;

  @Prop({ type: [String], default: [] })
  references!: string[];
}
export const CaseComplaintsSchema = SchemaFactory.createForClass(CaseComplaints);

export const complaintModels = [
  { name: ComplaintReference.name, schema: ComplaintReferenceSchema },
  { name: ComplaintCounter.name, schema: ComplaintCounterSchema },
  { name: ComplaintContact.name, schema: ComplaintContactSchema },
  { name: ComplaintList.name, schema: ComplaintListSchema },
  { name: CertificateComplaints.name, schema: CertificateComplaintsSchema },
  { name: CaseComplaints.name, schema: CaseComplaintsSchema },
];
