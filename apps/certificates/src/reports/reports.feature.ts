import { BusinessCalendar, CHINA_PUBLIC_HOLIDAYS } from '@gbt/business-calendar';
import { MongoEventStore } from '@gbt/event-store';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK } from '@gbt/platform';
import { ExportsController, OpenDataController } from './exports.controller';
import { MonthlyReport, MonthlyReportFile, MonthlyReportFileSchema, MonthlyReportReminder, MonthlyReportReminderSchema, MonthlyReportSchema } from './monthly-report.model';
import { MonthlyReports } from './monthly-reports';
import { RegistryExports } from './registry-exports';
import { REPORT_NOTIFIER, reportCommandHandlers } from './report-commands';
import { reportFactHandlers } from './report-facts';
import { eventNotifier } from './report-notifier';
import { ReportCase, ReportCaseSchema, ReportHead, ReportHeadSchema, ReportHolder, ReportHolderSchema, ReportRecord, ReportRecordSchema } from './report-records.model';
import { ReportRecords } from './report-records';
import { ReportSchedule } from './report-schedule';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings';
import { ReportsConsumer } from './reports-consumer';
import { ReportsController } from './reports.controller';

/**
 * Reports of the registry (ADR 0029): the monthly report to the regulator with its read model and
 * monthly job, the IAF CertSearch export and the open-data feed. Its parts, for the certificates
 * module to add: it uses that module's registry, lifecycle mirror, Redis and timer settings.
 */
export const reportsFeature = (settings: ReportSettings) => ({
  models: [
    { name: ReportRecord.name, schema: ReportRecordSchema },
    { name: ReportHead.name, schema: ReportHeadSchema },
    { name: ReportHolder.name, schema: ReportHolderSchema },
    { name: ReportCase.name, schema: ReportCaseSchema },
    { name: MonthlyReport.name, schema: MonthlyReportSchema },
    { name: MonthlyReportFile.name, schema: MonthlyReportFileSchema },
    { name: MonthlyReportReminder.name, schema: MonthlyReportReminderSchema },
  ],
  controllers: [ReportsController, ExportsController, OpenDataController],
  providers: [
    { provide: REPORT_SETTINGS, useValue: settings },
    { provide: BusinessCalendar, useValue: new BusinessCalendar(CHINA_PUBLIC_HOLIDAYS) },
    { provide: REPORT_NOTIFIER, inject: [MongoEventStore, CLOCK, JsonLogger], useFactory: eventNotifier },
    ReportRecords,
    MonthlyReports,
    RegistryExports,
    ReportSchedule,
    ReportsConsumer,
    ...reportFactHandlers,
    ...reportCommandHandlers,
  ],
});
