import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { canonicalJson } from '@gbt/certificate-core';
import { EvaluationRecord, type ReviewReportRecord, type ScorecardRecord } from './evaluation-record.model';

export type { ReviewReportRecord, ScorecardRecord } from './evaluation-record.model';

export const hashOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** What a decision is bound to: each case's scorecards and latest review report; every read and write is by case id. */
@Injectable()
export class EvaluationRecords {
  constructor(@InjectModel(EvaluationRecord.name) private readonly docs: Model<EvaluationRecord>) {}

  async get(caseId: string): Promise<EvaluationRecord> {
    return (await this.docs.findById(caseId).lean()) ?? { _id: caseId, scorecards: [], reviewReport: null };
  }

  async scorecard(caseId: string, scorecardId: string): Promise<ScorecardRecord | undefined> {
    return (await this.get(caseId)).scorecards.find((s) => s.scorecardId === scorecardId);
  }

  async recordScorecard(caseId: string, record: ScorecardRecord): Promise<void> {
    const doc = await this.get(caseId);
    if (doc.scorecards.some((s) => s.scorecardId === record.scorecardId)) return;
    await this.docs.replaceOne({ _id: caseId }, { scorecards: [...doc.scorecards, record], reviewReport: doc.reviewReport }, { upsert: true });
  }

  async recordReviewReport(caseId: string, report: ReviewReportRecord): Promise<void> {
    const doc = await this.get(caseId);
    await this.docs.replaceOne({ _id: caseId }, { scorecards: doc.scorecards, reviewReport: report }, { upsert: true });
  }
}
