import { Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { actingRole, CurrentUser, type Principal } from '@gbt/auth';
import { CLOCK, contextNow, DomainRefusal, parseInput, type Clock } from '@gbt/platform';
import { dueOn, isPeriod, periodAt, previousPeriod } from './report-calendar';
import { GenerateMonthlyReport } from './report-commands';
import type { MonthlyReport } from './monthly-report.model';
import { MonthlyReports } from './monthly-reports';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const listQuery = z.strictObject({ months: z.coerce.number().int().min(1).max(36).default(12), to: month.optional() });

/** A report as listed: without its problems, which can be many (the report itself has them). */
const summary = ({ problems, ...report }: MonthlyReport) => ({ ...report, problemCount: problems.length, downloadUrl: `/reports/monthly/${report.period}/${report.sequence}/report.xlsx` });

/** The monthly report to the regulator: staff list, generate and download it (ADR 0029). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/monthly')
export class ReportsController {
  constructor(
    @Inject(MonthlyReports) private readonly reports: MonthlyReports,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(REPORT_SETTINGS) private readonly settings: ReportSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The last months (default 12, up to `to`, default this month), newest first: each with its due day, its reminder and its generated reports' })
  async list(@Query() query: unknown) {
    const q = parseInput(listQuery, query, 'query');
    let period = q.to ? this.reports.checkPeriod(q.to) : periodAt(this.clock.now());
    const months = [];
    for (let i = 0; i < q.months; i++, period = previousPeriod(period)) {
      months.push({ period, dueOn: dueOn(period), reminder: await this.reports.reminder(period), reports: (await this.reports.list(period)).map(summary) });
    }
    const { template } = this.settings;
    return { template: { id: template.id, version: template.version }, months };
  }

  @Post(':period')
  @ApiOperation({ summary: 'Generate the report of a month (YYYY-MM, not in the future) now; kept beside earlier ones' })
  async generate(@CurrentUser() me: Principal, @Param('period') period: string) {
    this.reports.checkPeriod(period);
    return this.commands.execute(new GenerateMonthlyReport({ period }, contextNow({ id: me.id, role: actingRole(me) }, this.clock)));
  }

  @Get(':period/:sequence')
  @ApiOperation({ summary: 'A generated report: its template version, checksum, counts and every problem (records listed, not exported)' })
  get(@Param('period') period: string, @Param('sequence') sequence: string) {
    return this.reports.get(...this.key(period, sequence));
  }

  @Get(':period/:sequence/report.xlsx')
  @ApiOperation({ summary: 'Download a generated report (the workbook; x-checksum-sha256 is its checksum)' })
  async download(@Param('period') period: string, @Param('sequence') sequence: string, @Res() res: Response) {
    const { report, content } = await this.reports.file(...this.key(period, sequence));
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="${report.templateId}-${report.period}-${String(report.sequence).padStart(3, '0')}.xlsx"`);
    res.setHeader('x-checksum-sha256', report.checksum);
    res.end(content);
  }

  private key(period: string, sequence: string): [string, number] {
    if (!isPeriod(period)) throw new DomainRefusal('InvalidPeriod', `"${period}" is not a month (YYYY-MM)`, 400);
    if (!/^[1-9]\d{0,2}$/.test(sequence)) throw new DomainRefusal('InvalidReportSequence', `"${sequence}" is not a report's sequence (1 to 999)`, 400);
    return [period, Number(sequence)];
  }
}
