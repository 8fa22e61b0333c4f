import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BusinessCalendar } from '@gbt/business-calendar';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, contextNow, DomainCommand, type Clock } from '@gbt/platform';
import { causedBy, CERTIFICATE_TIMER } from '../certificates/certificates.aggregate';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { Timers, type FeatureTimer } from '../timers/timers';
import { addDays, DEFAULT_APPEAL_POLICY, shiftWorkingDays, type AppealPolicy } from './appeal-rules';
import { APPEALS, type Appeals } from './appeals.aggregate';

export const APPEAL_TIMERS = 'appeals';

/** The first instant of a calendar day in Shanghai (UTC+8, no daylight saving). */
const startOfShanghaiDay = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** Plans an appeal's answer timers on the service's one timer queue (the certificates' timers, ADR 0033). */
@Injectable()
export class AppealTimers {
  constructor(
    @Inject(Timers) private readonly timers: Timers,
    @Inject(BusinessCalendar) private readonly calendar: BusinessCalendar,
  ) {}

  async plan(caseId: string, appealId: string, answerBy: string, policy: AppealPolicy): Promise<void> {
    const subject = `${caseId}/${appealId}`;
    const timer = (kind: 'reminder' | 'overdue', dueAt: string): FeatureTimer => ({ feature: APPEAL_TIMERS, id: `appeal.${appealId}.${kind}`, kind, dueAt, subject, about: answerBy });
    // The reminder on the morning of the working day it is due in Shanghai; overdue once the answer day has ended there.
    const remindOn = shiftWorkingDays(answerBy, -policy.reminderWorkingDays, (date) => this.calendar.isWorkingDay(date));
    await this.timers.scheduleFeature([timer('reminder', startOfShanghaiDay(remindOn)), timer('overdue', startOfShanghaiDay(addDays(answerBy, 1)))]);
  }
}

/** An appeal's timer fell due: recorded in its stream only while the appeal is open and its answer date unchanged. */
export class FireAppealTimer extends DomainCommand<{ timer: FeatureTimer; jobId: string }, void> {}

@CommandHandler(FireAppealTimer)
export class FireAppealTimerHandler implements ICommandHandler<FireAppealTimer> {
  constructor(
    @Inject(APPEALS) private readonly appeals: Appeals,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
  ) {}

  async execute({ data: { timer, jobId }, context }: FireAppealTimer): Promise<void> {
    const [caseId, appealId] = timer.subject.split('/');
    if (!caseId || !appealId) throw new Error(`appeal timer ${timer.id} has no case/appeal subject: ${timer.subject}`);
    const daysBefore = (this.settings.appeals ?? DEFAULT_APPEAL_POLICY).reminderWorkingDays;
    const command = timer.kind === 'reminder' ? { type: 'remind' as const, caseId, appealId, answerBy: timer.about, daysBefore } : { type: 'escalate' as const, caseId, appealId, answerBy: timer.about };
    // The job id is the causation: a timer fired twice records once.
    const { events } = await causedBy(`timer:${jobId}`, () => this.appeals.execute(caseId, command, context));
    if (events.length === 0) return;
    // Where mail would go: the log, as the complaints' and monthly report's reminders do.
    this.logger.warn(timer.kind === 'reminder' ? 'appeal answer due soon' : 'appeal answer overdue: escalated', { caseId, appealId, answerBy: timer.about });
  }
}

/** Registers the appeals' timers on the service's one timer queue, before any timer fires. */
@Injectable()
export class AppealTimerFiring implements OnModuleInit {
  constructor(
    @Inject(Timers) private readonly timers: Timers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timers.handle(APPEAL_TIMERS, (timer, jobId) => this.commands.execute(new FireAppealTimer({ timer, jobId }, contextNow(CERTIFICATE_TIMER, this.clock))));
  }
}

export const appealTimerProviders = [AppealTimers, FireAppealTimerHandler, AppealTimerFiring];
