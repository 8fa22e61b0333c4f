import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { certificationCaseEvents, EventRegistry, Topics, type EventEnvelope } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { Consumers, MONGO_DB } from '@gbt/platform';
import { cycleStartedAt } from './review-cycles';
import { ReviewService } from './review.service';

interface ReviewCase {
  _id: string;
  organisationId: string;
  catalogueVersion: string;
  conflicts: string[];
  /** Lifecycle stream versions of the case's `recertification-started` events: each starts a review cycle. */
  recertifications?: number[];
}

/**
 * What the review needs to know about cases, from `certification.case.v1`: the organisation, the
 * catalogue version and the people with a declared conflict of interest; and the moments that plan
 * review work: acceptance (cycle 1) and each recertification started (the next cycle).
 */
@Injectable()
export class ReviewCases implements OnApplicationBootstrap {
  private readonly cases: Collection<ReviewCase>;

  constructor(
    @Inject(MONGO_DB) db: Db,
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(ReviewService) private readonly reviews: ReviewService,
  ) {
    this.cases = db.collection<ReviewCase>('review_cases');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('cases', {
      topics: [Topics.certificationCase],
      registry: new EventRegistry(certificationCaseEvents),
      handler: (event) => this.apply(event),
    });
  }

  private async apply(event: EventEnvelope): Promise<void> {
    const caseId = event.streamId;
    switch (event.type) {
      case 'certification.application-drafted':
        await this.cases
          .insertOne({ _id: caseId, organisationId: event.data.organisationId as string, catalogueVersion: event.data.catalogueVersion as string, conflicts: [] })
          .catch((err: unknown) => {
            if (!isDuplicateKeyError(err)) throw err;
          });
        return;
      case 'certification.conflict-of-interest-declared':
        await this.cases.updateOne({ _id: caseId }, { $addToSet: { conflicts: event.data.personId as string } });
        return;
      case 'certification.application-accepted': {
        const known = await this.cases.findOne({ _id: caseId });
        if (!known) throw new Error(`case ${caseId} was accepted before its draft arrived`);
        await this.reviews.plan(caseId, known.organisationId, known.catalogueVersion, new Date(event.occurredAt));
        return;
      }
      case 'certification.recertification-started': {
        await this.cases.updateOne({ _id: caseId }, { $addToSet: { recertifications: event.streamVersion } });
        const known = await this.cases.findOne({ _id: caseId });
        if (!known) throw new Error(`case ${caseId} started recertification before its draft arrived`);
        const cycle = cycleStartedAt(known.recertifications ?? [], event.streamVersion);
        await this.reviews.plan(caseId, known.organisationId, event.data.catalogueVersion as string, new Date(event.occurredAt), cycle);
        return;
      }
      case 'certification.application-withdrawn':
        await this.reviews.cancel(await this.reviews.currentCycle(caseId), `application withdrawn: ${event.data.reason as string}`, new Date(event.occurredAt));
        return;
      case 'certification.certificate-expired':
        // A recertification not finished in time: its review has nothing left to decide.
        await this.reviews.cancel(await this.reviews.currentCycle(caseId), 'the certificate expired before the recertification was completed', new Date(event.occurredAt));
        return;
      default:
        return;
    }
  }
}
