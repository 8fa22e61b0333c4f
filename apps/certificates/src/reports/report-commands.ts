import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainCommand } from '@gbt/platform';
import { dueOn } from './report-calendar';
import type { MonthlyReport, MonthlyReportReminder } from './monthly-report.model';
import { MonthlyReports } from './monthly-reports';

/** Make a month's report now (staff, or the monthly job on the 1st). */
export class GenerateMonthlyReport extends DomainCommand<{ period: string }, MonthlyReport> {}

/** Remind staff that a month's report is due on the 10th. */
export class RemindMonthlyReport extends DomainCommand<{ period: string }, MonthlyReportReminder> {}

/** Where a reminder goes besides the console: a fact the directory mails to administrators (report-notifier.ts). */
export const REPORT_NOTIFIER = Symbol('REPORT_NOTIFIER');
export interface ReportNotifier {
  reportDue(reminder: MonthlyReportReminder, latest: MonthlyReport | undefined): Promise<void>;
}

@CommandHandler(GenerateMonthlyReport)
export class GenerateMonthlyReportHandler implements ICommandHandler<GenerateMonthlyReport> {
  constructor(@Inject(MonthlyReports) private readonly reports: MonthlyReports) {}

  execute({ data, context }: GenerateMonthlyReport): Promise<MonthlyReport> {
    return this.reports.generate(data.period, context.actor.id);
  }
}

@CommandHandler(RemindMonthlyReport)
export class RemindMonthlyReportHandler implements ICommandHandler<RemindMonthlyReport> {
  constructor(
    @Inject(MonthlyReports) private readonly reports: MonthlyReports,
    @Inject(REPORT_NOTIFIER) private readonly notifier: ReportNotifier,
  ) {}

  async execute({ data }: RemindMonthlyReport): Promise<MonthlyReportReminder> {
    const reminder = await this.reports.remind(data.period, dueOn(data.period));
    await this.notifier.reportDue(reminder, (await this.reports.list(data.period)).at(-1));
    return reminder;
  }
}

export const reportCommandHandlers = [GenerateMonthlyReportHandler, RemindMonthlyReportHandler];
