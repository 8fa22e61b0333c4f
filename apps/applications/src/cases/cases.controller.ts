import { Body, Controller, Get, Headers, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type Principal } from '@gbt/auth';
import { openApiSchema, parseInput } from '@gbt/platform';
import { requireIfMatch } from '../http/if-match';
import { CASE_STATUS_CHANGED } from '@gbt/contracts';
import { asOfQuery, draftInput, scopeBody } from './case-schemas';
import { CasesService } from './cases.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(@Inject(CasesService) private readonly cases: CasesService) {}

  @Post()
  @ApiOperation({ summary: 'Start a draft application for one of my organisations' })
  @ApiBody({ schema: openApiSchema(draftInput) })
  async draft(@CurrentUser() me: Principal, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const result = await this.cases.draft(me, parseInput(draftInput, body));
    res.status(201).setHeader('ETag', `"${result.version}"`).setHeader('Location', `/cases/${result.caseId}`);
    return result;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case as it is now, or as it stood at ?asOf=<instant>' })
  @ApiQuery({ name: 'asOf', required: false, example: '2027-03-01T00:00:00Z' })
  async get(@CurrentUser() me: Principal, @Param('id') id: string, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const { asOf } = parseInput(asOfQuery, query, 'query');
    const { state, version } = await this.cases.readable(me, id, asOf);
    res.setHeader('ETag', `"${version}"`);
    return { caseId: id, version, asOf: asOf?.toISOString() ?? null, ...state, availableCommands: this.cases.availableCommands(state) };
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The audit trail: every event of the case, in order' })
  async history(@CurrentUser() me: Principal, @Param('id') id: string) {
    const { events } = await this.cases.readable(me, id);
    // The lifecycle's facts; the status snapshots between them are derived and published for other services.
    return events.filter((e) => e.type !== CASE_STATUS_CHANGED).map(({ eventId, type, streamVersion, occurredAt, actor, correlationId, data }) => ({ version: streamVersion, type, occurredAt, actor, eventId, correlationId, data }));
  }

  @Put(':id/scope')
  @ApiOperation({ summary: 'Change the requested scope of a draft (If-Match required)' })
  @ApiBody({ schema: openApiSchema(scopeBody) })
  async editScope(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { scope } = parseInput(scopeBody, body);
    const expected = await requireIfMatch(ifMatch, async () => (await this.cases.readable(me, id)).version);
    const result = await this.cases.execute(me, id, { type: 'edit-application', data: { scope } }, expected);
    res.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}
