import { Inject, Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@gbt/business-calendar';
import type { CommandContext } from '@gbt/platform';
import { DomainRefusal } from '@gbt/platform';
import { COMPLAINTS, type Complaints } from './complaint.aggregate';
import type { ComplaintCommand, ComplaintState } from './complaint.decider';
import { COMPLAINT_SETTINGS, type ComplaintSettings } from './complaint-settings';
import { ComplaintViews } from './complaint-views';
import { Timers, type FeatureTimer } from '../timers/timers';

export const COMPLAINT_TIMERS = 'complaints';
export type OpenComplaint = Exclude<ComplaintState, { status: 'none' }>;

/**
 * What every complaint command does around its decision: run it on the complaint's stream, bring the
 * read models in line, and plan the answer's reminder and escalation on the service's timers.
 */
@Injectable()
export class ComplaintHandling {
  constructor(
    @Inject(COMPLAINTS) private readonly complaints: Complaints,
    @Inject(ComplaintViews) private readonly views: ComplaintViews,
    @Inject(Timers) private readonly timers: Timers,
    @Inject(BusinessCalendar) private readonly calendar: BusinessCalendar,
    @Inject(COMPLAINT_SETTINGS) readonly settings: ComplaintSettings,
  ) {}

  /** The complaint as it stands; 404 when there is none. */
  async require(reference: string): Promise<OpenComplaint> {
    const { state } = await this.complaints.load(reference);
    if (state.status === 'none') throw new DomainRefusal('ComplaintNotFound', `no complaint ${reference}`, 404);
    return state;
  }

  async run(reference: string, command: ComplaintCommand, context: CommandContext): Promise<OpenComplaint> {
    const before = (await this.complaints.load(reference)).state;
    await this.complaints.execute(reference, command, context);
    const after = await this.require(reference);
    await this.views.project(before, after, context.at);
    return after;
  }

  /** The instant `workingDays` working days (Asia/Shanghai, public holidays counted) after `from`. */
  after(from: Date, workingDays: number): Date {
    const due = this.calendar.dueAfterWorkingDays(from, workingDays);
    if (!due) throw new Error(`the business calendar cannot count ${workingDays} working days from ${from.toISOString()}`);
    return due;
  }

  /** The answer's reminder (some working days before it is due) and its escalation (when it is due). */
  async planAnswerTimers(reference: string, receivedAt: Date, answerDueBy: Date): Promise<void> {
    const { answerWorkingDays, reminderWorkingDays } = this.settings;
    const about = answerDueBy.toISOString();
    const timer = (kind: 'reminder' | 'escalation', dueAt: Date): FeatureTimer => ({ feature: COMPLAINT_TIMERS, id: `complaint.${reference}.${kind}`, kind, dueAt: dueAt.toISOString(), subject: reference, about });
    const reminders = reminderWorkingDays > 0 ? [timer('reminder', this.after(receivedAt, answerWorkingDays - reminderWorkingDays))] : [];
    await this.timers.scheduleFeature([...reminders, timer('escalation', answerDueBy)]);
  }
}
