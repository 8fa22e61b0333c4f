import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { assessmentSchema } from '@gbt/contracts';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { isQueueName, QUEUE_NAMES, type QueueName } from './task-plan';
import { AssessRequirement, ClaimNextTask, CompleteTask, ProvideInformation, ReassignTask, RecordSpecialItem, ReleaseTask, RequestInformation } from './task-commands';
import { QueueCounts, TaskOfReview } from './task-queries';
import { EligibleReviewers, WorkList } from './work-list';

const assessmentBody = z.strictObject({ requirementId: z.string().trim().min(1).max(100), assessment: assessmentSchema });
const specialItemBody = z.strictObject({ kind: z.enum(['deduction', 'bonus']), description: z.string().trim().min(1).max(4_000) });
const questionBody = z.strictObject({ question: z.string().trim().min(1).max(4_000) });
/** The answer and the case's evidence documents chosen to go with it (uploaded to the applications service first). */
const answerBody = z.strictObject({ answer: z.string().trim().min(1).max(4_000), documentIds: z.array(z.string().min(1).max(200)).max(50).default([]) });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const workListQuery = z.strictObject({
  queue: z.enum(QUEUE_NAMES as [QueueName, ...QueueName[]]).optional(),
  overdue: flag.optional(),
  escalated: flag.optional(),
});
const reassignBody = z.strictObject({ reviewerId: z.string().trim().min(1).max(200) });

@ApiTags('work queues')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('queues')
  @ApiOperation({ summary: 'The review queues with their counts: waiting, claimed, parked (waiting for an applicant), completed' })
  async list() {
    return this.queries.execute(new QueueCounts());
  }

  @Get('work-list')
  @ApiOperation({
    summary:
      'Your work list: the open tasks of the queues you may work, most urgent first (escalated, then due soonest; waiting for the applicant last), with case, organisation, requirements, SLA due date, overdue and waiting markers, who holds or is reserved each, and which one "claim next" would give you',
  })
  @ApiQuery({ name: 'queue', required: false, enum: QUEUE_NAMES })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'escalated', required: false, enum: ['true', 'false'] })
  async workList(@CurrentUser() me: Principal, @Query() query: unknown) {
    const filter = parseInput(workListQuery, query, 'query');
    return this.queries.execute(new WorkList({ ...filter, reviewerId: me.id }));
  }

  @Post('queues/:queue/claim')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Claim the next task of a queue (earliest SLA first) among those you are qualified for and impartial about today; 204 when there is none for you; 403 with the reason (NotInDirectory, PersonDisabled, NotQualified, QualificationExpired, RelatedToOrganisation) when the only tasks left are ones you may not take',
  })
  async claim(@CurrentUser() me: Principal, @Param('queue') queue: string, @Res({ passthrough: true }) res: Response) {
    if (!isQueueName(queue)) throw new NotFoundException(`no queue ${queue}; the queues are ${QUEUE_NAMES.join(', ')}`);
    const claimed = await this.commands.execute(new ClaimNextTask({ queue }, this.now(me)));
    if (!claimed) {
      res.status(204);
      return undefined;
    }
    return this.view(claimed.taskId);
  }

  @Get('tasks/:taskId')
  async get(@Param('taskId') taskId: string) {
    return this.view(taskId);
  }

  @Post('tasks/:taskId/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a claimed task back to its queue' })
  async release(@CurrentUser() me: Principal, @Param('taskId') taskId: string) {
    await this.commands.execute(new ReleaseTask({ taskId }, this.now(me)));
    return this.view(taskId);
  }

  @Get('tasks/:taskId/eligible-reviewers')
  @ApiOperation({
    summary:
      "Lead: who a task may be reassigned to today: the directory's staff with the reviewer role, qualified for the case's product categories, not related to its organisation, without a declared conflict of interest and not among the applicants; and the others (`ineligible`) with the refusal code saying why",
  })
  async eligibleReviewers(@Param('taskId') taskId: string) {
    return this.queries.execute(new EligibleReviewers({ taskId }));
  }

  @Post('tasks/:taskId/reassign')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Lead: take a task from whoever holds it and reserve it for an eligible reviewer (GET /tasks/{taskId}/eligible-reviewers); 403 with the reason (NotQualified, QualificationExpired, RelatedToOrganisation, PersonDisabled, NotInDirectory) for a reviewer who may not take it, 422 NotAnEligibleReviewer for anyone else',
  })
  @ApiBody({ schema: openApiSchema(reassignBody) })
  async reassign(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    const { reviewerId } = parseInput(reassignBody, body);
    await this.commands.execute(new ReassignTask({ taskId, reviewerId }, this.now(me)));
    return this.view(taskId);
  }

  @Post('tasks/:taskId/assessments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the outcome for one requirement of a task you hold' })
  @ApiBody({ schema: openApiSchema(assessmentBody) })
  async assess(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    const { requirementId, assessment } = parseInput(assessmentBody, body);
    await this.commands.execute(new AssessRequirement({ taskId, requirementId, assessment }, this.now(me)));
    return this.view(taskId);
  }

  @Post('tasks/:taskId/special-items')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(specialItemBody) })
  async special(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    const { kind, description } = parseInput(specialItemBody, body);
    await this.commands.execute(new RecordSpecialItem({ taskId, kind, description }, this.now(me)));
    return this.view(taskId);
  }

  @Post('tasks/:taskId/information-requests')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the applicant for more information: the task is parked and its SLA clock stops until they answer' })
  @ApiBody({ schema: openApiSchema(questionBody) })
  async requestInformation(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    const { question } = parseInput(questionBody, body);
    await this.commands.execute(new RequestInformation({ taskId, question }, this.now(me)));
    return this.view(taskId);
  }

  @Post('tasks/:taskId/information')
  @HttpCode(200)
  @ApiOperation({ summary: "The applicant's answer, with the case's evidence documents chosen for it: the task returns to its queue and its SLA clock runs again" })
  @ApiBody({ schema: openApiSchema(answerBody) })
  async provideInformation(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    const { answer, documentIds } = parseInput(answerBody, body);
    await this.commands.execute(new ProvideInformation({ taskId, answer, documentIds }, this.now(me)));
    return { taskId, answered: true };
  }

  @Post('tasks/:taskId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task whose every requirement is assessed' })
  async complete(@CurrentUser() me: Principal, @Param('taskId') taskId: string) {
    await this.commands.execute(new CompleteTask({ taskId }, this.now(me)));
    return this.view(taskId);
  }

  private now(me: Principal) {
    return contextNow({ id: me.id, role: actingRole(me) }, this.clock);
  }

  private view(taskId: string) {
    return this.queries.execute(new TaskOfReview({ taskId }));
  }
}
