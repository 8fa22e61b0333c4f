import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import type { AppealListEntry, AppealView, CaseAppeals } from '@gbt/contracts/views';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { AnswerAppeal, AssignAppealHandler, LodgeAppeal } from './appeal-commands';
import { AppealListsOf, CaseAppealsOf } from './appeal-queries';

const lodgeBody = z.strictObject({ grounds: z.string().trim().min(1, 'an appeal states its grounds').max(4_000) });
const handlerBody = z.strictObject({ handlerId: z.string().trim().min(1).max(200).optional() });
const outcomeBody = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  reasons: z.string().trim().min(1, 'an appeal is answered with reasons the appellant reads').max(4_000),
});

@ApiTags('appeals')
@ApiBearerAuth()
@Controller()
export class AppealsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('cases/:caseId/appeals')
  @ApiOperation({ summary: "The case's appeals with their state, deadline and outcome, the decision that may be appealed now and until when; `notAllowed` says why an appeal cannot be lodged today (a code)" })
  ofCase(@Param('caseId') caseId: string): Promise<CaseAppeals> {
    return this.queries.execute(new CaseAppealsOf({ caseId, at: this.clock.now() }));
  }

  @Post('cases/:caseId/appeals')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'The holder appeals the decision the case stands on (a refusal, denial, level, suspension or withdrawal), acknowledged at once with the date the answer is due. 409 NothingToAppeal, AppealAlreadyOpen or DecisionAlreadyAppealed; 422 OutOfAppealPeriod',
  })
  @ApiBody({ schema: openApiSchema(lodgeBody) })
  lodge(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Body() body: unknown): Promise<AppealView> {
    const { grounds } = parseInput(lodgeBody, body);
    return this.commands.execute(new LodgeAppeal({ caseId, grounds }, contextNow({ id: me.id, role: actingRole(me) }, this.clock)));
  }

  @Post('cases/:caseId/appeals/:appealId/handler')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A decision maker takes the appeal (or gives it to `handlerId`, who must be a decision maker: 403 NotADecisionMaker). 403 EvaluatorCannotHandleAppeal, ConflictOfInterest, DeciderCannotHandleAppeal, NotInDirectory, PersonDisabled, NotQualified, QualificationExpired or RelatedToOrganisation for a person who may not handle it; 409 AppealClosed',
  })
  @ApiBody({ schema: openApiSchema(handlerBody) })
  assign(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('appealId') appealId: string, @Body() body: unknown): Promise<AppealView> {
    const { handlerId } = parseInput(handlerBody, body ?? {});
    return this.commands.execute(new AssignAppealHandler({ caseId, appealId, handlerId: handlerId ?? me.id }, contextNow({ id: me.id, role: actingRole(me) }, this.clock)));
  }

  @Post('cases/:caseId/appeals/:appealId/outcome')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The handler upholds the appeal (a denial: the decision is reopened and taken again by another decision maker; a refusal: the application is reviewed again, not by who refused it; a suspension: the certificate is reinstated; the level granted: the level is decided again by another decision maker while the certificate stays valid, then the same certificate is re-issued at that level; a withdrawal: set aside, the case returns to certified or suspended) or dismisses it, with reasons the appellant reads. 403 NotAppealHandler; 409 AppealClosed, ValidityEnded (a withdrawal cannot be set aside once the certificate\'s validity has ended: dismiss it) or NotAllowedInState',
  })
  @ApiBody({ schema: openApiSchema(outcomeBody) })
  answer(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('appealId') appealId: string, @Body() body: unknown): Promise<AppealView> {
    const input = parseInput(outcomeBody, body);
    return this.commands.execute(new AnswerAppeal({ caseId, appealId, ...input }, contextNow({ id: me.id, role: actingRole(me) }, this.clock)));
  }

  @Get('appeals')
  @ApiOperation({ summary: 'The decision makers\' appeals list: every open appeal, and those the reader handles, soonest answer first' })
  list(@CurrentUser() me: Principal): Promise<{ open: AppealListEntry[]; mine: AppealListEntry[] }> {
    return this.queries.execute(new AppealListsOf({ readerId: me.id }));
  }
}
