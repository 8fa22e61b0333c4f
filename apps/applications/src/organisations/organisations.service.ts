import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { handleCommand, loadStream, MongoEventStore } from '@gbt/event-store';
import type { OrganisationDetails } from '@gbt/contracts';
import { actingRole, isStaff, type Principal } from '@gbt/auth';
import { CLOCK, DomainRefusal, metadataFor, type Clock } from '@gbt/platform';
import { organisationDecider, organisationStreamId, type OrganisationCommand, type OrganisationState } from './organisation';

export type RegisteredOrganisation = Extract<OrganisationState, { status: 'registered' }>;

@Injectable()
export class OrganisationsService {
  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(principal: Principal, details: OrganisationDetails & { creditCode: string }) {
    return this.run(organisationStreamId(details.creditCode), { type: 'register', data: details, actorId: principal.id }, principal);
  }

  async update(principal: Principal, organisationId: string, details: OrganisationDetails, expectedVersion: number) {
    await this.readable(principal, organisationId);
    return this.run(organisationId, { type: 'update', data: details, actorId: principal.id }, principal, expectedVersion);
  }

  async load(organisationId: string): Promise<{ state: OrganisationState; version: number }> {
    const { state, version } = await loadStream(this.store, organisationId, organisationDecider);
    return { state, version };
  }

  async isMember(organisationId: string, userId: string): Promise<boolean> {
    const { state } = await this.load(organisationId);
    return state.status === 'registered' && state.members.includes(userId);
  }

  /** Staff see every organisation; an applicant only its own. Others' look the same as missing ones. */
  async readable(principal: Principal, organisationId: string): Promise<{ state: RegisteredOrganisation; version: number }> {
    const { state, version } = await this.load(organisationId);
    if (state.status !== 'registered' || (!isStaff(principal) && !state.members.includes(principal.id))) {
      throw new NotFoundException(`organisation ${organisationId} not found`);
    }
    return { state, version };
  }

  private async run(streamId: string, command: OrganisationCommand, principal: Principal, expectedVersion?: number) {
    const outcome = await handleCommand(this.store, streamId, organisationDecider, command, {
      ...metadataFor({ id: principal.id, role: actingRole(principal) }, this.clock.now()),
      expectedVersion,
    });
    if (!outcome.ok) throw new DomainRefusal(outcome.failure.error, outcome.failure.message, outcome.failure.error === 'NotRegistered' ? 404 : 409);
    return { organisationId: streamId, version: outcome.version };
  }
}
