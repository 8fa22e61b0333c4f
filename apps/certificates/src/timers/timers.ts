import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, type Clock, DurableTimers, Metrics } from '@gbt/platform';
import { RedisConnection } from '../redis-connection';
import type { PlannedTimer } from './timer-plan';

export const TIMER_OPTIONS = Symbol('TIMER_OPTIONS');
export interface TimerOptions {
  /** How often due timers are looked for besides BullMQ's own delay (covers a service clock that is not the wall clock). */
  readonly sweepIntervalMs: number;
}

const QUEUE = 'certificate-timers';

/**
 * A timer of another feature of this service (complaints) on the same queue, fired by the handler
 * that feature registers with `handle`: one timer mechanism for the whole service.
 */
export interface FeatureTimer {
  readonly feature: string;
  readonly id: string;
  readonly kind: string;
  readonly dueAt: string;
  /** What the timer is about (a complaint's reference) and the date it was planned for. */
  readonly subject: string;
  readonly about: string;
}
type AnyTimer = PlannedTimer | FeatureTimer;
const isFeatureTimer = (t: AnyTimer): t is FeatureTimer => 'feature' in t;

/**
 * Certificate timers on the platform's durable timers (BullMQ delayed jobs in Redis, AOF), so a
 * restart loses none. The job id is the timer's deterministic id and fired timers are kept:
 * planning a timer twice keeps one, even after it fired. Delays are measured on the service clock;
 * the sweep promotes any timer whose due instant that clock has reached.
 */
@Injectable()
export class Timers implements BeforeApplicationShutdown {
  private readonly timers: DurableTimers<AnyTimer>;
  private readonly features = new Map<string, (timer: FeatureTimer, jobId: string) => Promise<void>>();

  constructor(
    @Inject(RedisConnection) redis: RedisConnection,
    @Inject(TIMER_OPTIONS) options: TimerOptions,
    @Inject(CLOCK) clock: Clock,
    @Inject(JsonLogger) logger: JsonLogger,
    @Inject(Metrics) metrics: Metrics,
  ) {
    this.timers = new DurableTimers<AnyTimer>({
      queue: QUEUE,
      connection: redis.client,
      prefix: redis.prefix,
      clock,
      logger,
      metrics,
      sweepIntervalMs: options.sweepIntervalMs,
      concurrency: 4,
      job: { attempts: 20, backoffMs: 1_000, keepFired: true },
    });
  }

  /** Starts firing timers into `handler`; a failed firing is retried with backoff. */
  start(handler: (timer: PlannedTimer, jobId: string) => Promise<void>): void {
    this.timers.start((timer, id) => (isFeatureTimer(timer) ? this.fireFeature(timer, id || timer.id) : handler(timer, id || timer.id)));
  }

  /** Registers how a feature's timers fire (before the application starts, so none fires unhandled). */
  handle(feature: string, handler: (timer: FeatureTimer, jobId: string) => Promise<void>): void {
    this.features.set(feature, handler);
  }

  private fireFeature(timer: FeatureTimer, jobId: string): Promise<void> {
    const handler = this.features.get(timer.feature);
    // Thrown, so the job is retried with backoff rather than lost.
    if (!handler) throw new Error(`no handler for ${timer.feature} timers (${timer.id})`);
    return handler(timer, jobId);
  }

  async scheduleFeature(timers: readonly FeatureTimer[]): Promise<void> {
    await this.timers.schedule(...timers.map((t) => ({ id: t.id, name: `${t.feature}.${t.kind}`, data: t })));
  }

  async schedule(timers: readonly PlannedTimer[]): Promise<void> {
    await this.timers.schedule(...timers.map((t) => ({ id: t.id, name: t.kind, data: t })));
  }

  /** Moves every delayed timer the service clock has reached to the front, returning how many. */
  fireDue(): Promise<number> {
    return this.timers.sweep();
  }

  /** Pending and fired timers of a case, for tests and operators: it reads the whole queue. */
  async ofCase(caseId: string): Promise<{ id: string; kind: string; dueAt: string; state: string }[]> {
    const all = await this.timers.all();
    const mine = all.flatMap((t) => (!isFeatureTimer(t.data) && t.data.caseId === caseId ? [{ ...t, data: t.data }] : []));
    return mine.map((t) => ({ id: t.id, kind: t.data.kind, dueAt: t.data.dueAt, state: t.state }));
  }

  /** Pending and fired timers of a feature's subject (a complaint), for tests and operators: it reads the whole queue. */
  async ofSubject(feature: string, subject: string): Promise<{ id: string; kind: string; dueAt: string; state: string }[]> {
    const all = await this.timers.all();
    return all.filter((t) => isFeatureTimer(t.data) && t.data.feature === feature && t.data.subject === subject).map((t) => ({ id: t.id, kind: t.data.kind, dueAt: t.data.dueAt, state: t.state }));
  }

  /** Resolves once nothing is waiting or running: what the clock made due has fired. */
  idle(timeoutMs = 30_000): Promise<void> {
    return this.timers.idle(timeoutMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.timers.close();
  }
}
