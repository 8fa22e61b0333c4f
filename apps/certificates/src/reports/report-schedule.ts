import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BusinessCalendar } from '@gbt/business-calendar';
import { shanghaiDate } from '@gbt/certificate-core';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, contextNow, DurableTimers, Metrics, type Clock } from '@gbt/platform';
import { CERTIFICATES_SYSTEM } from '../certificates/certificates.aggregate';
import { RedisConnection } from '../redis-connection';
import { TIMER_OPTIONS, type TimerOptions } from '../timers/timers';
import { dueOn, nextPeriod, periodAt, prepareAt, previousPeriod, remindAt } from './report-calendar';
import { GenerateMonthlyReport, RemindMonthlyReport } from './report-commands';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings';

interface ReportTimer {
  readonly kind: 'prepare' | 'remind';
  readonly period: string;
  readonly dueAt: string;
}

/**
 * The monthly job on the platform's durable timers (ADR 0014), on the service clock: on the 1st it
 * prepares the previous month's report and plans the next month's; a few working days before the
 * 10th (the business calendar's holidays counted) it reminds staff. Timer ids name the month and
 * fired ones are kept, so each fires once however often the service starts.
 */
@Injectable()
export class ReportSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly timers: DurableTimers<ReportTimer>;

  constructor(
    @Inject(RedisConnection) redis: RedisConnection,
    @Inject(TIMER_OPTIONS) options: TimerOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JsonLogger) logger: JsonLogger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(BusinessCalendar) private readonly calendar: BusinessCalendar,
    @Inject(REPORT_SETTINGS) private readonly settings: ReportSettings,
  ) {
    this.timers = new DurableTimers<ReportTimer>({
      queue: 'monthly-reports',
      connection: redis.client,
      prefix: redis.prefix,
      clock,
      logger,
      metrics,
      sweepIntervalMs: options.sweepIntervalMs,
      concurrency: 1,
      job: { attempts: 10, backoffMs: 5_000, keepFired: true },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.timers.start((timer) => this.fire(timer));
    const current = periodAt(this.clock.now());
    // Last month's report, if it is not yet due (prepared at once when the 1st has passed), and this month's.
    if (dueOn(previousPeriod(current)) >= shanghaiDate(this.clock.now())) await this.plan(previousPeriod(current));
    await this.plan(current);
  }

  /** The timers of a month's report: prepared on the 1st after it, a reminder before the 10th. */
  async plan(period: string): Promise<void> {
    const remind = remindAt(period, this.calendar, this.settings.reminderWorkingDays);
    await this.timers.schedule(
      { id: `prepare-${period}`, name: 'prepare', data: { kind: 'prepare', period, dueAt: prepareAt(period).toISOString() } },
      { id: `remind-${period}`, name: 'remind', data: { kind: 'remind', period, dueAt: remind.toISOString() } },
    );
  }

  /** Moves every timer the service clock has reached to the front (tests and a moved demo clock). */
  fireDue(): Promise<number> {
    return this.timers.sweep();
  }

  idle(timeoutMs?: number): Promise<void> {
    return this.timers.idle(timeoutMs);
  }

  private async fire(timer: ReportTimer): Promise<void> {
    const context = contextNow(CERTIFICATES_SYSTEM, this.clock);
    if (timer.kind === 'prepare') {
      await this.commands.execute(new GenerateMonthlyReport({ period: timer.period }, context));
      await this.plan(nextPeriod(timer.period));
    } else {
      await this.commands.execute(new RemindMonthlyReport({ period: timer.period }, context));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.timers.close();
  }
}
