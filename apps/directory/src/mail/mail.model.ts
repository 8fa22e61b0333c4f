import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const MAIL_KINDS = ['invitation', 'password-reset', 'welcome', 'report-due'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * A mail the directory sends (an invitation, a password reset): written here first, then sent by a
 * durable job when SMTP_URL names a mail server. The `_id` starts with the time it was written
 * (`20261201T045054428Z-<random>`), so `_id` order is time order and the demo outbox lists newest
 * first by an `_id` range.
 */
@Schema({ collection: 'mail_outbox', versionKey: false, strict: 'throw' })
export class OutboxMail {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true, enum: MAIL_KINDS })
  kind!: MailKind;

  @Prop({ type: String, required: true })
  to!: string;

  @Prop({ type: String, required: true })
  subject!: string;

  @Prop({ type: String, required: true })
  text!: string;

  /** The link the mail carries (with its one-time token), for the demo outbox's "open" button. */
  @Prop({ type: String, default: null })
  link!: string | null;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, default: null })
  sentAt!: Date | null;
}
export const OutboxMailSchema = SchemaFactory.createForClass(OutboxMail);
