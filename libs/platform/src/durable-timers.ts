import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import type IORedis from 'ioredis';
import { errorFields, type JsonLogger } from '@gbt/messaging';
import type { Clock } from './clock';
import type { Metrics } from './metrics';

/** What every timer carries: the instant it is due, on the service clock (ISO 8601). */
export interface TimerData {
  readonly dueAt: string;
}

/** One timer: its deterministic id (one timer per id), a name for dashboards and logs, and its data. */
export interface DurableTimer<T extends TimerData> {
  readonly id: string;
  readonly name: string;
  readonly data: T;
}

/** Where timers report: their queue's depth (gbt_queue_jobs) and their failures (gbt_timer_failures_total). */
export type TimerMetrics = Pick<Metrics, 'watchQueue' | 'timerFailures'>;

/** Where a timer failure happened: a firing's attempt, or the worker, the queue or the sweep. */
export type TimerFailureStage = 'firing' | 'worker' | 'queue' | 'sweep';
const STAGES: readonly TimerFailureStage[] = ['firing', 'worker', 'queue', 'sweep'];

export interface TimerJobOptions {
  /** Attempts at firing a timer before it is left failed. */
  readonly attempts: number;
  /** Wait before the first retry, doubling with every further one. */
  readonly backoffMs: number;
  /**
   * Keep fired timers: scheduling the same id again then adds nothing even after it fired (a timer
   * that must fire once ever). Without, a fired id is free to be scheduled anew.
   */
  readonly keepFired: boolean;
}

export interface DurableTimersOptions {
  /** The BullMQ queue; one queue per kind of timer. */
  readonly queue: string;
  /** The service's Redis connection (`maxRetriesPerRequest: null`); the owner closes it after close(). */
  readonly connection: IORedis;
  /** Key prefix, so test runs and deployments can share one Redis. */
  readonly prefix: string;
  /** The service clock, on which delays are measured and the sweep decides what is due. */
  readonly clock: Clock;
  readonly logger: JsonLogger;
  readonly metrics: TimerMetrics;
  /**
   * How often the service clock is compared with the wall clock; the delayed timers are read (a
   * sweep) only when the service clock has moved ahead of the wall clock since the last sweep.
   */
  readonly sweepIntervalMs: number;
  /** Timers fired at once by this process (default 4). */
  readonly concurrency?: number;
  readonly job?: Partial<TimerJobOptions>;
}

const DEFAULT_JOB: TimerJobOptions = { attempts: 5, backoffMs: 1_000, keepFired: false };
const PAGE = 500;
/** How far the service clock may gain on the wall clock before a sweep: more than the jitter of reading both. */
const DRIFT_TOLERANCE_MS = 5;
const STATES = ['delayed', 'waiting', 'active', 'completed', 'failed', 'prioritized'] as const;

/** A sweep interval read from the environment: a whole number of milliseconds, at least 100. */
export function sweepIntervalMs(raw: string | undefined, variable: string, defaultMs = 60_000): number {
  const ms = Number(raw ?? defaultMs);
  if (!Number.isInteger(ms) || ms < 100) throw new Error(`${variable} must be a whole number of milliseconds >= 100, not "${raw}"`);
  return ms;
}

/**
 * Durable timers on BullMQ: each timer is a delayed job in Redis (AOF), so a restart loses none.
 * The job id is the timer's deterministic id, so scheduling twice keeps one and rescheduling
 * replaces it. The delay is measured on the service clock when a timer is scheduled, and a sweep
 * promotes any timer whose due instant that clock has reached, so moving a simulated clock forward
 * fires what fell due. A sweep reads every delayed timer, which grows with the certificates held,
 * so it runs only when needed: at start, and when the service clock has gained on the wall clock
 * since the last one (checked every `sweepIntervalMs`, without Redis); on the wall clock alone
 * BullMQ's own delays fire everything. A firing that throws is retried with exponential
 * backoff; every failed attempt and every worker, queue or sweep error is written to the JSON log
 * and counted in `gbt_timer_failures_total{queue,stage}`.
 */
export class DurableTimers<T extends TimerData> {
  // Untyped inside: BullMQ's conditional job types do not resolve for a generic T.
  private readonly queue: Queue;
  private readonly job: TimerJobOptions;
  private worker?: Worker;
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private closing?: Promise<void>;
  /** The service clock's lead over the wall clock when the last sweep began; undefined before the first. */
  private sweptAtDrift?: number;
  /** Sweeps still owed for the last move of the clock (see sweepIfClockMoved). */
  private owedSweeps = 0;

  constructor(private readonly options: DurableTimersOptions) {
    this.job = { ...DEFAULT_JOB, ...options.job };
    this.queue = new Queue(options.queue, { connection: options.connection, prefix: options.prefix });
    this.queue.on('error', (err) => this.failed('queue', 'timer queue error', errorFields(err)));
    options.metrics.watchQueue(this.queue);
    for (const stage of STAGES) options.metrics.timerFailures.inc({ queue: options.queue, stage }, 0);
  }

  get name(): string {
    return this.options.queue;
  }

  /** Starts firing timers into `handler` (once) and sweeping for due ones. */
  start(handler: (data: T, id: string) => Promise<void>): void {
    if (this.worker) throw new Error(`timers ${this.name} already started`);
    const { connection, prefix, concurrency = 4, logger } = this.options;
    this.worker = new Worker(this.name, (job: Job) => handler(job.data as T, job.id ?? ''), { connection, prefix, concurrency });
    this.worker.on('error', (err) => this.failed('worker', 'timer worker error', errorFields(err)));
    this.worker.on('failed', (job, err) => {
      const attempts = job?.opts.attempts ?? 1;
      const retrying = job !== undefined && job.attemptsMade < attempts;
      const fields = { timerId: job?.id, timer: job?.name, attemptsMade: job?.attemptsMade, attempts, ...errorFields(err) };
      this.options.metrics.timerFailures.inc({ queue: this.name, stage: 'firing' });
      if (retrying) logger.warn('timer firing failed, will retry', { queue: this.name, ...fields });
      else logger.error('timer firing failed, giving up', { queue: this.name, ...fields });
    });
    this.sweeper = setInterval(() => this.sweepIfClockMoved(), this.options.sweepIntervalMs);
    this.sweeper.unref();
    this.sweepIfClockMoved();
  }

  /** Schedules timers; one whose id is already scheduled (or kept fired) is left as it is. */
  async schedule(...timers: readonly DurableTimer<T>[]): Promise<void> {
    const now = this.options.clock.now().getTime();
    for (const t of timers) await this.queue.add(t.name, t.data, this.jobOptions(t, now));
  }

  /**
   * Replaces the timer with this id by this one (a new due instant or data). A timer firing at this
   * very moment cannot be replaced; that is logged and it stays as it is.
   */
  async reschedule(timer: DurableTimer<T>): Promise<void> {
    if (!(await this.cancel(timer.id)) && (await this.queue.getJobState(timer.id)) === 'active') {
      this.options.logger.warn('timer is firing and was not rescheduled', { queue: this.name, timerId: timer.id, dueAt: timer.data.dueAt });
      return;
    }
    await this.schedule(timer);
  }

  /** Removes a timer, pending, fired or failed; false when there was none (or it is firing now). */
  async cancel(id: string): Promise<boolean> {
    // BullMQ's remove answers 1 for an id it does not know too.
    if ((await this.queue.getJobState(id)) === 'unknown') return false;
    return (await this.queue.remove(id)) === 1;
  }

  /**
   * Moves every timer the service clock has reached to the front, returning how many. A timer
   * waiting to retry a failed firing keeps its backoff.
   */
  async sweep(): Promise<number> {
    const now = this.options.clock.now().getTime();
    const due: Job[] = [];
    // Collected first: promoting while paging would shift the pages.
    for (let start = 0; ; start += PAGE) {
      const jobs = await this.queue.getDelayed(start, start + PAGE - 1);
      for (const job of jobs) if (job && job.attemptsMade === 0 && Date.parse((job.data as Partial<TimerData> | undefined)?.dueAt ?? '') <= now) due.push(job);
      if (jobs.length < PAGE) break;
    }
    let promoted = 0;
    for (const job of due) {
      // A timer fired, cancelled or rescheduled since it was read is no longer delayed: nothing to do.
      if (await job.promote().then(() => true, () => false)) promoted++;
    }
    return promoted;
  }

  /** Every timer still known, pending, firing, fired (if kept) or failed, with its state. It reads the whole queue. */
  async all(): Promise<(DurableTimer<T> & { state: string })[]> {
    const jobs = (await this.queue.getJobs([...STATES])).filter((j): j is Job => Boolean(j?.data));
    return Promise.all(jobs.map(async (j) => ({ id: j.id ?? '', name: j.name, data: j.data as T, state: await j.getState() })));
  }

  /** Resolves once nothing is waiting or firing: what the clock made due has fired. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'prioritized');
      if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timers ${this.name} did not settle`);
  }

  /** Stops sweeping, lets running firings finish, and closes the worker and the queue (not the connection). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.sweeper) clearInterval(this.sweeper);
      await this.sweeping;
      await this.worker?.close();
      await this.queue.close();
    })();
    return this.closing;
  }

  /**
   * Sweeps at start and after the service clock gained on the wall clock. A move is swept twice, the
   * second time an interval later: a timer scheduled at the moment of the move may have measured its
   * delay on the old time and been added after the first sweep read the queue. A clock that falls
   * behind (a frozen test clock) needs no sweep: BullMQ's delays then fire no timer late.
   */
  private sweepIfClockMoved(): void {
    if (this.sweeping || this.closing) return;
    const drift = this.options.clock.now().getTime() - Date.now();
    if (this.sweptAtDrift === undefined || drift > this.sweptAtDrift + DRIFT_TOLERANCE_MS) this.owedSweeps = 2;
    else if (drift < this.sweptAtDrift) this.sweptAtDrift = drift;
    if (this.owedSweeps === 0) return;
    this.sweeping = this.sweep()
      .then(() => {
        this.sweptAtDrift = drift;
        this.owedSweeps--;
      })
      .catch((err) => this.failed('sweep', 'timer sweep failed', errorFields(err)))
      .finally(() => (this.sweeping = undefined));
  }

  private jobOptions(t: DurableTimer<T>, now: number): JobsOptions {
    const due = Date.parse(t.data.dueAt);
    if (Number.isNaN(due)) throw new Error(`timer ${t.id} has no valid dueAt: ${String(t.data.dueAt)}`);
    return {
      jobId: t.id,
      delay: Math.max(0, due - now),
      attempts: this.job.attempts,
      backoff: { type: 'exponential', delay: this.job.backoffMs },
      removeOnComplete: !this.job.keepFired,
      removeOnFail: false,
    };
  }

  private failed(stage: TimerFailureStage, msg: string, fields: Record<string, unknown>): void {
    this.options.metrics.timerFailures.inc({ queue: this.name, stage });
    this.options.logger.warn(msg, { queue: this.name, ...fields });
  }
}
