import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

// Every document here is read and written by `_id` only (FerretDB uses no other index: ADR 0022).
// None of them is on Kafka: passwords, TOTP secrets and tokens never leave the directory.

/** A person's credentials, keyed by the person id. */
@Schema({ collection: 'accounts', versionKey: false, strict: 'throw' })
export class Account {
  @Prop({ type: String, required: true })
  _id!: string;

  /** argon2id; null until the person sets a password (an invited colleague, a demo person). */
  @Prop({ type: String, default: null })
  passwordHash!: string | null;

  /** The TOTP secret, encrypted (AES-256-GCM); null until enrolment is confirmed. */
  @Prop({ type: String, default: null })
  totpSecret!: string | null;

  /** A secret handed out for enrolment, active once a code from it is confirmed. */
  @Prop({ type: String, default: null })
  pendingTotpSecret!: string | null;

  /** The TOTP time step of the last code accepted: a code of that step or an earlier one is refused (RFC 6238 5.2, no replay). */
  @Prop({ type: Number, default: null })
  lastTotpStep!: number | null;

  /** Raised to revoke every refresh token at once (disabled, removed, password changed). */
  @Prop({ type: Number, required: true, default: 0 })
  sessionEpoch!: number;
}
export const AccountSchema = SchemaFactory.createForClass(Account);

/** A normalised email address, to the person it belongs to: how sign-in finds a person by `_id`. */
@Schema({ collection: 'email_keys', versionKey: false, strict: 'throw' })
export class EmailKey {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  personId!: string;
}
export const EmailKeySchema = SchemaFactory.createForClass(EmailKey);

/** One sign-in's chain of refresh tokens: rotated on each use, revoked whole when an old one comes back. */
@Schema({ collection: 'token_families', versionKey: false, strict: 'throw' })
export class TokenFamily {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  personId!: string;

  /** The account's session epoch when signed in; a later epoch revokes the family. */
  @Prop({ type: Number, required: true })
  epoch!: number;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  @Prop({ type: String, default: null })
  revokedBecause!: string | null;
}
export const TokenFamilySchema = SchemaFactory.createForClass(TokenFamily);

/** A refresh token, stored as its sha256 only. */
@Schema({ collection: 'refresh_tokens', versionKey: false, strict: 'throw' })
export class RefreshToken {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  familyId!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  /** Set when it was exchanged for the next one: a second use is a stolen token. */
  @Prop({ type: Date, default: null })
  usedAt!: Date | null;
}
export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);

export const ONE_TIME_PURPOSES = ['invitation', 'password-reset', 'totp-enrolment'] as const;
export type OneTimePurpose = (typeof ONE_TIME_PURPOSES)[number];

/** A token mailed or handed out for one use (an invitation, a password reset, a TOTP enrolment), stored as its sha256. */
@Schema({ collection: 'one_time_tokens', versionKey: false, strict: 'throw' })
export class OneTimeToken {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true, enum: ONE_TIME_PURPOSES })
  purpose!: OneTimePurpose;

  @Prop({ type: String, default: null })
  personId!: string | null;

  @Prop({ type: String, default: null })
  organisationId!: string | null;

  @Prop({ type: String, default: null })
  invitationId!: string | null;

  @Prop({ type: String, default: null })
  email!: string | null;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  usedAt!: Date | null;
}
export const OneTimeTokenSchema = SchemaFactory.createForClass(OneTimeToken);

export const accountModels = [
  { name: Account.name, schema: AccountSchema },
  { name: EmailKey.name, schema: EmailKeySchema },
  { name: TokenFamily.name, schema: TokenFamilySchema },
  { name: RefreshToken.name, schema: RefreshTokenSchema },
  { name: OneTimeToken.name, schema: OneTimeTokenSchema },
];
