import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The provider's issuer and subject together: a subject is unique only within its issuer (OIDC Core 2). */
export const subjectKey = (issuer: string, subject: string): string => `${issuer} ${subject}`;

/**
 * An identity at the body's provider, to the person it signs in as: how an OIDC sign-in finds its
 * person by `_id` (ADR 0022), as `email_keys` does for a password sign-in. Not on Kafka.
 */
@Schema({ collection: 'oidc_subjects', versionKey: false, strict: 'throw' })
export class OidcSubject {
  /** subjectKey(issuer, sub). */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  personId!: string;
}
export const OidcSubjectSchema = SchemaFactory.createForClass(OidcSubject);
