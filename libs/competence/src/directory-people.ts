import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { ROLES, type Role } from '@gbt/access-policy';
import { PERSON_STANDING, type PersonStanding, type Standing } from '@gbt/auth';
import { directoryEvents, EventRegistry, Topics, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import type { Relation } from './rules';
import { applyDirectoryEvent, type DirectoryFact, type StaffMember } from './staff-projection';
import { StaffRecord, StaffRecordSchema, StaffRoster, StaffRosterSchema } from './staff-record.model';

/** Told of each relation declared, after the read model has it: evidence review releases open tasks. */
export type RelationListener = (personId: string, relation: Relation, event: EventEnvelope) => Promise<void>;

/**
 * Every person as this service knows them from the directory's events (`staff_competence`, one
 * document per person, and a roster per role), eventually consistent with the directory. The one
 * copy a service keeps: the guard reads a person's standing from it (PERSON_STANDING) and, where
 * cases are judged, StaffCompetence reads qualifications and relations. The consumer runs with
 * the service's inbox and dead-letter topic like every other; requests read by `_id` only (ADR 0022).
 */
@Injectable()
export class DirectoryPeople implements OnApplicationBootstrap, PersonStanding {
  private readonly staff: Model<StaffRecord>;
  private readonly rosters: Model<StaffRoster>;
  private readonly listeners: RelationListener[] = [];

  constructor(
    // Compiled on the service's connection here, as CaseAccess does, so listing this provider is enough.
    @InjectConnection() connection: Connection,
    @Inject(Consumers) private readonly consumers: Consumers,
  ) {
    this.staff = connection.model(StaffRecord.name, StaffRecordSchema);
    this.rosters = connection.model(StaffRoster.name, StaffRosterSchema);
  }

  /** Registered before the application boots, so no declaration is missed. */
  onRelationDeclared(listener: RelationListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    // The group keeps the name it had when only judging services kept this model: their offsets stay valid.
    await this.consumers.start('staff-competence', {
      topics: [Topics.directory],
      registry: new EventRegistry(directoryEvents),
      handler: (event) => this.apply(event),
    });
  }

  async member(personId: string): Promise<StaffMember | null> {
    const r = await this.staff.findById(personId).lean();
    return r ? { personId, name: r.name, roles: r.roles, status: r.status, qualifications: r.qualifications, relations: r.relations } : null;
  }

  async standing(personId: string): Promise<Standing | null> {
    const r = await this.staff.findById(personId, { status: 1, roles: 1 }).lean();
    return r ? { status: r.status, roles: r.roles } : null;
  }

  /** The people holding a role, active or not, in the order they got it. */
  async withRole(role: Role): Promise<StaffMember[]> {
    const ids = (await this.rosters.findById(role).lean())?.people ?? [];
    const members = await Promise.all(ids.map((id) => this.member(id)));
    return members.filter((m): m is StaffMember => m !== null && m.roles.includes(role));
  }

  private async apply(event: EventEnvelope): Promise<void> {
    const fact = event as unknown as DirectoryFact;
    const personId = 'personId' in fact.data && event.streamId.startsWith('person-') ? fact.data.personId : null;
    if (!personId) return; // organisations' members: kept by the applications service
    const known = (await this.member(personId)) ?? { personId, name: '', roles: [], status: 'active' as const, qualifications: [], relations: [] };
    const after = applyDirectoryEvent(known, fact);
    if (after === known) return;
    const { name, roles, status, qualifications, relations } = after;
    await this.staff.replaceOne({ _id: personId }, { name, roles, status, qualifications, relations }, { upsert: true });
    // The rosters change only with the roles: each given role's roster holds the person (again, on a
    // redelivery after a crash in between), and a role taken away leaves its roster.
    if (fact.type === 'directory.person-registered' || fact.type === 'directory.roles-changed') {
      for (const role of ROLES) {
        if (roles.includes(role)) await this.rosters.updateOne({ _id: role }, { $addToSet: { people: personId } }, { upsert: true });
        else if (known.roles.includes(role)) await this.rosters.updateOne({ _id: role }, { $pull: { people: personId } });
      }
    }
    if (fact.type === 'directory.relation-declared') {
      const relation = relations.find((r) => r.relationId === fact.data.relationId);
      for (const listener of this.listeners) if (relation) await listener(personId, relation, event);
    }
  }
}

/** What a service lists to keep the people read model and let the guard read standings from it. */
export const directoryPeopleProviders = [DirectoryPeople, { provide: PERSON_STANDING, useExisting: DirectoryPeople }];
