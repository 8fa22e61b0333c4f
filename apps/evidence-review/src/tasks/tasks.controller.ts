import { randomUUID } from 'node:crypto';
import { Body, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, type Principal } from '@gbt/auth';
import { assessmentSchema } from '@gbt/contracts';
import { openApiSchema, parseInput } from '@gbt/platform';
import { own } from '../review/review-state';
import { caseOfTask, queueOfTask, reviewOfTask } from '../review/review-cycles';
import { ReviewService } from '../review/review.service';
import { QUEUE_NAMES, type QueueName } from './task-plan';
import { WorkQueues } from './work-queues';

const assessmentBody = z.strictObject({ requirementId: z.string().trim().min(1).max(100), assessment: assessmentSchema });
const specialItemBody = z.strictObject({ kind: z.enum(['deduction', 'bonus']), description: z.string().trim().min(1).max(4_000) });
const questionBody = z.strictObject({ question: z.string().trim().min(1).max(4_000) });
const answerBody = z.strictObject({ answer: z.string().trim().min(1).max(4_000) });
const reassignBody = z.strictObject({ reviewerId: z.string().trim().min(1).max(200) });

@ApiTags('work queues')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(ReviewService) private readonly reviews: ReviewService,
  ) {}

  @Get('queues')
  @ApiOperation({ summary: 'The review queues with their counts: waiting, claimed, parked (waiting for an applicant), completed' })
  async list() {
    return Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const counts = await this.queues.queue(name).getJobCounts('prioritized', 'waiting', 'active', 'delayed', 'completed');
        return { queue: name, waiting: (counts.prioritized ?? 0) + (counts.waiting ?? 0), claimed: counts.active ?? 0, parked: counts.delayed ?? 0, completed: counts.completed ?? 0 };
      }),
    );
  }

  @Post('queues/:queue/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim the next task of a queue (earliest SLA first); 204 when there is none for you' })
  async claim(@CurrentUser() me: Principal, @Param('queue') queue: string, @Res({ passthrough: true }) res: Response) {
    if (!QUEUE_NAMES.includes(queue as QueueName)) throw new NotFoundException(`no queue ${queue}; the queues are ${QUEUE_NAMES.join(', ')}`);
    const job = await this.queues.claimNext(queue as QueueName, me.id, (task) => this.reviews.claimVerdict(task, me.id));
    if (!job) {
      res.status(204);
      return undefined;
    }
    return this.view(job.data.taskId);
  }

  @Get('tasks/:taskId')
  async get(@Param('taskId') taskId: string) {
    return this.view(taskId);
  }

  @Post('tasks/:taskId/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a claimed task back to its queue' })
  async release(@CurrentUser() me: Principal, @Param('taskId') taskId: string) {
    const claim = await this.queues.holder(queueOfTask(taskId), taskId);
    if (claim?.reviewerId !== me.id) throw new ConflictException(`task ${taskId} is not claimed by ${me.id}`);
    await (await this.queues.job(queueOfTask(taskId), taskId))?.moveToDelayed(Date.now(), claim.token);
    return this.view(taskId);
  }

  @Post('tasks/:taskId/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lead: take a task from whoever holds it and reserve it for another reviewer' })
  @ApiBody({ schema: openApiSchema(reassignBody) })
  async reassign(@Param('taskId') taskId: string, @Body() body: unknown) {
    const { reviewerId } = parseInput(reassignBody, body);
    const job = await this.queues.job(queueOfTask(taskId), taskId);
    if (!job || (await job.isCompleted())) throw new NotFoundException(`no open task ${taskId}`);
    if (await this.reviews.conflicted(caseOfTask(taskId), reviewerId)) throw new ConflictException(`${reviewerId} has a declared conflict of interest with this applicant`);
    await job.updateData({ ...job.data, assignedTo: reviewerId });
    const claim = await this.queues.holder(queueOfTask(taskId), taskId);
    if (claim) {
      await job.moveToDelayed(Date.now(), claim.token);
      await job.promote();
    }
    // First in line, so the reviewer it is reserved for gets it with their next claim.
    if (['waiting', 'prioritized'].includes(await job.getState())) await job.changePriority({ priority: 1 });
    return this.view(taskId);
  }

  @Post('tasks/:taskId/assessments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the outcome for one requirement of a task you hold' })
  @ApiBody({ schema: openApiSchema(assessmentBody) })
  async assess(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    const { requirementId, assessment } = parseInput(assessmentBody, body);
    const rectifyBy = this.reviews.rectificationDeadline();
    await this.reviews.onClaimedTask(me, taskId, { type: 'assess', taskId, requirementId, assessment, rectifyBy });
    return this.view(taskId);
  }

  @Post('tasks/:taskId/special-items')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(specialItemBody) })
  async special(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    const { kind, description } = parseInput(specialItemBody, body);
    await this.reviews.onClaimedTask(me, taskId, { type: 'record-special-item', taskId, kind, description, itemId: `${kind}-${randomUUID()}` });
    return this.view(taskId);
  }

  @Post('tasks/:taskId/information-requests')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the applicant for more information: the task is parked and its SLA clock stops until they answer' })
  @ApiBody({ schema: openApiSchema(questionBody) })
  async requestInformation(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    await this.reviews.onClaimedTask(me, taskId, { type: 'request-information', taskId, question: parseInput(questionBody, body).question });
    return this.view(taskId);
  }

  @Post('tasks/:taskId/information')
  @HttpCode(200)
  @ApiOperation({ summary: "The applicant's answer: the task returns to its queue and its SLA clock runs again" })
  @ApiBody({ schema: openApiSchema(answerBody) })
  async provideInformation(@CurrentUser() me: Principal, @Param('taskId') taskId: string, @Body() body: unknown) {
    await this.reviews.provideInformation(me, taskId, parseInput(answerBody, body).answer);
    return { taskId, answered: true };
  }

  @Post('tasks/:taskId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task whose every requirement is assessed' })
  async complete(@CurrentUser() me: Principal, @Param('taskId') taskId: string) {
    await this.reviews.onClaimedTask(me, taskId, { type: 'complete-task', taskId });
    return this.view(taskId);
  }

  private async view(taskId: string) {
    const { caseId, cycle } = reviewOfTask(taskId);
    const { state } = await this.reviews.load(caseId, cycle);
    const task = state.status === 'none' ? undefined : own(state.tasks, taskId);
    const job = await this.queues.job(queueOfTask(taskId), taskId);
    if (state.status === 'none' || !task || !job) throw new NotFoundException(`no task ${taskId}`);
    const claim = await this.queues.holder(queueOfTask(taskId), taskId);
    const assessments = Object.fromEntries(task.requirementIds.map((r) => [r, state.assessments[r] ?? null]));
    return {
      taskId,
      caseId: state.caseId,
      cycle,
      queue: queueOfTask(taskId),
      requirementIds: task.requirementIds,
      assessments,
      completed: task.completed,
      waitingForApplicantSince: task.waitingSince,
      escalated: task.escalated,
      claimedBy: claim?.reviewerId ?? null,
      assignedTo: job.data.assignedTo ?? null,
      slaDueAt: this.reviews.dueAt(state, taskId)?.toISOString() ?? null,
    };
  }
}
