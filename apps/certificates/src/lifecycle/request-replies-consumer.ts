import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventRegistry, requestReplyEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import { CertificatesService } from '../certificates/certificates.service';

/** The applications service's answers to this service's requests: each moves its request from requested to accepted or rejected. */
@Injectable()
export class RequestRepliesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CertificatesService) private readonly certificates: CertificatesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('replies', {
      topics: [Topics.certificationReplies],
      registry: new EventRegistry(requestReplyEvents),
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const { caseId, requestId, code, reason } = event.data as { caseId: string; requestId: string; code?: string; reason?: string };
    const rejected = event.type === 'certification.request-rejected';
    await this.certificates.recordAnswer(caseId, requestId, { outcome: rejected ? 'rejected' : 'accepted', code: code ?? null, reason: reason ?? null });
  }
}
