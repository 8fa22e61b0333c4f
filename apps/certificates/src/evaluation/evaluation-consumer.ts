import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventRegistry, reviewEvents, scorecardEvents, scorecardRevisionEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import { CertificatesService } from '../certificates/certificates.service';
import { CaseMirror } from '../lifecycle/case-mirror';
import { EvaluationRecords, hashOf } from './evaluation-records';

/** Learns the scorecards and review reports decisions are bound to, and marks a decision stale when either changes under it. */
@Injectable()
export class EvaluationConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(EvaluationRecords) private readonly records: EvaluationRecords,
    @Inject(CertificatesService) private readonly certificates: CertificatesService,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('evaluations', {
      topics: [Topics.scorecard, Topics.review],
      registry: new EventRegistry([...scorecardEvents, ...scorecardRevisionEvents, ...reviewEvents]),
      unknownTypes: 'ignore',
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const d = event.data;
    const caseId = d.caseId as string;
    if (event.type === 'scoring.scorecard-issued' || event.type === 'scoring.scorecard-corrected') {
      const previousScorecardId = (d.previousScorecardId as string | undefined) ?? null;
      const { scorecardId, score, level, passed } = d as { scorecardId: string; score: number; level: string | null; passed: boolean };
      await this.records.recordScorecard(caseId, { scorecardId, hash: hashOf(d.scorecard ?? d), score, level, passed, previousScorecardId });
      if (previousScorecardId) await this.certificates.markStaleIfBoundTo(caseId, { scorecardReplaced: previousScorecardId }, `scorecard ${previousScorecardId} was corrected: ${String(d.reason)}`);
    } else if (event.type === 'review.results-published') {
      const hash = hashOf(d);
      await this.records.recordReviewReport(caseId, { hash, eventId: event.eventId });
      // A recertification's new report belongs to a new decision, not to the one before it.
      const { state } = await this.mirror.get(caseId);
      if (state?.status !== 'recertifying') await this.certificates.markStaleIfBoundTo(caseId, { reviewReportHash: hash }, 'the review report changed after the decision');
    }
  }
}
