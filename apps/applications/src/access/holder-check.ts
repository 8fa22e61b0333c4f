import { Inject, Injectable } from '@nestjs/common';
import type { ResourceKind } from '@gbt/access-policy';
import type { HolderCheck, Principal } from '@gbt/auth';
import { MongoEventStore } from '@gbt/event-store';
import { OrganisationsService } from '../organisations/organisations.service';

/** The applications service owns organisations and cases, so it answers from their own streams, never a copy. */
@Injectable()
export class ApplicationsHolderCheck implements HolderCheck {
  constructor(
    @Inject(OrganisationsService) private readonly organisations: OrganisationsService,
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
  ) {}

  async isHolder(principal: Principal, kind: ResourceKind, id: string): Promise<boolean> {
    if (kind === 'organisation') return this.organisations.isMember(id, principal.id);
    if (kind !== 'case') return false;
    // A case's organisation is fixed by its first event: one key lookup, not a second read of the
    // whole stream that the handler is about to read anyway.
    const drafted = await this.store.firstEvent(id);
    if (drafted?.type !== 'certification.application-drafted') return false;
    return this.organisations.isMember(drafted.data.organisationId as string, principal.id);
  }
}
