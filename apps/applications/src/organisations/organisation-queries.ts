import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isStaff, type Principal } from '@gbt/auth';
import { DomainQuery } from '@gbt/platform';
import type { OrganisationState } from './organisation';
import { OrganisationMembers } from './organisation-members';
import { ORGANISATIONS, type Organisations, type RegisteredOrganisation } from './organisation.aggregate';

export interface ReadableOrganisationResult {
  readonly state: RegisteredOrganisation;
  readonly version: number;
}

/** An organisation as the asker may see it: staff every one, an applicant only its own; others' look like missing ones (404). */
export class ReadableOrganisation extends DomainQuery<{ principal: Principal; organisationId: string }, ReadableOrganisationResult> {}

/** The organisation's stream folded, without an access check: for the projector. */
export class OrganisationStream extends DomainQuery<{ organisationId: string }, { state: OrganisationState; version: number }> {}

/** Whether a person is a member of an organisation, as the directory says (OrganisationMembers). */
export class IsOrganisationMember extends DomainQuery<{ organisationId: string; personId: string }, boolean> {}

@QueryHandler(ReadableOrganisation)
export class ReadableOrganisationHandler implements IQueryHandler<ReadableOrganisation> {
  constructor(
    @Inject(ORGANISATIONS) private readonly organisations: Organisations,
    @Inject(OrganisationMembers) private readonly members: OrganisationMembers,
  ) {}

  async execute({ data }: ReadableOrganisation): Promise<ReadableOrganisationResult> {
    const { state, version } = await this.organisations.load(data.organisationId);
    if (state.status !== 'registered' || (!isStaff(data.principal) && !(await this.members.isMember(state, data.principal.id)))) {
      throw new NotFoundException(`organisation ${data.organisationId} not found`);
    }
    return { state: { ...state, members: await this.members.of(state) }, version };
  }
}

@QueryHandler(IsOrganisationMember)
export class IsOrganisationMemberHandler implements IQueryHandler<IsOrganisationMember> {
  constructor(
    @Inject(ORGANISATIONS) private readonly organisations: Organisations,
    @Inject(OrganisationMembers) private readonly members: OrganisationMembers,
  ) {}

  async execute({ data }: IsOrganisationMember): Promise<boolean> {
    const { state } = await this.organisations.load(data.organisationId);
    return this.members.isMember(state, data.personId);
  }
}

@QueryHandler(OrganisationStream)
export class OrganisationStreamHandler implements IQueryHandler<OrganisationStream> {
  constructor(@Inject(ORGANISATIONS) private readonly organisations: Organisations) {}

  async execute({ data }: OrganisationStream): Promise<{ state: OrganisationState; version: number }> {
    const { state, version } = await this.organisations.load(data.organisationId);
    return { state, version };
  }
}

export const organisationQueryHandlers = [ReadableOrganisationHandler, IsOrganisationMemberHandler, OrganisationStreamHandler];
