import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainCommand } from '@gbt/platform';
import type { MembershipCommand } from './membership.decider';
import { MEMBERSHIPS, type Memberships } from './memberships.aggregate';

export interface MembershipWritten {
  readonly organisationId: string;
  readonly version: number;
}

/** A change of an organisation's members or invitations (invite, revoke, join, leave). */
export class ChangeMembership extends DomainCommand<MembershipCommand, MembershipWritten> {}

@CommandHandler(ChangeMembership)
export class ChangeMembershipHandler implements ICommandHandler<ChangeMembership> {
  constructor(@Inject(MEMBERSHIPS) private readonly memberships: Memberships) {}

  async execute({ data, context }: ChangeMembership): Promise<MembershipWritten> {
    const outcome = await this.memberships.execute(data.organisationId, data, context);
    return { organisationId: data.organisationId, version: outcome.version };
  }
}

export const membershipCommandHandlers = [ChangeMembershipHandler];
