import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CertificatesService } from '../certificates/certificates.service';
import { CaseMirror } from '../lifecycle/case-mirror';
import { timerStillApplies, type PlannedTimer } from './timer-plan';
import { Timers } from './timers';

const day = (iso: string) => iso.slice(0, 10);

/** The event each kind of timer publishes when it still applies. */
function eventFor(t: PlannedTimer): { type: string; data: Record<string, unknown> } {
  const caseId = t.caseId;
  switch (t.kind) {
    case 'surveillance-due':
      return { type: 'certificates.surveillance-due', data: { caseId } };
    case 'surveillance-reminder':
      return { type: 'certificates.surveillance-reminder', data: { caseId, certificateNumber: t.certificateNumber, dueBy: t.about } };
    case 'surveillance-overdue':
      return { type: 'certificates.certificate-suspended', data: { caseId, reason: `surveillance overdue: it was due by ${day(t.about)}` } };
    case 'renewal-reminder':
      return { type: 'certificates.renewal-reminder', data: { caseId, certificateNumber: t.certificateNumber, validUntil: t.about, daysBefore: t.daysBefore } };
    case 'expiry':
      return { type: 'certificates.certificate-expired', data: { caseId } };
    case 'suspension-deadline':
      return { type: 'certificates.certificate-withdrawn', data: { caseId, reason: `suspension deadline ${day(t.about)} passed unresolved` } };
  }
}

/**
 * Fires certificate timers. A timer acts only if the lifecycle still holds the date it was
 * planned for, and its event carries the timer id as causation, so firing twice publishes once.
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
    const { state } = await this.mirror.get(timer.caseId);
    if (!timerStillApplies(timer, state)) return;
    await this.certificates.run({ id: 'certificate-timer', role: 'system' }, timer.caseId, { type: 'publish', event: eventFor(timer) }, { causationId: `timer:${jobId}` });
  }
}
