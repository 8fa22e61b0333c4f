import type IORedis from 'ioredis';
import type { JsonLogger } from '@gbt/messaging';
import type { Clock } from './clock';
import { DurableTimers, type TimerData, type TimerMetrics } from './durable-timers';

/** One job: its deterministic id (one job per id: adding it again adds nothing), a name for dashboards and logs, and its data. */
export interface DurableJob<T> {
  readonly id: string;
  readonly name: string;
  readonly data: T;
}

export interface DurableJobsOptions {
  /** The BullMQ queue; one queue per kind of job. */
  readonly queue: string;
  /** The service's Redis connection (`maxRetriesPerRequest: null`); the owner closes it after close(). */
  readonly connection: IORedis;
  readonly prefix: string;
  readonly clock: Clock;
  readonly logger: JsonLogger;
  readonly metrics: TimerMetrics;
  /** Jobs run at once by this process (default 1). */
  readonly concurrency?: number;
  /** Attempts before a job is left failed (default 10), and the wait before the first retry, doubling with each further one (default 1 s). */
  readonly attempts?: number;
  readonly backoffMs?: number;
}

/** A job as queued: its data, and when it was added (due at once). */
type Queued<T> = TimerData & { readonly job: T };

/**
 * Work to do now, durably (a PDF to render, ...): the sibling of the durable timers for jobs that
 * are not waiting for a date. It is those timers, each due when added, so it shares their
 * mechanism and their reporting: every failed attempt and every worker or queue error is written
 * to the JSON log and counted in `gbt_timer_failures_total{queue,stage}`, the queue's depth in
 * `gbt_queue_jobs`. Done jobs are kept, so a job added again after it ran does not run again.
 */
export class DurableJobs<T> {
  private readonly timers: DurableTimers<Queued<T>>;

  constructor(private readonly options: DurableJobsOptions) {
    this.timers = new DurableTimers<Queued<T>>({
      queue: options.queue,
      connection: options.connection,
      prefix: options.prefix,
      clock: options.clock,
      logger: options.logger,
      metrics: options.metrics,
      // Nothing waits for a date; the sweep only backs up BullMQ's own promotion.
      sweepIntervalMs: 60_000,
      concurrency: options.concurrency ?? 1,
      job: { attempts: options.attempts ?? 10, backoffMs: options.backoffMs ?? 1_000, keepFired: true },
    });
  }

  get name(): string {
    return this.timers.name;
  }

  /** Starts running jobs into `handler`; a job that throws is retried with backoff. */
  start(handler: (data: T, id: string) => Promise<void>): void {
    this.timers.start((queued, id) => handler(queued.job, id));
  }

  async add(...jobs: readonly DurableJob<T>[]): Promise<void> {
    const queuedAt = this.options.clock.now().toISOString();
    await this.timers.schedule(...jobs.map((j) => ({ id: j.id, name: j.name, data: { job: j.data, dueAt: queuedAt } })));
  }

  /** Resolves once nothing is waiting or running. */
  idle(timeoutMs = 30_000): Promise<void> {
    return this.timers.idle(timeoutMs);
  }

  /** Lets running jobs finish and closes the worker and the queue (not the connection). */
  close(): Promise<void> {
    return this.timers.close();
  }
}
