import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { creditCodeProblem, organisationDetailsSchema } from '@gbt/contracts';
import type { OrganisationChange, OrganisationView } from '@gbt/contracts/views';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { requireIfMatch } from '../http/if-match';
import { RegisterOrganisation, UpdateOrganisation } from './organisation-commands';
import { ReadableOrganisation } from './organisation-queries';

const registration = organisationDetailsSchema.extend({
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((code, ctx) => {
      const problem = creditCodeProblem(code);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private context(me: Principal, expectedVersion?: number) {
    return contextNow({ id: me.id, role: actingRole(me) }, this.clock, expectedVersion);
  }

  @Post()
  @ApiOperation({ summary: 'Register an organisation; the applicant who registers it becomes its member' })
  @ApiBody({ schema: openApiSchema(registration) })
  async register(@CurrentUser() me: Principal, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<OrganisationChange> {
    const result = await this.commands.execute(new RegisterOrganisation(parseInput(registration, body), this.context(me)));
    res.status(201).setHeader('ETag', `"${result.version}"`).setHeader('Location', `/organisations/${result.organisationId}`);
    return result;
  }

  @Get(':id')
  @ApiOperation({ summary: 'An organisation (its members and staff only)' })
  async get(@CurrentUser() me: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<OrganisationView> {
    const { state, version } = await this.queries.execute(new ReadableOrganisation({ principal: me, organisationId: id }));
    res.setHeader('ETag', `"${version}"`);
    const { status: _status, lastOutletNumber: _last, ...organisation } = state;
    return { ...organisation, outlets: [...organisation.outlets], members: [...organisation.members], version };
  }

  @Put(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the organisation details (If-Match required)' })
  @ApiBody({ schema: openApiSchema(organisationDetailsSchema) })
  async update(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrganisationChange> {
    const details = parseInput(organisationDetailsSchema, body);
    const { version } = await this.queries.execute(new ReadableOrganisation({ principal: me, organisationId: id }));
    const expected = await requireIfMatch(ifMatch, async () => version);
    const result = await this.commands.execute(new UpdateOrganisation({ organisationId: id, details }, this.context(me, expected)));
    res.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}
