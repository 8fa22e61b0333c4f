import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CLOCK, contextNow, DomainRefusal, type Actor, type Clock } from '@gbt/platform';
import { MailOutbox } from '../mail/mail-outbox';
import { ChangeMembership } from '../memberships/membership-commands';
import { PEOPLE, type People } from '../people/people.aggregate';
import { normaliseEmail, RegisterPerson } from '../people/people-commands';
import { DIRECTORY_SETTINGS, type DirectorySettings } from '../settings';
import { Account } from './account.models';
import { boundTo, OneTimeTokens } from './one-time-tokens';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { Sessions, type Tokens } from './sessions';
import { SignIn } from './sign-in';

const ANONYMOUS: Actor = { id: 'anonymous' };

/**
 * How people come in and get back in: an applicant registers; a member invites a colleague by
 * mail and the colleague accepts with the mailed token; a forgotten password is reset through a
 * mailed link (which also ends every sign-in of the person).
 */
@Injectable()
export class Onboarding {
  constructor(
    @InjectModel(Account.name) private readonly accounts: Model<Account>,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(PEOPLE) private readonly people: People,
    @Inject(SignIn) private readonly signIn: SignIn,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(OneTimeTokens) private readonly tokens: OneTimeTokens,
    @Inject(MailOutbox) private readonly outbox: MailOutbox,
    @Inject(DIRECTORY_SETTINGS) private readonly settings: DirectorySettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A company's person registers themselves: an applicant, signed in at once. */
  async register(input: { name: string; email: string; password: string }): Promise<Tokens> {
    checkPasswordPolicy(input.password, normaliseEmail(input.email));
    const { personId } = await this.commands.execute(new RegisterPerson({ ...input, roles: ['applicant'] }, contextNow(ANONYMOUS, this.clock)));
    return this.sessions.start((await this.people.load(personId)).state);
  }

  /** A member invites a colleague: the invitation event, and a mail with the token that accepts it. */
  async invite(organisationId: string, email: string, by: Actor): Promise<{ invitationId: string; expiresAt: string }> {
    const invitationId = `invitation-${randomUUID()}`;
    const lifetimeMs = this.settings.invitationDays * 86_400_000;
    const expiresAt = new Date(this.clock.now().getTime() + lifetimeMs).toISOString();
    const to = normaliseEmail(email);
    await this.commands.execute(new ChangeMembership({ type: 'invite', organisationId, invitationId, email: to, invitedBy: by.id, expiresAt, onBehalf: by.role === 'administrator' }, contextNow(by, this.clock)));
    const token = await this.tokens.issue('invitation', { organisationId, invitationId, email: to }, lifetimeMs);
    const link = `${this.settings.consoleUrl}/invitation?token=${token}`;
    await this.outbox.write({
      kind: 'invitation',
      to,
      subject: '邀请加入认证申请 / Invitation to join a certification applicant',
      text: `您被邀请加入组织 ${organisationId}。\nYou are invited to join ${organisationId} on the GB/T 27922 certification platform.\n\n${link}\n\n(valid until ${expiresAt})`,
      link,
    });
    return { invitationId, expiresAt };
  }

  /**
   * Accepts an invitation: a new person (name and password needed) is registered as an applicant
   * and signed in; a person who has the address already just joins (and signs in as usual).
   */
  async accept(input: { token: string; name?: string; password?: string }): Promise<{ organisationId: string; personId: string; tokens: Tokens | null }> {
    const invitation = await this.tokens.check('invitation', input.token);
    const email = boundTo(invitation, 'email');
    const known = await this.signIn.personByEmail(email);
    const personId = known ?? (await this.registerInvited(email, input));
    const organisationId = boundTo(invitation, 'organisationId');
    const join = { type: 'join' as const, organisationId, personId, invitationId: boundTo(invitation, 'invitationId'), email, at: this.clock.now() };
    await this.commands.execute(new ChangeMembership(join, contextNow({ id: personId, role: 'applicant' }, this.clock)));
    await this.tokens.use('invitation', input.token);
    const tokens = known ? null : await this.sessions.start((await this.people.load(personId)).state);
    return { organisationId, personId, tokens };
  }

  private async registerInvited(email: string, input: { name?: string; password?: string }): Promise<string> {
    if (!input.name || !input.password) throw new DomainRefusal('directory.registration-incomplete', 'a new member gives a name and a password', 400);
    checkPasswordPolicy(input.password, email);
    const registration = new RegisterPerson({ name: input.name, email, password: input.password, roles: ['applicant'] }, contextNow(ANONYMOUS, this.clock));
    return (await this.commands.execute(registration)).personId;
  }

  /** Mails a reset link if the address belongs to an active person; says nothing either way (no account discovery). */
  async requestPasswordReset(email: string): Promise<void> {
    const to = normaliseEmail(email);
    const personId = await this.signIn.personByEmail(to);
    if (!personId || (await this.people.load(personId)).state.status !== 'active') return;
    const token = await this.tokens.issue('password-reset', { personId, email: to }, this.settings.resetMinutes * 60_000);
    const link = `${this.settings.consoleUrl}/password-reset?token=${token}`;
    await this.outbox.write({
      kind: 'password-reset',
      to,
      subject: '重设密码 / Reset your password',
      text: `请用此链接重设密码（${this.settings.resetMinutes} 分钟内有效）。\nUse this link to set a new password (valid ${this.settings.resetMinutes} minutes):\n\n${link}\n\nIf you did not ask for this, ignore this mail.`,
      link,
    });
  }

  /** Sets the new password and ends every sign-in of the person (a reset may follow a stolen password). */
  async resetPassword(token: string, password: string): Promise<void> {
    const reset = await this.tokens.check('password-reset', token);
    const personId = boundTo(reset, 'personId');
    checkPasswordPolicy(password, boundTo(reset, 'email'));
    await this.tokens.use('password-reset', token);
    await this.accounts.updateOne({ _id: personId }, { $set: { passwordHash: await hashPassword(password) } });
    await this.sessions.revokeAll(personId);
  }

  /** Staff added without a password get a mail to set one (the password-reset link, valid a day longer). */
  async welcome(personId: string, email: string): Promise<void> {
    const token = await this.tokens.issue('password-reset', { personId, email }, (this.settings.resetMinutes + 24 * 60) * 60_000);
    const link = `${this.settings.consoleUrl}/password-reset?token=${token}`;
    await this.outbox.write({
      kind: 'welcome',
      to: email,
      subject: '您的认证平台账户 / Your certification platform account',
      text: `已为您开设账户，请用此链接设定密码。\nAn account has been opened for you; set your password with this link:\n\n${link}`,
      link,
    });
  }
}
