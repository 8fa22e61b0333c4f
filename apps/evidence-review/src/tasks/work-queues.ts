import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig, Metrics } from '@gbt/platform';
import { QUEUE_NAMES, type PlannedTask, type QueueName } from './task-plan';

export interface TaskData {
  readonly caseId: string;
  readonly taskId: string;
  readonly indicatorId: string | null;
  readonly requirementIds: string[];
  readonly dueAt: string;
  /** Reserved for one reviewer by a lead; others skip it. */
  readonly assignedTo?: string;
}

export const REVIEW_QUEUE_OPTIONS = Symbol('REVIEW_QUEUE_OPTIONS');
export interface ReviewQueueOptions {
  /** How long a claim lasts without activity before the task returns to its queue. */
  readonly claimTimeoutMs: number;
  /** Queue name prefix, so test runs and deployments can share one Redis. */
  readonly prefix: string;
}

export type ClaimVerdict = 'take' | 'skip' | 'completed' | 'parked';
/** Waiting for the applicant: out of every reviewer's way until the answer promotes it. */
export const PARKED_MS = 365 * 86_400_000;

/** A task a lead reserved for a reviewer: first in its queue. */
export const RESERVED_PRIORITY = 1;
/** An escalated task (its SLA ran out): next after the reserved ones. */
export const ESCALATED_PRIORITY = 2;
const PRIORITY_EPOCH = Date.UTC(2024, 0, 1);
/** Earlier SLA due date, earlier in the queue: BullMQ priorities are 1 (first) to 2^21. */
export const priorityFor = (dueAt: Date) => Math.min(2 ** 21 - 1, Math.max(ESCALATED_PRIORITY + 1, Math.floor((dueAt.getTime() - PRIORITY_EPOCH) / 3_600_000)));

/**
 * Reviewer work queues on BullMQ. A claim is BullMQ's own atomic move of the next job to active
 * under a lock whose token names the reviewer: no two reviewers can hold one task. A claim not
 * renewed within the claim timeout is returned to the queue by BullMQ's stalled-job checker.
 */
@Injectable()
export class WorkQueues implements BeforeApplicationShutdown, OnApplicationShutdown {
  readonly connection: IORedis;
  private readonly queues = new Map<QueueName, Queue<TaskData>>();
  private readonly workers = new Map<QueueName, Worker<TaskData>>();

  readonly claimTimeoutMs: number;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(REVIEW_QUEUE_OPTIONS) options: ReviewQueueOptions,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.claimTimeoutMs = options.claimTimeoutMs;
    this.connection = new IORedis(config.redisUrl, { maxRetriesPerRequest: null });
    for (const name of QUEUE_NAMES) {
      const opts = { connection: this.connection, prefix: options.prefix };
      const queue = new Queue<TaskData>(name, opts);
      this.queues.set(name, queue);
      metrics.watchQueue(queue);
      const worker = new Worker<TaskData>(name, null, {
        ...opts,
        autorun: false,
        lockDuration: options.claimTimeoutMs,
        stalledInterval: Math.max(1_000, Math.floor(options.claimTimeoutMs / 2)),
        // A human may walk away from a task any number of times; it must always come back.
        maxStalledCount: Number.MAX_SAFE_INTEGER,
      });
      worker.on('error', () => undefined);
      void worker.startStalledCheckTimer();
      this.workers.set(name, worker);
    }
  }

  queue(name: QueueName): Queue<TaskData> {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name}`);
    return queue;
  }

  /** Adds the case's tasks; the task id is the job id, so adding them again adds nothing. */
  async add(caseId: string, tasks: readonly PlannedTask[], dueAt: Date): Promise<void> {
    for (const t of tasks) {
      const data: TaskData = { caseId, taskId: t.taskId, indicatorId: t.indicatorId, requirementIds: t.requirementIds, dueAt: dueAt.toISOString() };
      await this.queue(t.queue).add('review-task', data, { jobId: t.taskId, priority: priorityFor(dueAt), removeOnComplete: false, removeOnFail: false });
    }
  }

  /**
   * Claims the next task this reviewer may take. `verdict` may skip a task (it goes back to the
   * queue) or say the review stream already has it completed or waiting for the applicant, for a job
   * left behind by a request that failed between the stream and the queue: it is settled here.
   */
  async claimNext(name: QueueName, reviewerId: string, verdict: (task: TaskData) => Promise<ClaimVerdict>): Promise<Job<TaskData> | null> {
    const worker = this.workers.get(name);
    if (!worker) throw new Error(`no queue ${name}`);
    const skipped: { job: Job<TaskData>; token: string }[] = [];
    try {
      for (let i = 0; i < 50; i++) {
        const token = `${reviewerId}|${randomUUID()}`;
        const job = await worker.getNextJob(token, { block: false });
        if (!job) return null;
        const said = await verdict(job.data);
        if (said === 'take') return job;
        if (said === 'skip') skipped.push({ job, token });
        else if (said === 'completed') await job.moveToCompleted(null, token, false);
        else await job.moveToDelayed(Date.now() + PARKED_MS, token);
      }
      return null;
    } finally {
      // Held while looking further, so the same skipped task is not handed out again in this loop.
      for (const { job, token } of skipped) await job.moveToDelayed(Date.now(), token);
    }
  }

  /** The reviewer holding a task's claim, read from its BullMQ lock; null when unclaimed. */
  async holder(name: QueueName, taskId: string): Promise<{ reviewerId: string; token: string } | null> {
    const token = await this.connection.get(this.queue(name).toKey(`${taskId}:lock`));
    return token ? { reviewerId: token.split('|')[0] ?? '', token } : null;
  }

  async job(name: QueueName, taskId: string): Promise<Job<TaskData> | undefined> {
    return this.queue(name).getJob(taskId);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  /** After every queue and worker (escalations too) has closed. */
  async onApplicationShutdown(): Promise<void> {
    await this.connection.quit().catch(() => undefined);
  }
}
