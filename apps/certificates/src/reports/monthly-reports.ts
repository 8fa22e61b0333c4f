import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@gbt/event-store';
import { CLOCK, DomainRefusal, type Clock } from '@gbt/platform';
import { isPeriod, periodAt } from './report-calendar';
import { planNumber } from './report-feed';
import { ReportRecords } from './report-records';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings';
import { REPORT_KINDS, type ReportKind } from './report-template';
import { buildReport, type ReportRow } from './report-workbook';
import { MonthlyReport, MonthlyReportFile, MonthlyReportReminder, reportId } from './monthly-report.model';

/** The monthly reports: generated from the reporting read model, each kept with its file, checksum, counts and problems. */
@Injectable()
export class MonthlyReports {
  constructor(
    @InjectModel(MonthlyReport.name) private readonly reports: Model<MonthlyReport>,
    @InjectModel(MonthlyReportFile.name) private readonly files: Model<MonthlyReportFile>,
    @InjectModel(MonthlyReportReminder.name) private readonly reminders: Model<MonthlyReportReminder>,
    @Inject(ReportRecords) private readonly records: ReportRecords,
    @Inject(REPORT_SETTINGS) private readonly settings: ReportSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A month (YYYY-MM) a report can be made for: not one that has not begun (400 otherwise). */
  checkPeriod(period: string): string {
    if (!isPeriod(period)) throw new DomainRefusal('InvalidPeriod', `"${period}" is not a month (YYYY-MM)`, 400);
    if (period > periodAt(this.clock.now())) throw new DomainRefusal('FuturePeriod', `${period} has not begun: a report covers a month that has`, 400);
    return period;
  }

  /** The rows of a month per kind, as the read model holds them, with the body's own values added. */
  async rows(period: string): Promise<Record<ReportKind, ReportRow[]>> {
    const { bodyId, accreditation } = this.settings;
    const rows = {} as Record<ReportKind, ReportRow[]>;
    for (const kind of REPORT_KINDS) {
      // In the order things happened (facts of different cases arrive in any order), then as recorded.
      const month = (await this.records.month(period, kind)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
      rows[kind] = month.map((r) => {
        const plan = kind === 'audit-plans' ? planNumber(this.settings, period, r.seq) : undefined;
        return { reference: plan ?? r.reference, fields: { ...r.fields, bodyId, accreditation, ...(plan ? { planNumber: plan } : {}) } };
      });
    }
    return rows;
  }

  /** Builds and keeps a month's report under the month's next sequence. */
  async generate(period: string, by: string): Promise<MonthlyReport> {
    const built = await buildReport(this.settings.template, await this.rows(this.checkPeriod(period)));
    const { template } = this.settings;
    const base = { period, templateId: template.id, templateVersion: template.version, generatedAt: this.clock.now().toISOString(), generatedBy: by, checksum: built.checksum, size: built.file.length, counts: built.counts, problems: built.problems };
    // The sequence is claimed by the insert of the report's record (dense: the listing reads 1, 2, ... by `_id`), then the file is stored under it.
    for (let sequence = (await this.list(period)).length + 1; ; sequence++) {
      const report: MonthlyReport = { _id: reportId(period, sequence), sequence, ...base };
      try {
        await this.reports.create(report);
      } catch (err) {
        if (isDuplicateKeyError(err)) continue;
        throw err;
      }
      await this.files.create({ _id: report._id, content: built.file });
      return report;
    }
  }

  /** A month's reports, first first: point reads of 001, 002, ... to the first free one. */
  async list(period: string): Promise<MonthlyReport[]> {
    const found: MonthlyReport[] = [];
    for (let seq = 1; ; seq++) {
      const report = await this.reports.findById(reportId(period, seq)).lean<MonthlyReport>();
      if (!report) return found;
      found.push(report);
    }
  }

  async get(period: string, sequence: number): Promise<MonthlyReport> {
    const report = await this.reports.findById(reportId(period, sequence)).lean<MonthlyReport>();
    if (!report) throw new DomainRefusal('UnknownReport', `no report ${reportId(period, sequence)} was generated`, 404);
    return report;
  }

  async file(period: string, sequence: number): Promise<{ report: MonthlyReport; content: Buffer }> {
    const report = await this.get(period, sequence);
    // Hydrated, not lean: the model casts the stored binary back to a Buffer.
    const file = await this.files.findById(report._id);
    if (!file) throw new DomainRefusal('ReportBeingWritten', `the file of ${report._id} is being written; try again in a moment`, 404);
    return { report, content: Buffer.from(file.content) };
  }

  async remind(period: string, dueOn: string): Promise<MonthlyReportReminder> {
    const reminder = { _id: period, dueOn, remindedAt: this.clock.now().toISOString() };
    await this.reminders.updateOne({ _id: period }, { $setOnInsert: { dueOn, remindedAt: reminder.remindedAt } }, { upsert: true }).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
    });
    return (await this.reminders.findById(period).lean<MonthlyReportReminder>()) ?? reminder;
  }

  async reminder(period: string): Promise<MonthlyReportReminder | null> {
    return this.reminders.findById(period).lean<MonthlyReportReminder>();
  }
}
