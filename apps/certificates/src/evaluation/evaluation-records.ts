import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { canonicalJson } from '@gbt/certificate-core';
import { MONGO_DB } from '@gbt/platform';

export interface ScorecardRecord {
  readonly scorecardId: string;
  readonly hash: string;
  readonly score: number;
  readonly level: string | null;
  readonly passed: boolean;
  readonly previousScorecardId: string | null;
}

interface EvaluationDoc {
  _id: string;
  scorecards: ScorecardRecord[];
  reviewReport: { hash: string; eventId: string } | null;
}

export const hashOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** What a decision is bound to: each case's scorecards and latest review report, as hashes of their exact content. */
@Injectable()
export class EvaluationRecords {
  private readonly docs: Collection<EvaluationDoc>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.docs = db.collection<EvaluationDoc>('evaluations');
  }

  async get(caseId: string): Promise<EvaluationDoc> {
    return (await this.docs.findOne({ _id: caseId })) ?? { _id: caseId, scorecards: [], reviewReport: null };
  }

  async scorecard(caseId: string, scorecardId: string): Promise<ScorecardRecord | undefined> {
    return (await this.get(caseId)).scorecards.find((s) => s.scorecardId === scorecardId);
  }

  async recordScorecard(caseId: string, record: ScorecardRecord): Promise<void> {
    const doc = await this.get(caseId);
    if (doc.scorecards.some((s) => s.scorecardId === record.scorecardId)) return;
    await this.docs.replaceOne({ _id: caseId }, { scorecards: [...doc.scorecards, record], reviewReport: doc.reviewReport }, { upsert: true });
  }

  async recordReviewReport(caseId: string, report: { hash: string; eventId: string }): Promise<void> {
    const doc = await this.get(caseId);
    await this.docs.replaceOne({ _id: caseId }, { scorecards: doc.scorecards, reviewReport: report }, { upsert: true });
  }
}
