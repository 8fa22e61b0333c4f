import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DomainRefusal } from '@gbt/platform';
import { PEOPLE, type People } from '../people/people.aggregate';
import type { PersonState } from '../people/person.decider';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../settings';
import { Account, RefreshToken, TokenFamily } from './account.models';
import { KEYS, type DirectoryKeys } from './keys';

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
/** 256 random bits, URL-safe: refresh tokens and the one-time tokens of mails. */
export const opaqueToken = (): string => randomBytes(32).toString('base64url');

export interface Tokens {
  readonly tokenType: 'Bearer';
  readonly accessToken: string;
  /** Seconds the access token lives. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: string;
  readonly person: { readonly id: string; readonly name: string; readonly roles: readonly string[] };
}

/**
 * Tokens live in real time, not on the demo clock: the services check "iat" and "exp" against
 * their machine's time, whatever simulated time their domain runs on.
 */
const realNow = (): Date => new Date();
const idOf = (person: PersonState): string => {
  if (!person.personId) throw new DomainRefusal('directory.person-unknown', 'no such person', 404);
  return person.personId;
};
const refused = (code: string, message: string) => new DomainRefusal(code, message, 401);

/**
 * Access and refresh tokens. An access token is a short-lived JWT (ACCESS_TOKEN_SECONDS, default
 * 5 minutes) the services verify on their own; a refresh token is opaque, stored as its sha256,
 * exchanged once for the next one of its family. A refresh token used twice means one was stolen:
 * its whole family is revoked. Raising the account's session epoch (disabled, removed, password
 * reset) revokes every family at once: the next refresh is refused.
 */
@Injectable()
export class Sessions {
  constructor(
    @InjectModel(Account.name) private readonly accounts: Model<Account>,
    @InjectModel(TokenFamily.name) private readonly families: Model<TokenFamily>,
    @InjectModel(RefreshToken.name) private readonly refreshTokens: Model<RefreshToken>,
    @Inject(PEOPLE) private readonly people: People,
    @Inject(KEYS) private readonly keys: DirectoryKeys,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
  ) {}

  /** A new sign-in: a new family and its first refresh token. */
  async start(person: PersonState): Promise<Tokens> {
    const personId = idOf(person);
    const account = await this.accounts.findOneAndUpdate({ _id: personId }, { $setOnInsert: { passwordHash: null, totpSecret: null, pendingTotpSecret: null, sessionEpoch: 0 } }, { upsert: true, new: true }).lean();
    const familyId = randomUUID();
    await this.families.create({ _id: familyId, personId, epoch: account?.sessionEpoch ?? 0, revokedAt: null, revokedBecause: null });
    return this.issue(person, familyId);
  }

  /** Exchanges a refresh token for new tokens, with the person's current name and roles. */
  async refresh(refreshToken: string): Promise<Tokens> {
    const now = realNow();
    const token = await this.refreshTokens.findById(sha256(refreshToken)).lean();
    if (!token) throw refused('auth.refresh-invalid', 'this refresh token is unknown');
    const family = await this.families.findById(token.familyId).lean();
    if (!family || family.revokedAt) throw refused('auth.refresh-revoked', 'this sign-in has ended; sign in again');
    if (token.expiresAt <= now) throw refused('auth.refresh-expired', 'this refresh token has expired; sign in again');
    // Marked used only if it was not: of two concurrent uses exactly one wins, the other is a reuse.
    const claimed = await this.refreshTokens.updateOne({ _id: token._id, usedAt: null }, { $set: { usedAt: now } });
    if (claimed.modifiedCount !== 1) {
      await this.revokeFamily(family._id, 'reused');
      throw refused('auth.refresh-reused', 'this refresh token was used before: the sign-in is ended for safety; sign in again');
    }
    const account = await this.accounts.findById(family.personId).lean();
    if (!account || account.sessionEpoch !== family.epoch) {
      await this.revokeFamily(family._id, 'account-sessions-revoked');
      throw refused('auth.refresh-revoked', 'this sign-in has been revoked; sign in again');
    }
    const { state } = await this.people.load(family.personId);
    if (state.status !== 'active') {
      await this.revokeFamily(family._id, `person-${state.status ?? 'unknown'}`);
      throw refused('auth.person-inactive', 'this account is disabled or removed');
    }
    return this.issue(state, family._id);
  }

  /** Ends the sign-in the refresh token belongs to; an unknown token ends nothing and is no error. */
  async end(refreshToken: string): Promise<void> {
    const token = await this.refreshTokens.findById(sha256(refreshToken)).lean();
    if (token) await this.revokeFamily(token.familyId, 'signed-out');
  }

  /** Every refresh token of the person stops working now (disabled, removed, password reset). */
  async revokeAll(personId: string): Promise<void> {
    await this.accounts.updateOne({ _id: personId }, { $inc: { sessionEpoch: 1 } }, { upsert: true });
  }

  private async revokeFamily(familyId: string, because: string): Promise<void> {
    await this.families.updateOne({ _id: familyId, revokedAt: null }, { $set: { revokedAt: realNow(), revokedBecause: because } });
  }

  private async issue(person: PersonState, familyId: string): Promise<Tokens> {
    const now = realNow();
    const refreshToken = opaqueToken();
    const refreshExpiresAt = new Date(now.getTime() + this.settings.refreshTokenDays * 86_400_000);
    await this.refreshTokens.create({ _id: sha256(refreshToken), familyId, expiresAt: refreshExpiresAt, usedAt: null });
    const claims = { sub: idOf(person), name: person.name, roles: person.roles };
    const ttlSeconds = this.settings.accessTokenSeconds;
    const accessToken = await this.keys.signing.sign(claims, { issuer: this.settings.issuer, audience: this.settings.audience, ttlSeconds, now });
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: ttlSeconds,
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      person: { id: claims.sub, name: claims.name, roles: claims.roles },
    };
  }
}
