import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import { JsonLogger, errorFields } from '@gbt/messaging';
import { CLOCK, type Clock, Metrics } from '@gbt/platform';
import { RedisConnection } from '../redis-connection';
import type { PlannedTimer } from './timer-plan';

export const TIMER_OPTIONS = Symbol('TIMER_OPTIONS');
export interface TimerOptions {
  /** How often due timers are looked for besides BullMQ's own delay (covers a service clock that is not the wall clock). */
  readonly sweepIntervalMs: number;
}

const QUEUE = 'certificate-timers';

/**
 * Certificate timers as BullMQ delayed jobs in Redis (AOF), so a restart loses none. The job id is
 * the timer's deterministic id: planning a timer twice keeps one. Delays are measured on the
 * service clock; the sweep promotes any timer whose due instant that clock has reached.
 */
@Injectable()
export class Timers implements BeforeApplicationShutdown {
  private readonly queue: Queue<PlannedTimer>;
  private worker?: Worker<PlannedTimer>;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(RedisConnection) private readonly redis: RedisConnection,
    @Inject(TIMER_OPTIONS) private readonly options: TimerOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.queue = new Queue<PlannedTimer>(QUEUE, { connection: redis.client, prefix: redis.prefix });
    metrics.watchQueue(this.queue);
  }

  /** Starts firing timers into `handler`; a failed firing is retried with backoff. */
  start(handler: (timer: PlannedTimer, jobId: string) => Promise<void>): void {
    this.worker = new Worker<PlannedTimer>(QUEUE, (job: Job<PlannedTimer>) => handler(job.data, job.id ?? job.data.id), {
      connection: this.redis.client,
      prefix: this.redis.prefix,
      concurrency: 4,
    });
    this.worker.on('error', (err) => this.logger.warn('certificate timer worker error', errorFields(err)));
    this.worker.on('failed', (job, err) => this.logger.warn('certificate timer failed, will retry', { timerId: job?.id, ...errorFields(err) }));
    this.sweeper = setInterval(() => void this.fireDue().catch(() => undefined), this.options.sweepIntervalMs);
    this.sweeper.unref();
  }

  async schedule(timers: readonly PlannedTimer[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const t of timers) {
      await this.queue.add(t.kind, t, {
        jobId: t.id,
        delay: Math.max(0, new Date(t.dueAt).getTime() - now),
        attempts: 20,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: false,
        removeOnFail: false,
      });
    }
  }

  /** Moves every delayed timer the service clock has reached to the front, returning how many. */
  async fireDue(): Promise<number> {
    const now = this.clock.now().getTime();
    let promoted = 0;
    for (let start = 0; ; start += 500) {
      const jobs = await this.queue.getDelayed(start, start + 499);
      for (const job of jobs) {
        if (new Date(job.data.dueAt).getTime() <= now) {
          await job.promote().catch(() => undefined);
          promoted++;
        }
      }
      if (jobs.length < 500) return promoted;
    }
  }

  /** Pending and fired timers of a case, for tests and operators: it reads the whole queue. */
  async ofCase(caseId: string): Promise<{ id: string; kind: string; dueAt: string; state: string }[]> {
    const jobs = await this.queue.getJobs(['delayed', 'waiting', 'active', 'completed', 'failed', 'prioritized']);
    const mine = jobs.filter((j) => j?.data?.caseId === caseId);
    return Promise.all(mine.map(async (j) => ({ id: j.id ?? '', kind: j.data.kind, dueAt: j.data.dueAt, state: await j.getState() })));
  }

  /** Resolves once nothing is waiting or running: what the clock made due has fired. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'prioritized');
      if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('certificate timers did not settle');
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.worker?.close();
    await this.queue.close();
  }
}
