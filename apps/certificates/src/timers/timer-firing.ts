import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CertificatesService } from '../certificates/certificates.service';
import { CaseMirror } from '../lifecycle/case-mirror';
import { reminderStillApplies, type PlannedTimer, type TimerKind } from './timer-plan';
import { Timers } from './timers';

const DEADLINES = new Set<TimerKind>(['surveillance-due', 'surveillance-overdue', 'suspension-deadline', 'expiry']);

/** The event a timer publishes: a deadline for the lifecycle to act on, or a reminder. */
function eventFor(t: PlannedTimer): { type: string; data: Record<string, unknown> } {
  const { caseId, certificateNumber } = t;
  if (DEADLINES.has(t.kind)) return { type: 'certificates.deadline-reached', data: { caseId, requestId: randomUUID(), deadline: t.kind, about: t.about } };
  if (t.kind === 'surveillance-reminder') return { type: 'certificates.surveillance-reminder', data: { caseId, certificateNumber, dueBy: t.about } };
  return { type: 'certificates.renewal-reminder', data: { caseId, certificateNumber, validUntil: t.about, daysBefore: t.daysBefore } };
}

/**
 * Fires certificate timers. A deadline goes to the lifecycle, whose single writer acts only if the
 * date the timer was planned for still holds (this service's copy of the lifecycle may lag). A
 * reminder is sent only if the copy still shows that date. Either event carries the timer id as
 * causation, so firing twice publishes once.
 */
@Injectable()
export class TimerFiring implements OnApplicationBootstrap {
  constructor(
    @Inject(Timers) private readonly timers: Timers,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(CertificatesService) private readonly certificates: CertificatesService,
  ) {}

  onApplicationBootstrap(): void {
    this.timers.start((timer, jobId) => this.fire(timer, jobId));
  }

  async fire(timer: PlannedTimer, jobId: string): Promise<void> {
    if (!DEADLINES.has(timer.kind) && !reminderStillApplies(timer, (await this.mirror.get(timer.caseId)).state)) return;
    await this.certificates.run({ id: 'certificate-timer', role: 'system' }, timer.caseId, { type: 'publish', event: eventFor(timer) }, { causationId: `timer:${jobId}` });
  }
}
