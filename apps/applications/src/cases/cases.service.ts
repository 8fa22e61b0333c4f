import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { refusalStatus, type CaseCommand, type CaseCommandType, type CaseState, type CaseCommandInput } from '@gbt/certification';
import { foldEvents, handleCommand, MongoEventStore, type StoredEvent } from '@gbt/event-store';
import { actingRole, isStaff, type Principal } from '@gbt/auth';
import { CLOCK, DomainRefusal, metadataFor, type Clock } from '@gbt/platform';
import { OrganisationsService } from '../organisations/organisations.service';
import { availableCommands, publishingDecider, type PublishedCaseEvent } from './case-status';

export interface LoadedCase {
  readonly state: CaseState;
  readonly version: number;
  readonly events: readonly StoredEvent[];
}

export type CommandInput = CaseCommandInput;
type DraftData = Extract<CaseCommand, { type: 'draft-application' }>['data'];

const actorOf = (p: Principal) => ({ id: p.id, role: actingRole(p) });

/** Runs lifecycle commands for HTTP callers and the process manager, and decides who may see a case. */
@Injectable()
export class CasesService {
  /** The lifecycle's decider, each change followed by its public status snapshot in the same commit. */
  private readonly decider = publishingDecider();

  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OrganisationsService) private readonly organisations: OrganisationsService,
  ) {}

  async load(caseId: string, asOf?: Date): Promise<LoadedCase> {
    return this.fold(await this.store.readStream(caseId), asOf);
  }

  /** Staff see every case; an applicant only its organisation's. Others' cases look like missing ones. */
  async readable(principal: Principal, caseId: string, asOf?: Date): Promise<LoadedCase> {
    const current = await this.load(caseId);
    const allowed =
      current.state.status !== 'none' && (isStaff(principal) || (await this.organisations.isMember(current.state.organisationId, principal.id)));
    if (!allowed) throw new NotFoundException(`case ${caseId} not found`);
    return asOf ? this.fold(current.events, asOf) : current;
  }

  async draft(principal: Principal, data: Omit<DraftData, 'caseId'>) {
    await this.organisations.readable(principal, data.organisationId);
    const caseId = `case-${randomUUID()}`;
    return this.run(actorOf(principal), caseId, { type: 'draft-application', data: { ...data, caseId } }, 0);
  }

  /** A command on an existing case by a person who may see it; expectedVersion comes from If-Match. */
  async execute(principal: Principal, caseId: string, command: CommandInput, expectedVersion?: number) {
    await this.readable(principal, caseId);
    return this.run(actorOf(principal), caseId, command, expectedVersion);
  }

  /** A command caused by another service's event (process manager): applied once per causing event. */
  async executeAsSystem(actor: { id: string; role?: string }, caseId: string, command: CommandInput, at: Date) {
    return this.run(actor, caseId, command, undefined, at);
  }

  availableCommands(state: CaseState): CaseCommandType[] {
    return availableCommands(state);
  }

  private fold(events: readonly StoredEvent[], asOf?: Date): LoadedCase {
    return foldEvents<PublishedCaseEvent, CaseState>(this.decider, events, asOf);
  }

  private async run(actor: { id: string; role?: string }, caseId: string, input: CommandInput, expectedVersion?: number, at = this.clock.now()) {
    const command = { ...input, actor, at } as CaseCommand;
    const outcome = await handleCommand(this.store, caseId, this.decider, command, { ...metadataFor(actor, at), expectedVersion });
    if (!outcome.ok) throw new DomainRefusal(outcome.failure.error, outcome.failure.message, refusalStatus(outcome.failure.error));
    return { caseId, version: outcome.version, duplicate: outcome.duplicate };
  }
}
