import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ResourceKind } from '@gbt/access-policy';
import type { HolderCheck, Principal } from '@gbt/auth';
import { MongoEventStore } from '@gbt/event-store';
import { IsOrganisationMember } from '../organisations/organisation-queries';

/** The applications service owns organisations and cases, so it answers from their own streams, never a copy. */
@Injectable()
export class ApplicationsHolderCheck implements HolderCheck {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
  ) {}

  async isHolder(principal: Principal, kind: ResourceKind, id: string): Promise<boolean> {
    if (kind === 'organisation') return this.queries.execute(new IsOrganisationMember({ organisationId: id, personId: principal.id }));
    if (kind !== 'case') return false;
    // A case's organisation is fixed by its first event: one key lookup, not a second read of the
    // whole stream that the handler is about to read anyway.
    const drafted = await this.store.firstEvent(id);
    const organisationId = drafted?.type === 'certification.application-drafted' ? drafted.data.organisationId : undefined;
    if (typeof organisationId !== 'string') return false;
    return this.queries.execute(new IsOrganisationMember({ organisationId, personId: principal.id }));
  }
}
