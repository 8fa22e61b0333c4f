import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseCommand, CaseCommandInput, Scope } from '@gbt/certification';
import type { CaseChange, EvidenceAttached } from '@gbt/contracts/views';
import type { CommandContext } from '@gbt/event-store';
import { DomainCommand, DomainRefusal } from '@gbt/platform';
import { EVIDENCE_FILES, sha256, type EvidenceFileStore } from '../evidence/file-store';
import { requirementProblem } from '../evidence/requirements';
import { CASES, type Cases } from './case.aggregate';

/** A new draft application for an organisation (the asker's membership checked by the caller): a new case id. */
export class DraftApplication extends DomainCommand<{ organisationId: string; catalogueVersion: string; scope: Scope }, CaseChange> {}

/**
 * Any command of the lifecycle's transition table on an existing case, from HTTP (access checked by
 * the caller, If-Match as the expected version) or from the process manager (the causing event's
 * actor and time; applied once per causing event).
 */
export class RunLifecycleCommand extends DomainCommand<{ caseId: string; command: CaseCommandInput }, CaseChange> {}

/** An evidence file uploaded for a catalogue requirement: stored, then attached; removed again if the case refuses it. */
export class UploadEvidence extends DomainCommand<{ caseId: string; requirementId: string; fileName: string; contentType: string; bytes: Buffer }, EvidenceAttached> {}

/** The command with who asks and when, as the decider takes it. */
const withContext = (command: CaseCommandInput, context: CommandContext): CaseCommand => ({ ...command, actor: context.actor, at: context.at });

@CommandHandler(DraftApplication)
export class DraftApplicationHandler implements ICommandHandler<DraftApplication> {
  constructor(@Inject(CASES) private readonly cases: Cases) {}

  async execute({ data, context }: DraftApplication): Promise<CaseChange> {
    const caseId = `case-${randomUUID()}`;
    const outcome = await this.cases.execute(caseId, withContext({ type: 'draft-application', data: { ...data, caseId } }, context), { ...context, expectedVersion: 0 });
    return { caseId, version: outcome.version, duplicate: outcome.duplicate };
  }
}

@CommandHandler(RunLifecycleCommand)
export class RunLifecycleCommandHandler implements ICommandHandler<RunLifecycleCommand> {
  constructor(@Inject(CASES) private readonly cases: Cases) {}

  async execute({ data, context }: RunLifecycleCommand): Promise<CaseChange> {
    const outcome = await this.cases.execute(data.caseId, withContext(data.command, context), context);
    return { caseId: data.caseId, version: outcome.version, duplicate: outcome.duplicate };
  }
}

@CommandHandler(UploadEvidence)
export class UploadEvidenceHandler implements ICommandHandler<UploadEvidence> {
  constructor(
    @Inject(CASES) private readonly cases: Cases,
    @Inject(EVIDENCE_FILES) private readonly files: EvidenceFileStore,
  ) {}

  async execute({ data, context }: UploadEvidence): Promise<EvidenceAttached> {
    const { state } = await this.cases.load(data.caseId);
    const unknown = state.status === 'none' ? null : requirementProblem(state.catalogueVersion, data.requirementId);
    if (unknown) throw new DomainRefusal('UnknownRequirement', unknown, 422);
    const documentId = `doc-${randomUUID()}`;
    const hash = sha256(data.bytes);
    await this.files.put(documentId, data.bytes);
    try {
      const evidence = { documentId, requirementId: data.requirementId, fileName: data.fileName, contentType: data.contentType, size: data.bytes.length, sha256: hash };
      const outcome = await this.cases.execute(data.caseId, withContext({ type: 'attach-evidence', data: evidence }, context), context);
      return { caseId: data.caseId, version: outcome.version, duplicate: outcome.duplicate, documentId, sha256: hash };
    } catch (err) {
      await this.files.remove(documentId);
      throw err;
    }
  }
}

export const caseCommandHandlers = [DraftApplicationHandler, RunLifecycleCommandHandler, UploadEvidenceHandler];
