import { Inject, Injectable, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { isStaff, type Principal } from '@gbt/auth';
import { certificationCaseEvents, EventRegistry, organisationEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { Consumers, MONGO_DB } from '@gbt/platform';

interface CaseOwner {
  _id: string;
  organisationId: string;
}
interface OrganisationMembers {
  _id: string;
  members: string[];
}

/**
 * Who may see a case, for services other than its owner: staff see all, an applicant the cases of
 * organisations it belongs to. Learned from the applications service's published events only
 * (contracts are the only coupling), so it is eventually consistent with them.
 */
@Injectable()
export class CaseAccess implements OnApplicationBootstrap {
  private readonly cases: Collection<CaseOwner>;
  private readonly organisations: Collection<OrganisationMembers>;

  constructor(
    @Inject(MONGO_DB) db: Db,
    @Inject(Consumers) private readonly consumers: Consumers,
  ) {
    this.cases = db.collection<CaseOwner>('access_case_owners');
    this.organisations = db.collection<OrganisationMembers>('access_organisation_members');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('case-access', {
      topics: [Topics.certificationCase, Topics.organisation],
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]),
      handler: (event) => this.apply(event),
    });
  }

  async canRead(principal: Principal, caseId: string): Promise<boolean> {
    // Staff may read every case, but only cases this service has heard of: an unknown id is a 404 for everyone.
    if (isStaff(principal)) return (await this.cases.findOne({ _id: caseId })) !== null;
    return this.isMember(principal.id, caseId);
  }

  /** Does the person belong to the organisation the case is for? An unknown case belongs to no one. */
  async isMember(userId: string, caseId: string): Promise<boolean> {
    const owner = await this.cases.findOne({ _id: caseId });
    if (!owner) return false;
    const organisation = await this.organisations.findOne({ _id: owner.organisationId });
    return organisation?.members.includes(userId) ?? false;
  }

  /** Throws the same 404 as for a missing case, so existence does not leak. */
  async assertCanRead(principal: Principal, caseId: string): Promise<void> {
    if (!(await this.canRead(principal, caseId))) throw new NotFoundException(`case ${caseId} not found`);
  }

  private async apply(event: EventEnvelope): Promise<void> {
    // Only the first event of each stream matters; the primary key makes replays harmless.
    if (event.type === 'certification.application-drafted') {
      await this.insertOnce(this.cases, { _id: event.streamId, organisationId: event.data.organisationId as string });
    } else if (event.type === 'applications.organisation-registered') {
      await this.insertOnce(this.organisations, { _id: event.streamId, members: [event.data.registeredBy as string] });
    }
  }

  private async insertOnce<T extends { _id: string }>(collection: Collection<T>, doc: T): Promise<void> {
    await collection.insertOne(doc as never).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
    });
  }
}
