import { Inject, Injectable, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { isStaff, type Principal } from '@gbt/auth';
import { certificationCaseEvents, directoryEvents, EventRegistry, organisationEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { Consumers } from '@gbt/platform';
import { CaseOwner, CaseOwnerSchema, OrganisationMembers, OrganisationMembersSchema } from './case-access.model';

// The fields this read model keeps; the consumer has validated each event against its contract already.
const drafted = z.object({ organisationId: z.string() });
const registered = z.object({ registeredBy: z.string() });
const membership = z.object({ organisationId: z.string(), personId: z.string() });

/**
 * Who may see a case, for services other than its owner: staff see all, an applicant the cases of
 * organisations it belongs to. Learned from published events only (contracts are the only
 * coupling): cases and registrants from the applications service, colleagues who joined or members
 * who left from the directory (ADR 0034); eventually consistent with them. Both collections are read
 * and written by `_id` only.
 */
@Injectable()
export class CaseAccess implements OnApplicationBootstrap {
  private readonly cases: Model<CaseOwner>;
  private readonly organisations: Model<OrganisationMembers>;

  constructor(
    // The models are compiled on the service's Mongoose connection here rather than registered by
    // each service's module: every service that lists CaseAccess gets them.
    @InjectConnection() connection: Connection,
    @Inject(Consumers) private readonly consumers: Consumers,
  ) {
    this.cases = connection.model(CaseOwner.name, CaseOwnerSchema);
    this.organisations = connection.model(OrganisationMembers.name, OrganisationMembersSchema);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('case-access', {
      topics: [Topics.certificationCase, Topics.organisation, Topics.directory],
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents, ...directoryEvents]),
      handler: (event) => this.apply(event),
    });
  }

  async canRead(principal: Principal, caseId: string): Promise<boolean> {
    // Staff may read every case, but only cases this service has heard of: an unknown id is a 404 for everyone.
    if (isStaff(principal)) return (await this.cases.exists({ _id: caseId })) !== null;
    return this.isMember(principal.id, caseId);
  }

  /** Does the person belong to the organisation the case is for? An unknown case belongs to no one. */
  async isMember(userId: string, caseId: string): Promise<boolean> {
    const owner = await this.cases.findById(caseId).lean();
    if (!owner) return false;
    const organisation = await this.organisations.findById(owner.organisationId).lean();
    return organisation?.members?.includes(userId) ?? false;
  }

  /** Throws the same 404 as for a missing case, so existence does not leak. */
  async assertCanRead(principal: Principal, caseId: string): Promise<void> {
    if (!(await this.canRead(principal, caseId))) throw new NotFoundException(`case ${caseId} not found`);
  }

  private async apply(event: EventEnvelope): Promise<void> {
    // Only the first event of each stream matters; the primary key makes replays harmless.
    if (event.type === 'certification.application-drafted') {
      await insertOnce(this.cases, { _id: event.streamId, organisationId: drafted.parse(event.data).organisationId });
    } else if (event.type === 'applications.organisation-registered') {
      await insertOnce(this.organisations, { _id: event.streamId, members: [registered.parse(event.data).registeredBy] });
    } else if (event.type === 'directory.member-joined' || event.type === 'directory.member-left') {
      // The directory makes the registrant the first member too, so the registration and the join may
      // come in either order (two topics): a join creates the document the registration then finds.
      const { organisationId, personId } = membership.parse(event.data);
      const change = event.type === 'directory.member-joined' ? { $addToSet: { members: personId } } : { $pull: { members: personId } };
      await this.organisations.updateOne({ _id: organisationId }, change, { upsert: true });
    }
  }
}

async function insertOnce<T>(model: Model<T>, doc: T): Promise<void> {
  try {
    await model.create(doc);
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}
