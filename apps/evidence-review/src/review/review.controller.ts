import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { CaseAccess } from '@gbt/case-access';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { SubmitCorrection, VerifyCorrection, WaiveOpenNonconformities } from './review-commands';
import { CurrentReviewCycle, ReviewOfCycle, ThreadsOfCycle } from './review-queries';

const correctionBody = z.strictObject({ documentIds: z.array(z.string().min(1).max(200)).max(50).default([]), note: z.string().trim().min(1).max(4_000) });
const reviewQuery = z.strictObject({ cycle: z.coerce.number().int().min(1).max(999_999).optional() });
const verificationBody = z.strictObject({ accepted: z.boolean(), reason: z.string().trim().min(1).max(4_000).optional() });

@ApiTags('review')
@ApiBearerAuth()
@Controller('cases/:caseId')
export class ReviewController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('review')
  @ApiOperation({ summary: "A case's review in its current cycle (or ?cycle=n: 1 is the first evaluation, each recertification the next): tasks, assessments, nonconformities and corrective actions" })
  @ApiQuery({ name: 'cycle', required: false, example: 2 })
  async get(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Query() query: unknown) {
    await this.access.assertCanRead(me, caseId);
    const current = await this.queries.execute(new CurrentReviewCycle({ caseId }));
    const cycle = parseInput(reviewQuery, query, 'query').cycle ?? current.cycle;
    if (cycle > current.cycle) throw new NotFoundException(`case ${caseId} has no review cycle ${cycle}; the current one is ${current.cycle}`);
    const { state, version } = await this.queries.execute(new ReviewOfCycle({ caseId, cycle }));
    return { version, cycle, ...state };
  }

  @Get('threads')
  @ApiOperation({
    summary:
      "The conversation on a case's review in its current cycle (or ?cycle=n): each request for information with its answer, and each nonconformity with its corrective actions, their notes, chosen evidence documents, verification, who and when",
  })
  @ApiQuery({ name: 'cycle', required: false, example: 1 })
  async threads(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Query() query: unknown) {
    await this.access.assertCanRead(me, caseId);
    const current = await this.queries.execute(new CurrentReviewCycle({ caseId }));
    const cycle = parseInput(reviewQuery, query, 'query').cycle ?? current.cycle;
    if (cycle > current.cycle) throw new NotFoundException(`case ${caseId} has no review cycle ${cycle}; the current one is ${current.cycle}`);
    return { caseId, cycle, threads: await this.queries.execute(new ThreadsOfCycle({ caseId, cycle })) };
  }

  @Post('nonconformities/:nonconformityId/corrections')
  @HttpCode(201)
  @ApiOperation({ summary: 'The applicant submits the corrective action for a nonconformity, with its evidence documents' })
  @ApiBody({ schema: openApiSchema(correctionBody) })
  async submit(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('nonconformityId') nonconformityId: string, @Body() body: unknown) {
    const { documentIds, note } = parseInput(correctionBody, body);
    return this.commands.execute(new SubmitCorrection({ caseId, nonconformityId, documentIds, note }, this.now(me)));
  }

  @Post('nonconformities/:nonconformityId/verification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify or reject a corrective action (not by the reviewer who raised the nonconformity)' })
  @ApiBody({ schema: openApiSchema(verificationBody) })
  async verify(@CurrentUser() me: Principal, @Param('caseId') caseId: string, @Param('nonconformityId') nonconformityId: string, @Body() body: unknown) {
    const { accepted, reason } = parseInput(verificationBody, body);
    return this.commands.execute(new VerifyCorrection({ caseId, nonconformityId, accepted, reason }, this.now(me)));
  }

  @Post('waiver')
  @HttpCode(200)
  @ApiOperation({ summary: "Lead's explicit decision: send the results to scoring although nonconformities are still open" })
  async waive(@CurrentUser() me: Principal, @Param('caseId') caseId: string) {
    return this.commands.execute(new WaiveOpenNonconformities({ caseId }, this.now(me)));
  }

  private now(me: Principal) {
    return contextNow({ id: me.id, role: actingRole(me) }, this.clock);
  }
}
