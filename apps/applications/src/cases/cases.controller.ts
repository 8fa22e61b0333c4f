import { Body, Controller, Get, Headers, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type Principal } from '@gbt/auth';
import type { CaseChange, CaseHistoryEntry, CaseView } from '@gbt/contracts/views';
import { CLOCK, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { requireIfMatch } from '../http/if-match';
import { ReadableOrganisation } from '../organisations/organisation-queries';
import { DraftApplication, RunLifecycleCommand } from './case-commands';
import { httpContext } from './case-http';
import { CaseAt, CaseHistory, ReadableCase } from './case-queries';
import { asOfQuery, draftInput, scopeBody } from './case-schemas';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Start a draft application for one of my organisations' })
  @ApiBody({ schema: openApiSchema(draftInput) })
  async draft(@CurrentUser() me: Principal, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<CaseChange> {
    const input = parseInput(draftInput, body);
    await this.queries.execute(new ReadableOrganisation({ principal: me, organisationId: input.organisationId }));
    const result = await this.commands.execute(new DraftApplication(input, httpContext(me, this.clock)));
    res.status(201).setHeader('ETag', `"${result.version}"`).setHeader('Location', `/cases/${result.caseId}`);
    return result;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case as it is now, or as it stood at ?asOf=<instant>' })
  @ApiQuery({ name: 'asOf', required: false, example: '2027-03-01T00:00:00Z' })
  async get(@CurrentUser() me: Principal, @Param('id') id: string, @Query() query: unknown, @Res({ passthrough: true }) res: Response): Promise<CaseView> {
    const { asOf } = parseInput(asOfQuery, query, 'query');
    const view = await this.queries.execute(new CaseAt({ principal: me, caseId: id, asOf }));
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The audit trail: every event of the case, in order' })
  history(@CurrentUser() me: Principal, @Param('id') id: string): Promise<CaseHistoryEntry[]> {
    return this.queries.execute(new CaseHistory({ principal: me, caseId: id }));
  }

  @Put(':id/scope')
  @ApiOperation({ summary: 'Change the requested scope of a draft (If-Match required)' })
  @ApiBody({ schema: openApiSchema(scopeBody) })
  async editScope(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseChange> {
    const { scope } = parseInput(scopeBody, body);
    const { version } = await this.queries.execute(new ReadableCase({ principal: me, caseId: id }));
    const expected = await requireIfMatch(ifMatch, async () => version);
    const result = await this.commands.execute(new RunLifecycleCommand({ caseId: id, command: { type: 'edit-application', data: { scope } } }, httpContext(me, this.clock, expected)));
    res.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}
