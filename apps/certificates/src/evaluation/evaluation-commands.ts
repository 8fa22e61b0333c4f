import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainCommand } from '@gbt/platform';
import { Staleness } from '../certificates/decision-commands';
import { CaseMirror } from '../lifecycle/case-mirror';
import { EvaluationRecords, type ScorecardRecord } from './evaluation-records';

/** A scorecard issued or corrected; a correction makes a decision bound to the scorecard it replaces stale. */
export class RecordScorecard extends DomainCommand<{ caseId: string; record: ScorecardRecord; reason: string }, void> {}

/** The evidence review's results published (their hash); a changed report makes the decision bound to the earlier one stale. */
export class RecordReviewReport extends DomainCommand<{ caseId: string; hash: string; eventId: string }, void> {}

@CommandHandler(RecordScorecard)
export class RecordScorecardHandler implements ICommandHandler<RecordScorecard> {
  constructor(
    @Inject(EvaluationRecords) private readonly records: EvaluationRecords,
    @Inject(Staleness) private readonly staleness: Staleness,
  ) {}

  async execute({ data: { caseId, record, reason }, context }: RecordScorecard): Promise<void> {
    await this.records.recordScorecard(caseId, record);
    const replaced = record.previousScorecardId;
    if (replaced) await this.staleness.markIfBoundTo(caseId, { scorecardReplaced: replaced }, `scorecard ${replaced} was corrected: ${reason}`, context);
  }
}

@CommandHandler(RecordReviewReport)
export class RecordReviewReportHandler implements ICommandHandler<RecordReviewReport> {
  constructor(
    @Inject(EvaluationRecords) private readonly records: EvaluationRecords,
    @Inject(Staleness) private readonly staleness: Staleness,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
  ) {}

  async execute({ data: { caseId, hash, eventId }, context }: RecordReviewReport): Promise<void> {
    await this.records.recordReviewReport(caseId, { hash, eventId });
    // A recertification's new report belongs to a new decision, not to the one before it.
    const { state } = await this.mirror.get(caseId);
    if (state?.status !== 'recertifying') await this.staleness.markIfBoundTo(caseId, { reviewReportHash: hash }, 'the review report changed after the decision', context);
  }
}

export const evaluationCommandHandlers = [RecordScorecardHandler, RecordReviewReportHandler];
