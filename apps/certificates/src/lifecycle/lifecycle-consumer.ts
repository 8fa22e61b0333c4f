import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CASE_STATUS_CHANGED, certificationCaseEvents, EventRegistry, organisationEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { CLOCK, Consumers, contextNow, type Clock } from '@gbt/platform';
import { CERTIFICATES_SYSTEM } from '../certificates/certificates.aggregate';
import { FollowCaseStatus, RecordHolder, RenameHolder } from './lifecycle-commands';

// Validated against the contract by the consumer already; read again to be typed here.
const registered = z.object({ name: z.string(), creditCode: z.string() });
const updated = z.object({ name: z.string() });

/**
 * Follows the lifecycle as the applications service publishes it: its holders, and the status
 * snapshot after each change (the facts before it travel on the topic too; the snapshot carries them).
 */
@Injectable()
export class LifecycleConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('lifecycle', {
      topics: [Topics.certificationCase, Topics.organisation],
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]),
      partitionsConsumedConcurrently: 4,
      // The organisation's registration travels on another topic and may arrive a little later.
      retry: { attempts: 15, initialDelayMs: 200, maxDelayMs: 5_000 },
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const context = contextNow(CERTIFICATES_SYSTEM, this.clock);
    const organisationId = event.streamId;
    if (event.type === 'applications.organisation-registered') {
      const { name, creditCode } = registered.parse(event.data);
      await this.commands.execute(new RecordHolder({ organisationId, name, creditCode }, context));
    } else if (event.type === 'applications.organisation-updated') {
      const { name } = updated.parse(event.data);
      await this.commands.execute(new RenameHolder({ organisationId, name }, context));
    } else if (event.type === CASE_STATUS_CHANGED) {
      await this.commands.execute(new FollowCaseStatus({ event }, context));
    }
  }
}
