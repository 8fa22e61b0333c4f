import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { ReportKind } from './report-template';
import type { ReportProblem } from './report-values';

/** A generated monthly report, `_id` = `<YYYY-MM>/<sequence, 3 digits>` (a month may be generated again; each is kept). */
@Schema({ collection: 'monthly_reports', versionKey: false, strict: 'throw', minimize: false })
export class MonthlyReport {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  period!: string;

  @Prop({ type: Number, required: true })
  sequence!: number;

  @Prop({ type: String, required: true })
  templateId!: string;

  @Prop({ type: String, required: true })
  templateVersion!: string;

  @Prop({ type: String, required: true })
  generatedAt!: string;

  /** The person who asked, or the monthly job (`certificates-system`). */
  @Prop({ type: String, required: true })
  generatedBy!: string;

  /** sha256 of the file, hex. */
  @Prop({ type: String, required: true })
  checksum!: string;

  @Prop({ type: Number, required: true })
  size!: number;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  counts!: Record<ReportKind, { exported: number; withProblems: number }>;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  problems!: ReportProblem[];
}

export const MonthlyReportSchema = SchemaFactory.createForClass(MonthlyReport);

/** The workbook of a generated report, under the report's `_id`; apart, so listing reports never reads files. */
@Schema({ collection: 'monthly_report_files', versionKey: false, strict: 'throw' })
export class MonthlyReportFile {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Buffer, required: true })
  content!: Buffer;
}

export const MonthlyReportFileSchema = SchemaFactory.createForClass(MonthlyReportFile);

/** That a month's report falls due (the 10th of the next month): shown in the console from `remindAt` on, `_id` = the month. */
@Schema({ collection: 'monthly_report_reminders', versionKey: false, strict: 'throw' })
export class MonthlyReportReminder {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  dueOn!: string;

  @Prop({ type: String, required: true })
  remindedAt!: string;
}

export const MonthlyReportReminderSchema = SchemaFactory.createForClass(MonthlyReportReminder);

export const reportId = (period: string, sequence: number) => `${period}/${String(sequence).padStart(3, '0')}`;
