import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, contextNow, DomainCommand, type Clock } from '@gbt/platform';
import { causedBy, CERTIFICATE_TIMER, CERTIFICATES, type Certificates } from '../certificates/certificates.aggregate';
import type { CertificatesCommand } from '../certificates/certificates.decider';
import { CaseMirror } from '../lifecycle/case-mirror';
import { reminderStillApplies, type PlannedTimer } from './timer-plan';
import { Timers } from './timers';

/** A certificate timer fell due (`jobId`: its durable job): a deadline for the lifecycle, or a reminder. */
export class FireTimer extends DomainCommand<{ timer: PlannedTimer; jobId: string }, void> {}

/** What a timer publishes: a deadline for the lifecycle to act on (a request), or a reminder. */
function commandFor(t: PlannedTimer): CertificatesCommand {
  const { caseId, certificateNumber } = t;
  switch (t.kind) {
    case 'surveillance-due':
    case 'surveillance-overdue':
    case 'suspension-deadline':
    case 'expiry':
      return { type: 'request', event: { type: 'certificates.reach-deadline', data: { caseId, requestId: randomUUID(), deadline: t.kind, about: t.about } } };
    case 'surveillance-reminder':
      return { type: 'remind', event: { type: 'certificates.surveillance-reminder', data: { caseId, certificateNumber, dueBy: t.about } } };
    case 'renewal-reminder':
      return { type: 'remind', event: { type: 'certificates.renewal-reminder', data: { caseId, certificateNumber, validUntil: t.about, daysBefore: t.daysBefore ?? 0 } } };
  }
}

/**
 * Fires certificate timers. A deadline goes to the lifecycle, whose single writer acts only if the
 * date the timer was planned for still holds (this service's copy of the lifecycle may lag). A
 * reminder is sent only if the copy still shows that date. Either event carries the timer id as
 * causation, so firing twice publishes once.
 */
@CommandHandler(FireTimer)
export class FireTimerHandler implements ICommandHandler<FireTimer> {
  constructor(
    @Inject(CERTIFICATES) private readonly certificates: Certificates,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
  ) {}

  async execute({ data: { timer, jobId }, context }: FireTimer): Promise<void> {
    const command = commandFor(timer);
    if (command.type === 'remind' && !reminderStillApplies(timer, (await this.mirror.get(timer.caseId)).state)) return;
    await causedBy(`timer:${jobId}`, () => this.certificates.execute(timer.caseId, command, context));
  }
}

/** Turns each certificate timer that falls due into a FireTimer command; a failed firing is retried with backoff. */
@Injectable()
export class TimerFiring implements OnApplicationBootstrap {
  constructor(
    @Inject(Timers) private readonly timers: Timers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timers.start((timer, jobId) => this.commands.execute(new FireTimer({ timer, jobId }, contextNow(CERTIFICATE_TIMER, this.clock))));
  }
}

export const timerCommandHandlers = [FireTimerHandler, TimerFiring];
