import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isStaff, type Principal } from '@gbt/auth';
import type { CaseListPage } from '@gbt/contracts/views';
import { DomainCommand, DomainQuery } from '@gbt/platform';
import { CaseIndex, type CaseListFilter } from './case-index';
import { CaseListProjector } from './case-list.projector';
import { MemberOrganisations } from './read-models';

export type CaseListRequest = Omit<CaseListFilter, 'organisationIds'> & { readonly organisationId?: string };

/** The case list: staff see every case, an applicant its organisations' cases; filtered, last change first, one page. */
export class CaseList extends DomainQuery<{ principal: Principal; request: CaseListRequest }, CaseListPage> {}

/** Drops the case list's read models and rebuilds them from the event log. */
export class RebuildCaseList extends DomainCommand<Record<string, never>, { organisations: number; cases: number }> {}

@QueryHandler(CaseList)
export class CaseListHandler implements IQueryHandler<CaseList> {
  constructor(
    @Inject(CaseIndex) private readonly index: CaseIndex,
    @InjectModel(MemberOrganisations.name) private readonly memberships: Model<MemberOrganisations>,
  ) {}

  async execute({ data: { principal, request } }: CaseList): Promise<CaseListPage> {
    const { organisationId, ...filter } = request;
    let organisationIds: ReadonlySet<string> | undefined = organisationId === undefined ? undefined : new Set([organisationId]);
    if (!isStaff(principal)) {
      // One read by the person's id: the organisations they are a member of.
      const mine = (await this.memberships.findById(principal.id).lean<MemberOrganisations>())?.organisationIds ?? [];
      organisationIds = new Set(organisationId === undefined ? mine : mine.filter((id) => id === organisationId));
    }
    const page = this.index.query({ ...filter, organisationIds });
    return { total: page.total, limit: filter.limit, offset: filter.offset, items: page.items };
  }
}

@CommandHandler(RebuildCaseList)
export class RebuildCaseListHandler implements ICommandHandler<RebuildCaseList> {
  constructor(@Inject(CaseListProjector) private readonly projector: CaseListProjector) {}

  execute(): Promise<{ organisations: number; cases: number }> {
    return this.projector.rebuild();
  }
}

export const caseListHandlers = [CaseListHandler, RebuildCaseListHandler];
