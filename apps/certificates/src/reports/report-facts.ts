import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caseStatusSchema, organisationDetailsSchema, type EventEnvelope } from '@gbt/contracts';
import { DomainCommand } from '@gbt/platform';
import { z } from 'zod';
import { CaseMirror } from '../lifecycle/case-mirror';
import { periodOf, planNumber, planRecord, snapshotRecords } from './report-feed';
import type { ReportHolder } from './report-records.model';
import { ReportRecords } from './report-records';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings';

/** An organisation registered or changed: its name, credit code, address and outlets, as the reports show them. */
export class RecordReportHolder extends DomainCommand<{ event: EventEnvelope }, void> {}

/** A review planned: an audit plan of its month. */
export class RecordAuditPlan extends DomainCommand<{ event: EventEnvelope }, void> {}

/** A lifecycle status snapshot: the certificates, audit results and status changes among its facts. */
export class RecordCaseFacts extends DomainCommand<{ event: EventEnvelope }, void> {}

// Validated against the contracts by the consumer already; read again to be typed here.
const registered = organisationDetailsSchema.extend({ creditCode: z.string() });
const planned = z.object({ caseId: z.string(), organisationId: z.string(), plannedAt: z.string(), dueAt: z.string(), tasks: z.array(z.object({ onSite: z.boolean() })).min(1) });

/** The organisation is not known yet: its registration travels on another topic and may come a little later (the consumer retries). */
class HolderNotYetKnown extends Error {}

/**
 * The organisation as the reports know it; else as the lifecycle mirror does (registered before
 * the reports' consumer could read it, beyond the topic's retention): its name and credit code
 * without an address, which the report then lists as a problem instead of losing the record.
 */
async function holderOf(records: ReportRecords, mirror: CaseMirror, organisationId: string): Promise<ReportHolder> {
  const holder = (await records.holder(organisationId)) ?? (await mirror.holder(organisationId).then((h) => h && { ...h, address: '', outlets: [] }));
  if (!holder) throw new HolderNotYetKnown(`organisation ${organisationId} is not known to the reports yet`);
  return holder;
}

/** What the reports show of an outlet: its name and address (an outlet's id, ADR 0037, is not theirs to keep). */
const named = (outlets: readonly { name: string; address: string }[]) => outlets.map(({ name, address }) => ({ name, address }));

@CommandHandler(RecordReportHolder)
export class RecordReportHolderHandler implements ICommandHandler<RecordReportHolder> {
  constructor(@Inject(ReportRecords) private readonly records: ReportRecords) {}

  async execute({ data: { event } }: RecordReportHolder): Promise<void> {
    const known = await this.records.holder(event.streamId);
    if (event.type === 'applications.organisation-registered') {
      const d = registered.parse(event.data);
      await this.records.saveHolder({ _id: event.streamId, name: d.name, creditCode: d.creditCode.toUpperCase(), address: d.address, outlets: named(d.outlets) });
    } else if (known) {
      const d = organisationDetailsSchema.parse(event.data);
      await this.records.saveHolder({ ...known, name: d.name, address: d.address, outlets: named(d.outlets) });
    }
  }
}

@CommandHandler(RecordAuditPlan)
export class RecordAuditPlanHandler implements ICommandHandler<RecordAuditPlan> {
  constructor(
    @Inject(ReportRecords) private readonly records: ReportRecords,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(REPORT_SETTINGS) private readonly settings: ReportSettings,
  ) {}

  async execute({ data: { event } }: RecordAuditPlan): Promise<void> {
    const plan = planned.parse(event.data);
    if ((await this.records.caseOf(plan.caseId))?.source === event.eventId) return;
    const holder = await holderOf(this.records, this.mirror, plan.organisationId);
    const { state } = await this.mirror.get(plan.caseId);
    const record = planRecord(event, plan, holder, state?.status === 'recertifying' ? 'recertification' : 'initial');
    const period = periodOf(event.occurredAt);
    const seq = await this.records.append(period, record);
    await this.records.saveCase({ _id: plan.caseId, planNumber: planNumber(this.settings, period, seq), auditMode: String(record.fields.auditMode), source: event.eventId });
  }
}

@CommandHandler(RecordCaseFacts)
export class RecordCaseFactsHandler implements ICommandHandler<RecordCaseFacts> {
  constructor(
    @Inject(ReportRecords) private readonly records: ReportRecords,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
  ) {}

  async execute({ data: { event } }: RecordCaseFacts): Promise<void> {
    const snapshot = caseStatusSchema.parse(event.data);
    const reported = snapshotRecords(event, snapshot, null, null);
    if (reported.length === 0) return;
    const holder = await holderOf(this.records, this.mirror, snapshot.organisationId);
    const plan = await this.records.caseOf(snapshot.caseId);
    for (const record of snapshotRecords(event, snapshot, holder, plan)) await this.records.append(periodOf(record.at), record);
  }
}

export const reportFactHandlers = [RecordReportHolderHandler, RecordAuditPlanHandler, RecordCaseFactsHandler];
