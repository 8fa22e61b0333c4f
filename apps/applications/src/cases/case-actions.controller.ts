import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type Principal } from '@gbt/auth';
import type { CaseCommandInput } from '@gbt/certification';
import type { CaseChange } from '@gbt/contracts/views';
import { CLOCK, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { requireIfMatch } from '../http/if-match';
import { RunLifecycleCommand } from './case-commands';
import { httpContext } from './case-http';
import { ReadableCase } from './case-queries';
import { conflictBody, reasonBody, recertificationBody } from './case-schemas';

/** State changes of a case: each needs If-Match with the version the caller saw. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id')
export class CaseActionsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the application (needs a scope and at least one evidence document)' })
  submit(@CurrentUser() me: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(me, id, ifMatch, res, { type: 'submit-application', data: {} });
  }

  @Post('withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the application before a certificate exists' })
  @ApiBody({ schema: openApiSchema(reasonBody) })
  withdraw(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(me, id, ifMatch, res, { type: 'withdraw-application', data: parseInput(reasonBody, body) });
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the application after application review: evaluation starts' })
  accept(@CurrentUser() me: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(me, id, ifMatch, res, { type: 'accept-application', data: {} });
  }

  @Post('refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse the application, with the reason' })
  @ApiBody({ schema: openApiSchema(reasonBody) })
  refuse(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(me, id, ifMatch, res, { type: 'refuse-application', data: parseInput(reasonBody, body) });
  }

  @Post('conflicts-of-interest')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare that a person has a conflict of interest with this applicant' })
  @ApiBody({ schema: openApiSchema(conflictBody) })
  declareConflict(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(me, id, ifMatch, res, { type: 'declare-conflict-of-interest', data: parseInput(conflictBody, body) });
  }

  @Post('recertification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start recertification within the window before the certificate expires' })
  @ApiBody({ schema: openApiSchema(recertificationBody) })
  recertify(@CurrentUser() me: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.act(me, id, ifMatch, res, { type: 'start-recertification', data: parseInput(recertificationBody, body ?? {}) });
  }

  private async act(me: Principal, id: string, ifMatch: string | undefined, res: Response, command: CaseCommandInput): Promise<CaseChange> {
    const { version } = await this.queries.execute(new ReadableCase({ principal: me, caseId: id }));
    const expected = await requireIfMatch(ifMatch, async () => version);
    const result = await this.commands.execute(new RunLifecycleCommand({ caseId: id, command }, httpContext(me, this.clock, expected)));
    res.setHeader('ETag', `"${result.version}"`);
    return result;
  }
}
