import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { directoryEvents, EventRegistry, Topics, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import { ineligibility, type CaseToJudge, type ImpartialityPolicy, type Ineligibility, type Relation, type StaffFacts } from './rules';
import { applyDirectoryEvent, type DirectoryFact } from './staff-projection';
import { StaffRecord, StaffRecordSchema } from './staff-record.model';

export const IMPARTIALITY_POLICY = Symbol('IMPARTIALITY_POLICY');

/** Told of each relation declared, after the read model has it: evidence review releases open tasks. */
export type RelationListener = (personId: string, relation: Relation, event: EventEnvelope) => Promise<void>;

/**
 * The staff's competence and relations as this service knows them from the directory's events
 * (eventually consistent with the directory, as every read model here), and the rules applied to
 * them. The consumer runs with the service's inbox and dead-letter topic like every other; requests
 * read one person by `_id` (FerretDB, ADR 0022).
 */
@Injectable()
export class StaffCompetence implements OnApplicationBootstrap {
  private readonly staff: Model<StaffRecord>;
  private readonly listeners: RelationListener[] = [];

  constructor(
    // Compiled on the service's connection here, as CaseAccess does, so listing this provider is enough.
    @InjectConnection() connection: Connection,
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(IMPARTIALITY_POLICY) readonly policy: ImpartialityPolicy,
  ) {
    this.staff = connection.model(StaffRecord.name, StaffRecordSchema);
  }

  /** Registered before the application boots, so no declaration is missed. */
  onRelationDeclared(listener: RelationListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('staff-competence', {
      topics: [Topics.directory],
      registry: new EventRegistry(directoryEvents),
      handler: (event) => this.apply(event),
    });
  }

  async facts(personId: string): Promise<StaffFacts | null> {
    const record = await this.staff.findById(personId).lean();
    return record ? { personId, status: record.status, qualifications: record.qualifications, relations: record.relations } : null;
  }

  /** Why the person may not review or decide the case on that date (Asia/Shanghai), or null. */
  async ineligibility(personId: string, kase: CaseToJudge, on: string): Promise<Ineligibility | null> {
    return ineligibility(await this.facts(personId), personId, kase, on, this.policy);
  }

  private async apply(event: EventEnvelope): Promise<void> {
    const fact = event as unknown as DirectoryFact;
    const personId = 'personId' in fact.data && event.streamId.startsWith('person-') ? fact.data.personId : null;
    if (!personId) return; // organisations' members: nothing to do with judging cases
    const before = await this.facts(personId);
    const known = before ?? { personId, status: 'active' as const, qualifications: [], relations: [] };
    const after = applyDirectoryEvent(known, fact);
    if (after === known) return;
    await this.staff.replaceOne({ _id: personId }, { status: after.status, qualifications: after.qualifications, relations: after.relations }, { upsert: true });
    if (fact.type === 'directory.relation-declared') {
      const relation = after.relations.find((r) => r.relationId === fact.data.relationId);
      for (const listener of this.listeners) if (relation) await listener(personId, relation, event);
    }
  }
}
