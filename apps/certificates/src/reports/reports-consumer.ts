import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CASE_STATUS_CHANGED, certificationCaseEvents, EventRegistry, organisationEvents, reviewEvents, reviewRecordEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { CLOCK, Consumers, contextNow, type Clock } from '@gbt/platform';
import { CERTIFICATES_SYSTEM } from '../certificates/certificates.aggregate';
import { RecordAuditPlan, RecordCaseFacts, RecordReportHolder } from './report-facts';

/**
 * Feeds the reporting read model (report-feed.ts says which event makes which record): its own
 * consumer group, so the reports follow at their own pace and a report problem never holds up
 * the registry or the timers.
 */
@Injectable()
export class ReportsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('reports', {
      topics: [Topics.certificationCase, Topics.organisation, Topics.review],
      // Every type these topics carry is known, so a malformed one is dead-lettered (the bad-input drill checks each group)
      // rather than skipped; the reports act on organisations, plans and status snapshots only.
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents, ...reviewEvents, ...reviewRecordEvents]),
      unknownTypes: 'ignore',
      partitionsConsumedConcurrently: 4,
      // An organisation's registration travels on another topic and may arrive a little later.
      retry: { attempts: 15, initialDelayMs: 200, maxDelayMs: 5_000 },
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const context = contextNow(CERTIFICATES_SYSTEM, this.clock);
    if (event.type.startsWith('applications.organisation-')) await this.commands.execute(new RecordReportHolder({ event }, context));
    else if (event.type === 'review.tasks-planned') await this.commands.execute(new RecordAuditPlan({ event }, context));
    else if (event.type === CASE_STATUS_CHANGED) await this.commands.execute(new RecordCaseFacts({ event }, context));
  }
}
