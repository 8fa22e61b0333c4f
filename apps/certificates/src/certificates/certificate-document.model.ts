import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { SignedCertificate } from '@gbt/certificate-core';

/** The key of a certificate version's document and PDF: `<number>:<6-digit version>`, read by equality only. */
export const documentId = (number: string, version: number) => `${number}:${String(version).padStart(6, '0')}`;

/** One signed version of a certificate: the first signature of a version is the one kept. */
@Schema({ collection: 'certificate_documents', versionKey: false, strict: 'throw', minimize: false })
export class CertificateDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  caseId!: string;

  @Prop({ type: String, required: true })
  number!: string;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  signed!: SignedCertificate;
}

export const CertificateDocumentSchema = SchemaFactory.createForClass(CertificateDocument);

/** A version's sealed PDF, keyed like its document. */
@Schema({ collection: 'certificate_pdfs', versionKey: false, strict: 'throw' })
export class CertificatePdf {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Buffer, required: true })
  pdf!: Buffer;

  @Prop({ type: String, required: true })
  sha256!: string;
}

export const CertificatePdfSchema = SchemaFactory.createForClass(CertificatePdf);
