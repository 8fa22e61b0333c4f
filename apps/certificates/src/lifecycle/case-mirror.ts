import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { caseStatusSchema, type CaseStatusSnapshot, type EventEnvelope } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { MONGO_DB } from '@gbt/platform';

/** A case as the lifecycle's owner last published it (its status snapshot without the facts that led there). */
export type CaseView = Omit<CaseStatusSnapshot, 'changes'>;

interface MirrorDoc {
  /** The case id: every read is a primary-key lookup. */
  _id: string;
  /** The stream version of the snapshot kept: an older or repeated one changes nothing. */
  version: number;
  state: CaseView;
}
interface HolderDoc {
  _id: string;
  name: string;
  creditCode: string;
}

/**
 * The lifecycle as this service knows it: the latest `certification.case-status-changed` snapshot
 * of each case, as the applications service (the lifecycle's owner) computed it. This service does
 * not run the lifecycle's rules. Kafka delivers a case's events in order (keyed by case) to one
 * handler at a time, so each case has a single writer here.
 */
@Injectable()
export class CaseMirror {
  private readonly cases: Collection<MirrorDoc>;
  private readonly holders: Collection<HolderDoc>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.cases = db.collection<MirrorDoc>('lifecycle_snapshots');
    this.holders = db.collection<HolderDoc>('holders');
  }

  async get(caseId: string): Promise<{ state: CaseView | null; version: number }> {
    const doc = await this.cases.findOne({ _id: caseId });
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
      await this.cases.insertOne({ _id: event.streamId, version: event.streamVersion, state }).catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
    } else {
      await this.cases.replaceOne({ _id: event.streamId, version: kept.version }, { version: event.streamVersion, state });
    }
    return state;
  }

  async holder(organisationId: string): Promise<HolderDoc | null> {
    return this.holders.findOne({ _id: organisationId });
  }

  async recordHolder(organisationId: string, name: string, creditCode: string): Promise<void> {
    const existing = await this.holders.findOne({ _id: organisationId });
    if (!existing) {
      await this.holders.insertOne({ _id: organisationId, name, creditCode }).catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
    } else if (existing.name !== name) {
      await this.holders.replaceOne({ _id: organisationId }, { name, creditCode });
    }
  }
}
