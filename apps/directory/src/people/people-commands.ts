import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Role } from '@gbt/auth';
import { isDuplicateKeyError } from '@gbt/event-store';
import { DomainCommand, DomainRefusal } from '@gbt/platform';
import { Account, EmailKey } from '../accounts/account.models';
import { hashPassword } from '../accounts/passwords';
import { Sessions } from '../accounts/sessions';
import { PEOPLE, type People } from './people.aggregate';
import { StaffRoster } from './staff-roster';
import type { PersonCommand } from './person.decider';

export interface PersonWritten {
  readonly personId: string;
  readonly version: number;
}

/** Email addresses are compared as written to lower case and trimmed: the key of `email_keys`. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * A new person: staff added by an administrator, an applicant registering, a colleague accepting
 * an invitation, a demo person. The email is claimed first (`email_keys`, `_id` = the address), so
 * two people can never share one; a password, when given, is stored hashed in the account.
 */
export class RegisterPerson extends DomainCommand<{ name: string; email: string; roles: readonly Role[]; password?: string; personId?: string }, PersonWritten> {}

/** Any later change of a person (rename, roles, disable, qualifications, relations, ...). */
export class ChangePerson extends DomainCommand<{ personId: string; change: Exclude<PersonCommand, { type: 'register' }> }, PersonWritten> {}

@CommandHandler(RegisterPerson)
export class RegisterPersonHandler implements ICommandHandler<RegisterPerson> {
  constructor(
    @Inject(PEOPLE) private readonly people: People,
    @InjectModel(EmailKey.name) private readonly emails: Model<EmailKey>,
    @InjectModel(Account.name) private readonly accounts: Model<Account>,
    @Inject(StaffRoster) private readonly roster: StaffRoster,
  ) {}

  async execute({ data, context }: RegisterPerson): Promise<PersonWritten> {
    const email = normaliseEmail(data.email);
    const personId = data.personId ?? randomUUID();
    const passwordHash = data.password === undefined ? null : await hashPassword(data.password);
    await this.claim(email, personId);
    await this.accounts.updateOne({ _id: personId }, { $set: { passwordHash }, $setOnInsert: { totpSecret: null, pendingTotpSecret: null, sessionEpoch: 0 } }, { upsert: true });
    const registeredBy = context.actor.id === 'anonymous' ? personId : context.actor.id;
    const outcome = await this.people.execute(personId, { type: 'register', personId, name: data.name, email, roles: data.roles, registeredBy }, context);
    await this.roster.record((await this.people.load(personId)).state);
    return { personId, version: outcome.version };
  }

  /** Claims the address for the person; a claim left by a registration that failed half-way is taken over. */
  private async claim(email: string, personId: string): Promise<void> {
    try {
      await this.emails.create({ _id: email, personId });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const holder = await this.emails.findById(email).lean();
      const orphan = holder && holder.personId !== personId && (await this.people.load(holder.personId)).version === 0;
      if (holder?.personId === personId) return;
      if (!orphan) throw new DomainRefusal('directory.email-taken', 'this email address belongs to another person', 409);
      await this.emails.updateOne({ _id: email, personId: holder.personId }, { $set: { personId } });
    }
  }
}

const REVOKING: readonly string[] = ['disable', 'remove'];

@CommandHandler(ChangePerson)
export class ChangePersonHandler implements ICommandHandler<ChangePerson> {
  constructor(
    @Inject(PEOPLE) private readonly people: People,
    @Inject(Sessions) private readonly sessions: Sessions,
    @Inject(StaffRoster) private readonly roster: StaffRoster,
  ) {}

  async execute({ data, context }: ChangePerson): Promise<PersonWritten> {
    const outcome = await this.people.execute(data.personId, data.change, context);
    // At once, not when the event comes back: a disabled person's next refresh must already fail.
    if (REVOKING.includes(data.change.type)) await this.sessions.revokeAll(data.personId);
    await this.roster.record((await this.people.load(data.personId)).state);
    return { personId: data.personId, version: outcome.version };
  }
}

export const peopleCommandHandlers = [RegisterPersonHandler, ChangePersonHandler];
