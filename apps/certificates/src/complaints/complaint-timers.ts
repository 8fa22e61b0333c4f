import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { JsonLogger } from '@gbt/messaging';
import { CLOCK, contextNow, DomainCommand, type Clock } from '@gbt/platform';
import { causedBy, CERTIFICATE_TIMER } from '../certificates/certificates.aggregate';
import { Timers, type FeatureTimer } from '../timers/timers';
import { COMPLAINT_TIMERS, ComplaintHandling } from './complaint-handling';

/** A complaint's answer timer fell due: a reminder before the answer is due, or the escalation when it is. */
export class FireComplaintTimer extends DomainCommand<{ timer: FeatureTimer; jobId: string }, void> {}

@CommandHandler(FireComplaintTimer)
export class FireComplaintTimerHandler implements ICommandHandler<FireComplaintTimer> {
  constructor(
    @Inject(ComplaintHandling) private readonly handling: ComplaintHandling,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {}

  async execute({ data: { timer, jobId }, context }: FireComplaintTimer): Promise<void> {
    const escalated = timer.kind === 'escalation';
    // The timer's id is the causation: firing twice records one reminder; a closed complaint records none.
    const after = await causedBy(`timer:${jobId}`, () => this.handling.run(timer.subject, { type: 'remind', answerDueBy: timer.about, escalated }, context));
    if (after.status === 'closed') return;
    // Where mail would go: the log, as the monthly report's reminder does.
    this.logger.warn(escalated ? 'complaint answer overdue: escalated' : 'complaint answer due soon', { reference: timer.subject, answerDueBy: timer.about });
  }
}

/** Registers the complaints' timers on the service's one timer queue, before any timer fires. */
@Injectable()
export class ComplaintTimerFiring implements OnModuleInit {
  constructor(
    @Inject(Timers) private readonly timers: Timers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timers.handle(COMPLAINT_TIMERS, (timer, jobId) => this.commands.execute(new FireComplaintTimer({ timer, jobId }, contextNow(CERTIFICATE_TIMER, this.clock))));
  }
}

export const complaintTimerProviders = [FireComplaintTimerHandler, ComplaintTimerFiring];
