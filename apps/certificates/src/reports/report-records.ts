import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@gbt/event-store';
import type { ReportKind } from './report-template';
import { recordId, ReportCase, ReportHead, ReportHolder, ReportRecord } from './report-records.model';

export type NewReportRecord = Omit<ReportRecord, '_id'>;

const headId = (period: string, kind: ReportKind) => `${period}/${kind}`;

/**
 * The reporting read model: each month's facts per kind under a dense sequence, so a month is
 * read by point reads from 1 to the first free `_id` (FerretDB 1.x reads a whole collection for
 * an `_id` range, ADR 0022). A sequence is tried only once the one below is known taken, the rule
 * of the registry's change log (ADR 0023), so there are no holes; concurrent writers race by the
 * insert's unique `_id`.
 */
@Injectable()
export class ReportRecords {
  /** The last sequence this process knows taken, per month and kind. */
  private readonly heads = new Map<string, number>();

  constructor(
    @InjectModel(ReportRecord.name) private readonly records: Model<ReportRecord>,
    @InjectModel(ReportHead.name) private readonly hints: Model<ReportHead>,
    @InjectModel(ReportHolder.name) private readonly holdersModel: Model<ReportHolder>,
    @InjectModel(ReportCase.name) private readonly casesModel: Model<ReportCase>,
  ) {}

  /** Appends a record to its month and kind, answering its sequence (1 is the month's first). */
  async append(period: string, record: NewReportRecord): Promise<number> {
    const key = headId(period, record.kind);
    let seq = (this.heads.get(key) ?? (await this.hints.findById(key).lean())?.value ?? 0) + 1;
    for (;; seq++) {
      try {
        await this.records.create({ _id: recordId(period, record.kind, seq), ...record });
        break;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    this.heads.set(key, seq);
    await this.hints.updateOne({ _id: key }, { $max: { value: seq } }, { upsert: true }).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
    });
    return seq;
  }

  /**
   * A month's records of one kind, in the order they were recorded. A fact recorded twice (its
   * event redelivered after a crash) counts once, as its last copy: an audit plan's number is
   * that of the copy its case link was saved with last.
   */
  async month(period: string, kind: ReportKind): Promise<(ReportRecord & { seq: number })[]> {
    const bySource = new Map<string, ReportRecord & { seq: number }>();
    for (let seq = 1, done = false; !done; ) {
      // Point reads, 16 at a time (on FerretDB 1.x `_id: {$in}` reads the whole collection).
      const batch = await Promise.all(Array.from({ length: 16 }, (_, i) => this.records.findById(recordId(period, kind, seq + i)).lean<ReportRecord>()));
      for (const [i, record] of batch.entries()) {
        if (!record) {
          done = true;
          break;
        }
        bySource.delete(record.source);
        bySource.set(record.source, { ...record, seq: seq + i });
      }
      seq += batch.length;
    }
    return [...bySource.values()].sort((a, b) => a.seq - b.seq);
  }

  async holder(organisationId: string): Promise<ReportHolder | null> {
    return this.holdersModel.findById(organisationId).lean<ReportHolder>();
  }

  /** Kept as the organisation registered or last changed it (one writer per organisation: its events are keyed by it). */
  async saveHolder(holder: ReportHolder): Promise<void> {
    await this.holdersModel.replaceOne({ _id: holder._id }, holder, { upsert: true });
  }

  async caseOf(caseId: string): Promise<ReportCase | null> {
    return this.casesModel.findById(caseId).lean<ReportCase>();
  }

  async saveCase(link: ReportCase): Promise<void> {
    await this.casesModel.replaceOne({ _id: link._id }, link, { upsert: true });
  }
}
