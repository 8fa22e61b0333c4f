import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { levelSchema } from '@gbt/contracts';
import type { DecisionBasis, DecisionTaken, LifecycleRequestStatus } from '@gbt/contracts/views';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { DecisionBasisOf, RequestStatusOf } from './certificate-queries';
import { TakeDecision } from './decision-commands';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-hex-digit hash shown by the decision basis');
const decisionBody = z
  .object({
    outcome: z.enum(['grant', 'deny']),
    level: levelSchema.optional(),
    reasons: z.string().trim().min(1, 'a decision states its reasons').max(4_000),
    scorecardHash: sha256,
    reviewReportHash: sha256.nullable(),
  })
  .refine((b) => b.outcome === 'deny' || b.level !== undefined, { message: 'a grant names its level', path: ['level'] });

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class DecisionsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('decision-basis')
  @ApiOperation({
    summary: 'The scorecard and review report a decision would approve, with the hashes it binds to, and earlier decisions; `notForYou` says why you may not decide it today (a refusal code), or is null',
  })
  basis(@CurrentUser() me: Principal, @Param('caseId') caseId: string): Promise<DecisionBasis> {
    return this.queries.execute(new DecisionBasisOf({ caseId, readerId: me.id, at: this.clock.now() }));
  }

  @Post('decision')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Grant (at a level the scorecard supports) or deny, bound to the hashes of what was read; the lifecycle follows through Kafka. 403 EvaluatorCannotDecide, OriginalDeciderCannotRedecide (after an upheld appeal), ConflictOfInterest, NotInDirectory, PersonDisabled, NotQualified, QualificationExpired or RelatedToOrganisation for a decision maker who may not decide it. After an upheld appeal against the level granted, the same endpoint decides the level again (a grant; 422 LevelRedecisionGrants for a denial): the certificate keeps its number and dates and is re-issued at that level',
  })
  @ApiBody({ schema: openApiSchema(decisionBody) })
  async decide(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<DecisionTaken> {
    const input = parseInput(decisionBody, body);
    const decision = await this.commands.execute(new TakeDecision({ caseId, ...input }, contextNow({ id: me.id, role: actingRole(me) }, this.clock)));
    if ('statusUrl' in decision) res.setHeader('Location', decision.statusUrl);
    return decision;
  }

  @Get('requests/:requestId')
  @ApiOperation({ summary: "Where a request to the lifecycle stands (a decision's, a suspension's, ...): requested, then accepted or rejected with the refusal code" })
  request(@Param('caseId') caseId: string, @Param('requestId') requestId: string): Promise<LifecycleRequestStatus> {
    return this.queries.execute(new RequestStatusOf({ caseId, requestId }));
  }
}
