import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { directoryEvents, EventRegistry, Topics, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import { MemberOrganisations, OrganisationEntry } from '../projections/read-models';
import type { OrganisationState } from './organisation';

/**
 * An organisation's members as the directory (`directory.people.v1`, its `membership-<id>` streams)
 * last told this service, keyed by the organisation id and read by `_id` only (ADR 0022).
 */
@Schema({ collection: 'organisation_members', versionKey: false, strict: 'throw' })
export class DirectoryMembers {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true, default: [] })
  members!: string[];
}
export const DirectoryMembersSchema = SchemaFactory.createForClass(DirectoryMembers);

type MembershipFact = EventEnvelope & { type: 'directory.member-joined' | 'directory.member-left'; data: { organisationId: string; personId: string } };

/**
 * Who belongs to an organisation. The directory owns membership (ADR 0028): colleagues join by
 * invitation and members leave there. Once the directory has told this service of an organisation's
 * members, its list is the answer; until then (a moment after a registration, whose registrant the
 * directory makes the first member, or an organisation from before the directory) the registrant
 * recorded on the organisation's own stream is.
 */
@Injectable()
export class OrganisationMembers implements OnApplicationBootstrap {
  constructor(
    @InjectModel(DirectoryMembers.name) private readonly directory: Model<DirectoryMembers>,
    @InjectModel(OrganisationEntry.name) private readonly entries: Model<OrganisationEntry>,
    @InjectModel(MemberOrganisations.name) private readonly memberships: Model<MemberOrganisations>,
    @Inject(Consumers) private readonly consumers: Consumers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('organisation-members', {
      topics: [Topics.directory],
      registry: new EventRegistry(directoryEvents),
      handler: (event) => this.apply(event),
    });
  }

  /** The members of a registered organisation, from the directory when it has spoken. */
  async of(organisation: Extract<OrganisationState, { status: 'registered' }>): Promise<readonly string[]> {
    const known = await this.directory.findById(organisation.organisationId).lean<DirectoryMembers>();
    return known ? (known.members ?? []) : organisation.members;
  }

  async isMember(organisation: OrganisationState, personId: string): Promise<boolean> {
    return organisation.status === 'registered' && (await this.of(organisation)).includes(personId);
  }

  /**
   * Each fact is applied to this list and to the case list's read models (the organisation's entry
   * and the person's organisations), so a colleague's case list and picker follow too. Set
   * operations: a redelivered fact changes nothing; facts of one organisation arrive in order.
   */
  private async apply(event: EventEnvelope): Promise<void> {
    if (event.type !== 'directory.member-joined' && event.type !== 'directory.member-left') return;
    const { organisationId, personId } = (event as MembershipFact).data;
    if (event.type === 'directory.member-joined') {
      await this.directory.updateOne({ _id: organisationId }, { $addToSet: { members: personId } }, { upsert: true });
      await this.memberships.updateOne({ _id: personId }, { $addToSet: { organisationIds: organisationId } }, { upsert: true });
      await this.entries.updateOne({ _id: organisationId }, { $addToSet: { members: personId } });
    } else {
      await this.directory.updateOne({ _id: organisationId }, { $pull: { members: personId } }, { upsert: true });
      await this.memberships.updateOne({ _id: personId }, { $pull: { organisationIds: organisationId } });
      await this.entries.updateOne({ _id: organisationId }, { $pull: { members: personId } });
    }
  }
}
