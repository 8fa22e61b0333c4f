import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Role } from '@gbt/auth';
import { DomainRefusal } from '@gbt/platform';
import { PEOPLE, type People } from '../people/people.aggregate';
import { normaliseEmail } from '../people/people-commands';
import type { PersonState } from '../people/person.decider';
import { Account, EmailKey } from './account.models';
import { KEYS, type DirectoryKeys } from './keys';
import { LoginThrottle } from './login-throttle';
import { boundTo, OneTimeTokens } from './one-time-tokens';
import { spendVerificationTime, verifyPassword } from './passwords';
import { Sessions, type Tokens } from './sessions';
import { newTotpSecret, totpStep, totpUri } from './totp';

/** Roles whose sign-in needs a second factor (ISO/IEC 17065: who decides and who administers). */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['decision-maker', 'administrator'];
const ENROLMENT_TICKET_MS = 10 * 60_000;
const TOTP_ISSUER = 'GB/T 27922';

// TOTP codes are checked in real time, not on the demo clock: the authenticator app knows only real time.
const wrongCode = () => new DomainRefusal('auth.totp-invalid', 'this code is not the one the authenticator shows now', 401);
const invalidCredentials = () => new DomainRefusal('auth.invalid-credentials', 'the email address or the password is wrong', 401);

/**
 * Signing people in. Every method (the password here; the identity provider's claims mapped to a
 * person in `oidc/`) ends in a session start: the person must be active, and a person with TOTP,
 * or in a role that requires it, must have given a valid code before tokens are handed out.
 */
@Injectable()
export class SignIn {
  constructor(
    @InjectModel(Account.name) private readonly accounts: Model<Account>,
    @InjectModel(EmailKey.name) private readonly emails: Model<EmailKey>,
    @Inject(PEOPLE) private readonly people: People,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(OneTimeTokens) private readonly tickets: OneTimeTokens,
    @Inject(KEYS) private readonly keys: DirectoryKeys,
  ) {}

  /** The person an email address belongs to, if any (a point read of `email_keys`). */
  async personByEmail(email: string): Promise<string | undefined> {
    return (await this.emails.findById(normaliseEmail(email)).lean())?.personId;
  }

  async withPassword(input: { email: string; password: string; totp?: string }, address: string): Promise<Tokens> {
    const email = normaliseEmail(input.email);
    await this.throttle.attempt(address, email);
    const personId = await this.personByEmail(email);
    const account = personId ? await this.accounts.findById(personId).lean() : null;
    if (!account?.passwordHash) {
      await spendVerificationTime(input.password);
      await this.throttle.failed(email);
      throw invalidCredentials();
    }
    if (!(await verifyPassword(account.passwordHash, input.password))) {
      await this.throttle.failed(email);
      throw invalidCredentials();
    }
    const tokens = await this.complete(account, input.totp, () => this.throttle.failed(email));
    await this.throttle.succeeded(email);
    return tokens;
  }

  /** Demo mode's one-click sign-in: the demo person as they are in the directory, second factor waived. */
  async demo(personId: string): Promise<Tokens> {
    const { state } = await this.people.load(personId);
    if (state.status !== 'active') throw new DomainRefusal('auth.person-inactive', `${personId} is not an active person of the directory`, 404);
    return this.sessions.start(state);
  }

  /** Starts a TOTP enrolment from a ticket: the secret to put in an authenticator app. */
  async enrol(ticket: string): Promise<{ secret: string; otpauthUri: string }> {
    const personId = boundTo(await this.tickets.check('totp-enrolment', ticket), 'personId');
    const { state } = await this.people.load(personId);
    const secret = newTotpSecret();
    await this.accounts.updateOne({ _id: personId }, { $set: { pendingTotpSecret: this.keys.totp.seal(secret) } });
    return { secret, otpauthUri: totpUri(secret, state.email, TOTP_ISSUER) };
  }

  /** Confirms the enrolment with a code from the app: TOTP is on from now, and the person is signed in. */
  async confirmEnrolment(ticket: string, code: string): Promise<Tokens> {
    const personId = boundTo(await this.tickets.check('totp-enrolment', ticket), 'personId');
    const account = await this.accounts.findById(personId).lean();
    if (!account?.pendingTotpSecret) throw new DomainRefusal('auth.totp-not-started', 'start the enrolment first (POST /auth/totp-enrolment)', 409);
    const step = totpStep(this.keys.totp.open(account.pendingTotpSecret), code, new Date());
    if (step === null) throw wrongCode();
    await this.spendCode(personId, step);
    await this.tickets.use('totp-enrolment', ticket);
    await this.accounts.updateOne({ _id: personId }, { $set: { totpSecret: account.pendingTotpSecret, pendingTotpSecret: null } });
    const { state } = await this.people.load(personId);
    return this.sessions.start(active(state));
  }

  /** A ticket for a signed-in person to enrol (or re-enrol) a TOTP authenticator. */
  enrolmentTicket(personId: string): Promise<string> {
    return this.tickets.issue('totp-enrolment', { personId }, ENROLMENT_TICKET_MS);
  }

  /**
   * Sign-in with the body's identity provider, once it has said who the person is: the provider
   * checked their credentials and second factor, so no TOTP of the directory's is asked here.
   */
  async withIdentityProvider(personId: string): Promise<Tokens> {
    const { state } = await this.people.load(personId);
    return this.sessions.start(active(state));
  }

  /**
   * A code is good once: the account keeps the time step of the last code accepted, and only a
   * later step is taken (one conditional write on the account's `_id`, so of two sign-ins with one
   * code at the same moment only one wins). Someone who saw a code typed cannot use it again.
   */
  private async spendCode(personId: string, step: number, onReuse: () => Promise<void> = async () => undefined): Promise<void> {
    const spent = await this.accounts.updateOne({ _id: personId, $or: [{ lastTotpStep: null }, { lastTotpStep: { $lt: step } }] }, { $set: { lastTotpStep: step } });
    if (spent.modifiedCount === 1) return;
    await onReuse();
    throw new DomainRefusal('auth.totp-reused', 'this code was used already; wait for the next code of the authenticator', 401);
  }

  private async complete(account: Account, code: string | undefined, onWrongCode: () => Promise<void>): Promise<Tokens> {
    const { state } = await this.people.load(account._id);
    active(state);
    if (account.totpSecret) {
      if (!code) throw new DomainRefusal('auth.totp-required', 'enter the code from your authenticator app', 401);
      const step = totpStep(this.keys.totp.open(account.totpSecret), code, new Date());
      if (step === null) {
        await onWrongCode();
        throw wrongCode();
      }
      await this.spendCode(account._id, step, onWrongCode);
    } else if (state.roles.some((r) => TOTP_REQUIRED_ROLES.includes(r))) {
      const enrolmentTicket = await this.enrolmentTicket(account._id);
      throw new DomainRefusal('auth.totp-enrolment-required', 'your role requires a second factor: enrol an authenticator app with this ticket', 403, { enrolmentTicket });
    }
    return this.sessions.start(state);
  }
}

function active(state: PersonState): PersonState {
  if (state.status !== 'active') throw new DomainRefusal('auth.person-inactive', 'this account is disabled or removed', 403);
  return state;
}
