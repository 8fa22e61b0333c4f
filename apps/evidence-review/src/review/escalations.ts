import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, type Clock, DurableTimers, Metrics, sweepIntervalMs } from '@gbt/platform';
import { WorkQueues, REVIEW_QUEUE_OPTIONS, type ReviewQueueOptions } from '../tasks/work-queues';

const QUEUE = 'review-escalations';

export const ESCALATION_OPTIONS = Symbol('ESCALATION_OPTIONS');
export interface EscalationOptions {
  /** How often due escalations are looked for besides BullMQ's own delay (covers a service clock that is not the wall clock). */
  readonly sweepIntervalMs: number;
}

/** REVIEW_TIMER_SWEEP_INTERVAL_MS, else TIMER_SWEEP_INTERVAL_MS (what `npm start` sets for every service), else a minute. */
export function escalationSweepIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  if (env.REVIEW_TIMER_SWEEP_INTERVAL_MS !== undefined) return sweepIntervalMs(env.REVIEW_TIMER_SWEEP_INTERVAL_MS, 'REVIEW_TIMER_SWEEP_INTERVAL_MS');
  return sweepIntervalMs(env.TIMER_SWEEP_INTERVAL_MS, 'TIMER_SWEEP_INTERVAL_MS');
}

interface Escalation {
  readonly taskId: string;
  readonly dueAt: string;
}

/**
 * SLA timers on the platform's durable timers: one per task, due when the task's SLA runs out, with
 * a deterministic id so a task never has two. Pausing removes it; resuming schedules it anew. The
 * delay is measured on the service clock, the same clock the due instants come from, and a sweep
 * fires the escalations that clock has reached (so moving a simulated clock forward escalates).
 */
@Injectable()
export class Escalations implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly timers: DurableTimers<Escalation>;
  private handler?: (taskId: string) => Promise<void>;

  constructor(
    @Inject(WorkQueues) queues: WorkQueues,
    @Inject(REVIEW_QUEUE_OPTIONS) queueOptions: ReviewQueueOptions,
    @Inject(ESCALATION_OPTIONS) options: EscalationOptions,
    @Inject(CLOCK) clock: Clock,
    @Inject(JsonLogger) logger: JsonLogger,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.timers = new DurableTimers<Escalation>({
      queue: QUEUE,
      connection: queues.connection,
      prefix: queueOptions.prefix,
      clock,
      logger,
      metrics,
      sweepIntervalMs: options.sweepIntervalMs,
      concurrency: 4,
      job: { attempts: 5, backoffMs: 1_000, keepFired: false },
    });
  }

  onDue(handler: (taskId: string) => Promise<void>): void {
    this.handler = handler;
  }

  /** Escalations fire once the service is up, into the handler given by onDue. */
  onApplicationBootstrap(): void {
    const handler = this.handler;
    if (!handler) throw new Error('escalations have no handler: call onDue first');
    this.timers.start((escalation) => handler(escalation.taskId));
  }

  async schedule(taskId: string, dueAt: Date): Promise<void> {
    await this.timers.reschedule({ id: `${taskId}.escalation`, name: 'escalate', data: { taskId, dueAt: dueAt.toISOString() } });
  }

  async cancel(taskId: string): Promise<void> {
    await this.timers.cancel(`${taskId}.escalation`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.timers.close();
  }
}
