import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { EventRegistry, requestReplyEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { CLOCK, Consumers, contextNow, type Clock } from '@gbt/platform';
import { CERTIFICATES_SYSTEM } from '../certificates/certificates.aggregate';
import { RecordAnswer } from '../certificates/decision-commands';

// Validated against the contract by the consumer already; read again to be typed here.
const reply = z.object({ caseId: z.string(), requestId: z.string(), code: z.string().optional(), reason: z.string().optional() });

/** The applications service's answers to this service's requests: each moves its request from requested to accepted or rejected. */
@Injectable()
export class RequestRepliesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('replies', {
      topics: [Topics.certificationReplies],
      registry: new EventRegistry(requestReplyEvents),
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const { caseId, requestId, code, reason } = reply.parse(event.data);
    const outcome = event.type === 'certification.request-rejected' ? 'rejected' : 'accepted';
    await this.commands.execute(new RecordAnswer({ caseId, requestId, outcome, code: code ?? null, reason: reason ?? null }, contextNow(CERTIFICATES_SYSTEM, this.clock)));
  }
}
