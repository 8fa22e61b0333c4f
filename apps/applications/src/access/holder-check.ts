import { Inject, Injectable } from '@nestjs/common';
import type { ResourceKind } from '@gbt/access-policy';
import type { HolderCheck, Principal } from '@gbt/auth';
import { CasesService } from '../cases/cases.service';
import { OrganisationsService } from '../organisations/organisations.service';

/** The applications service owns organisations and cases, so it answers from their streams, never a copy. */
@Injectable()
export class ApplicationsHolderCheck implements HolderCheck {
  constructor(
    @Inject(OrganisationsService) private readonly organisations: OrganisationsService,
    @Inject(CasesService) private readonly cases: CasesService,
  ) {}

  async isHolder(principal: Principal, kind: ResourceKind, id: string): Promise<boolean> {
    if (kind === 'organisation') return this.organisations.isMember(id, principal.id);
    if (kind !== 'case') return false;
    const { state } = await this.cases.load(id);
    return state.status !== 'none' && this.organisations.isMember(state.organisationId, principal.id);
  }
}
