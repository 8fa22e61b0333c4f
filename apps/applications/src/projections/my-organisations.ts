import { Controller, Get, Inject } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CurrentUser, type Principal } from '@gbt/auth';
import type { OrganisationView } from '@gbt/contracts/views';
import { DomainQuery } from '@gbt/platform';
import { MemberOrganisations, OrganisationEntry } from './read-models';

/** What the organisation picker of a new application shows. */
export type MemberOrganisationItem = Pick<OrganisationView, 'organisationId' | 'name' | 'creditCode'>;

/** The organisations the asker is a member of, by name, from the case list's read models. */
export class MyOrganisations extends DomainQuery<{ principal: Principal }, MemberOrganisationItem[]> {}

@QueryHandler(MyOrganisations)
export class MyOrganisationsHandler implements IQueryHandler<MyOrganisations> {
  constructor(
    @InjectModel(MemberOrganisations.name) private readonly memberships: Model<MemberOrganisations>,
    @InjectModel(OrganisationEntry.name) private readonly directory: Model<OrganisationEntry>,
  ) {}

  async execute({ data: { principal } }: MyOrganisations): Promise<MemberOrganisationItem[]> {
    // Point reads by _id only (ADR 0022): the person's memberships, then each organisation's entry.
    const ids = (await this.memberships.findById(principal.id).lean<MemberOrganisations>())?.organisationIds ?? [];
    const entries = await Promise.all(ids.map((id) => this.directory.findById(id).lean<OrganisationEntry>()));
    return entries
      .filter((e): e is OrganisationEntry => e !== null && e.members.includes(principal.id))
      .map((e) => ({ organisationId: e._id, name: e.name, creditCode: e.creditCode }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  }
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('me')
export class MyOrganisationsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get('organisations')
  @ApiOperation({ summary: "The caller's organisations by name (the new application's picker); a moment behind a registration, like the case list" })
  list(@CurrentUser() me: Principal): Promise<MemberOrganisationItem[]> {
    return this.queries.execute(new MyOrganisations({ principal: me }));
  }
}
