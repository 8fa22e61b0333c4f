import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OrganisationDetails } from '@gbt/contracts';
import type { OrganisationChange } from '@gbt/contracts/views';
import { DomainCommand } from '@gbt/platform';
import { organisationStreamId } from './organisation';
import { ORGANISATIONS, type Organisations } from './organisation.aggregate';

/** An applicant registers an organisation by its credit code and becomes its member. */
export class RegisterOrganisation extends DomainCommand<OrganisationDetails & { creditCode: string }, OrganisationChange> {}

/** The organisation's details replaced (the asker's access checked by the caller). */
export class UpdateOrganisation extends DomainCommand<{ organisationId: string; details: OrganisationDetails }, OrganisationChange> {}

@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation> {
  constructor(@Inject(ORGANISATIONS) private readonly organisations: Organisations) {}

  async execute({ data, context }: RegisterOrganisation): Promise<OrganisationChange> {
    const organisationId = organisationStreamId(data.creditCode);
    const { version } = await this.organisations.execute(organisationId, { type: 'register', data, actorId: context.actor.id }, context);
    return { organisationId, version };
  }
}

@CommandHandler(UpdateOrganisation)
export class UpdateOrganisationHandler implements ICommandHandler<UpdateOrganisation> {
  constructor(@Inject(ORGANISATIONS) private readonly organisations: Organisations) {}

  async execute({ data, context }: UpdateOrganisation): Promise<OrganisationChange> {
    const { version } = await this.organisations.execute(data.organisationId, { type: 'update', data: data.details, actorId: context.actor.id }, context);
    return { organisationId: data.organisationId, version };
  }
}

export const organisationCommandHandlers = [RegisterOrganisationHandler, UpdateOrganisationHandler];
