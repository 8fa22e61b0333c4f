import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, DomainRefusal, type Clock } from '@gbt/platform';
import { OneTimeToken, type OneTimePurpose } from './account.models';
import { opaqueToken, sha256 } from './sessions';

type Binding = Partial<Pick<OneTimeToken, 'personId' | 'organisationId' | 'invitationId' | 'email'>>;

/** Tokens for one use (mailed links, TOTP enrolment tickets), stored as their sha256, read by `_id`. */
@Injectable()
export class OneTimeTokens {
  constructor(
    @InjectModel(OneTimeToken.name) private readonly tokens: Model<OneTimeToken>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(purpose: OneTimePurpose, binding: Binding, lifetimeMs: number): Promise<string> {
    const token = opaqueToken();
    const expiresAt = new Date(this.clock.now().getTime() + lifetimeMs);
    await this.tokens.create({ _id: sha256(token), purpose, personId: null, organisationId: null, invitationId: null, email: null, ...binding, expiresAt, usedAt: null });
    return token;
  }

  /** The token's record if it is of this purpose, unused and unexpired; else 400 `auth.token-invalid`. */
  async check(purpose: OneTimePurpose, token: string): Promise<OneTimeToken> {
    const record = await this.tokens.findById(sha256(token)).lean();
    if (!record || record.purpose !== purpose || record.usedAt || record.expiresAt <= this.clock.now()) {
      throw new DomainRefusal('auth.token-invalid', `this ${purpose} link or ticket is unknown, used or expired`, 400, { purpose });
    }
    return record;
  }

  /** Checks and uses the token: of two concurrent uses one wins, the other is refused. */
  async use(purpose: OneTimePurpose, token: string): Promise<OneTimeToken> {
    const record = await this.check(purpose, token);
    const used = await this.tokens.updateOne({ _id: record._id, usedAt: null }, { $set: { usedAt: this.clock.now() } });
    if (used.modifiedCount !== 1) throw new DomainRefusal('auth.token-invalid', `this ${purpose} link or ticket was used already`, 400, { purpose });
    return record;
  }
}

/** What a token was issued for (its person, organisation, ...); a token without it was issued for something else. */
export function boundTo(record: OneTimeToken, field: keyof Binding): string {
  const value = record[field];
  if (!value) throw new DomainRefusal('auth.token-invalid', `this ${record.purpose} token names no ${field}`, 400, { purpose: record.purpose });
  return value;
}
