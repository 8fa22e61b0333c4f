import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { caseStatusSchema, type EventEnvelope } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { CaseSnapshot, Holder, type CaseView } from './case-mirror.model';

export type { CaseView } from './case-mirror.model';

/**
 * The lifecycle as this service knows it: the latest `certification.case-status-changed` snapshot
 * of each case, as the applications service (the lifecycle's owner) computed it. This service does
 * not run the lifecycle's rules. Kafka delivers a case's events in order (keyed by case) to one
 * handler at a time, so each case has a single writer here. Every read and write is by `_id`.
 */
@Injectable()
export class CaseMirror {
  constructor(
    @InjectModel(CaseSnapshot.name) private readonly cases: Model<CaseSnapshot>,
    @InjectModel(Holder.name) private readonly holders: Model<Holder>,
  ) {}

  async get(caseId: string): Promise<{ state: CaseView | null; version: number }> {
    const doc = await this.cases.findById(caseId).lean();
    return doc ? { state: doc.state, version: doc.version } : { state: null, version: 0 };
  }

  /**
   * Keeps a snapshot if it is newer than the one kept; answers the case as kept afterwards (a
   * redelivered or older snapshot leaves the newer one, and the caller's idempotent steps run again).
   */
  async apply(event: EventEnvelope): Promise<CaseView> {
    const { changes: _facts, ...state } = caseStatusSchema.parse(event.data);
    const kept = await this.get(event.streamId);
    if (event.streamVersion <= kept.version && kept.state) return kept.state;
    if (kept.version === 0) {
      await this.cases.create({ _id: event.streamId, version: event.streamVersion, state }).catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
    } else {
      await this.cases.replaceOne({ _id: event.streamId, version: kept.version }, { version: event.streamVersion, state });
    }
    return state;
  }

  async holder(organisationId: string): Promise<Holder | null> {
    return this.holders.findById(organisationId).lean();
  }

  async recordHolder(organisationId: string, name: string, creditCode: string): Promise<void> {
    const existing = await this.holder(organisationId);
    if (!existing) {
      await this.holders.create({ _id: organisationId, name, creditCode }).catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
    } else if (existing.name !== name) {
      await this.holders.replaceOne({ _id: organisationId }, { name, creditCode });
    }
  }
}
