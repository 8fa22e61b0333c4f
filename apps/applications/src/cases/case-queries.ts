import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isStaff, type Principal } from '@gbt/auth';
import type { CaseCommandType, CaseState } from '@gbt/certification';
import { CASE_STATUS_CHANGED } from '@gbt/contracts';
import type { CaseHistoryEntry, CaseView } from '@gbt/contracts/views';
import type { Folded } from '@gbt/event-store';
import { DomainQuery } from '@gbt/platform';
import { ORGANISATIONS, type Organisations } from '../organisations/organisation.aggregate';
import { OrganisationMembers } from '../organisations/organisation-members';
import { CASES, type Cases } from './case.aggregate';
import { availableCommands } from './case-status';

/**
 * A case as the asker may see it, at its head or as it stood at `asOf`: staff see every case, an
 * applicant only its organisations'; others' cases look like missing ones (404).
 */
export class ReadableCase extends DomainQuery<{ principal: Principal; caseId: string; asOf?: Date }, Folded<CaseState>> {}

/** The case view: its state (now or at `asOf`), its version (the ETag) and the commands it accepts. */
export class CaseAt extends DomainQuery<{ principal: Principal; caseId: string; asOf?: Date }, CaseView> {}

/** The audit trail: the lifecycle's facts in order (the status snapshots between them are derived). */
export class CaseHistory extends DomainQuery<{ principal: Principal; caseId: string }, CaseHistoryEntry[]> {}

/** The case's stream folded, without an access check: for the process manager and the projector. */
export class CaseStream extends DomainQuery<{ caseId: string }, Folded<CaseState>> {}

/** The lifecycle commands the case accepts in its current state (the transition table). */
export class AvailableCaseCommands extends DomainQuery<{ principal: Principal; caseId: string }, CaseCommandType[]> {}

@QueryHandler(ReadableCase)
export class ReadableCaseHandler implements IQueryHandler<ReadableCase> {
  constructor(
    @Inject(CASES) private readonly cases: Cases,
    @Inject(ORGANISATIONS) private readonly organisations: Organisations,
    @Inject(OrganisationMembers) private readonly members: OrganisationMembers,
  ) {}

  async execute({ data }: ReadableCase): Promise<Folded<CaseState>> {
    const current = await this.cases.load(data.caseId);
    const { state } = current;
    const allowed = state.status !== 'none' && (isStaff(data.principal) || (await this.isMember(state.organisationId, data.principal.id)));
    if (!allowed) throw new NotFoundException(`case ${data.caseId} not found`);
    return data.asOf ? this.cases.fold(current.events, data.asOf) : current;
  }

  private async isMember(organisationId: string, personId: string): Promise<boolean> {
    return this.members.isMember((await this.organisations.load(organisationId)).state, personId);
  }
}

@QueryHandler(CaseAt)
export class CaseAtHandler implements IQueryHandler<CaseAt> {
  constructor(@Inject(ReadableCaseHandler) private readonly readable: ReadableCaseHandler) {}

  async execute({ data }: CaseAt): Promise<CaseView> {
    const { state, version } = await this.readable.execute(new ReadableCase(data));
    return { caseId: data.caseId, version, asOf: data.asOf?.toISOString() ?? null, ...state, availableCommands: availableCommands(state) };
  }
}

@QueryHandler(CaseHistory)
export class CaseHistoryHandler implements IQueryHandler<CaseHistory> {
  constructor(@Inject(ReadableCaseHandler) private readonly readable: ReadableCaseHandler) {}

  async execute({ data }: CaseHistory): Promise<CaseHistoryEntry[]> {
    const { events } = await this.readable.execute(new ReadableCase(data));
    return events
      .filter((e) => e.type !== CASE_STATUS_CHANGED)
      .map(({ eventId, type, streamVersion, occurredAt, actor, correlationId, data: eventData }) => ({ version: streamVersion, type, occurredAt, actor, eventId, correlationId, data: eventData }));
  }
}

@QueryHandler(AvailableCaseCommands)
export class AvailableCaseCommandsHandler implements IQueryHandler<AvailableCaseCommands> {
  constructor(@Inject(ReadableCaseHandler) private readonly readable: ReadableCaseHandler) {}

  async execute({ data }: AvailableCaseCommands): Promise<CaseCommandType[]> {
    return availableCommands((await this.readable.execute(new ReadableCase(data))).state);
  }
}

@QueryHandler(CaseStream)
export class CaseStreamHandler implements IQueryHandler<CaseStream> {
  constructor(@Inject(CASES) private readonly cases: Cases) {}

  execute({ data }: CaseStream): Promise<Folded<CaseState>> {
    return this.cases.load(data.caseId);
  }
}

export const caseQueryHandlers = [ReadableCaseHandler, CaseAtHandler, CaseHistoryHandler, AvailableCaseCommandsHandler, CaseStreamHandler];
