import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { CLOCK, type Clock, Metrics } from '@gbt/platform';
import { WorkQueues, REVIEW_QUEUE_OPTIONS, type ReviewQueueOptions } from '../tasks/work-queues';

const QUEUE = 'review-escalations';

/**
 * SLA timers: one delayed BullMQ job per task, due when the task's SLA runs out, with a
 * deterministic id so a task never has two. Pausing removes it; resuming schedules it anew.
 * The delay is measured on the service clock, the same clock the due instants come from.
 */
@Injectable()
export class Escalations implements BeforeApplicationShutdown {
  private readonly queue: Queue;
  private readonly worker: Worker;
  private handler: (taskId: string) => Promise<void> = async () => undefined;

  constructor(
    @Inject(WorkQueues) queues: WorkQueues,
    @Inject(REVIEW_QUEUE_OPTIONS) options: ReviewQueueOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(Metrics) metrics: Metrics,
  ) {
    const opts = { connection: queues.connection, prefix: options.prefix };
    this.queue = new Queue(QUEUE, opts);
    metrics.watchQueue(this.queue);
    this.worker = new Worker(QUEUE, (job) => this.handler(job.data.taskId as string), { ...opts, concurrency: 4 });
    this.worker.on('error', () => undefined);
  }

  onDue(handler: (taskId: string) => Promise<void>): void {
    this.handler = handler;
  }

  async schedule(taskId: string, dueAt: Date): Promise<void> {
    await this.cancel(taskId);
    await this.queue.add('escalate', { taskId }, { jobId: `${taskId}.escalation`, delay: Math.max(0, dueAt.getTime() - this.clock.now().getTime()), removeOnComplete: true, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } });
  }

  async cancel(taskId: string): Promise<void> {
    await this.queue.remove(`${taskId}.escalation`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }
}
