import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { evolve, initialState, type CaseEvent, type CaseState } from '@gbt/certification';
import type { EventEnvelope } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { MONGO_DB } from '@gbt/platform';

interface MirrorDoc {
  _id: string;
  version: number;
  /** As JSON text: a case's record keys (requirement ids such as 5.1.2.2) cannot be document field names. */
  state: string;
}
interface HolderDoc {
  _id: string;
  name: string;
  creditCode: string;
}

/**
 * The lifecycle as this service knows it: each case's published events folded with the lifecycle
 * library's own evolve, so both services read a case the same way. Kafka delivers a case's events
 * in order (they are keyed by case) to one handler at a time, so each case has a single writer.
 */
@Injectable()
export class CaseMirror {
  private readonly cases: Collection<MirrorDoc>;
  private readonly holders: Collection<HolderDoc>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.cases = db.collection<MirrorDoc>('lifecycle_mirror');
    this.holders = db.collection<HolderDoc>('holders');
  }

  async get(caseId: string): Promise<{ state: CaseState; version: number }> {
    const doc = await this.cases.findOne({ _id: caseId });
    return doc ? { state: JSON.parse(doc.state) as CaseState, version: doc.version } : { state: initialState, version: 0 };
  }

  /** Folds one lifecycle event in; an event at or below the stored version was applied before and changes nothing. */
  async apply(event: EventEnvelope): Promise<CaseState> {
    const { state: before, version } = await this.get(event.streamId);
    if (event.streamVersion <= version) return before;
    const after = evolve(before, { type: event.type, data: event.data } as CaseEvent);
    if (version === 0) {
      await this.cases.insertOne({ _id: event.streamId, version: event.streamVersion, state: JSON.stringify(after) }).catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
    } else {
      await this.cases.replaceOne({ _id: event.streamId, version }, { version: event.streamVersion, state: JSON.stringify(after) });
    }
    return after;
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
