import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caseFactSchemas, caseStatusSchema, reason, type CaseFact, type CaseFactType, type EventEnvelope } from '@gbt/contracts';
import { DomainCommand, type CommandContext } from '@gbt/platform';
import { AppealableDecisionsStore } from '../appeals/appealable-decisions';
import { AuditedSitesStore, withAuditedSites } from '../audit-sites/audited-sites';
import { IssueCertificate } from '../certificates/issuance-commands';
import { Registry } from '../registry/registry';
import { registryChange } from '../registry/registry-entry';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { timersFor } from '../timers/timer-plan';
import { Timers } from '../timers/timers';
import { CaseMirror, type CaseView } from './case-mirror';

/** An organisation registered: the holder name and credit code its certificates carry. */
export class RecordHolder extends DomainCommand<{ organisationId: string; name: string; creditCode: string }, void> {}

/** An organisation renamed: its certificates from now on carry the new name. */
export class RenameHolder extends DomainCommand<{ organisationId: string; name: string }, void> {}

/**
 * A `certification.case-status-changed` snapshot: kept as the case's latest, and each fact of the
 * change followed: the public registry, issuing a certificate the lifecycle shows granted (or
 * rescoped), and the timers it starts. Every step is idempotent, so a redelivered snapshot
 * finishes what a crash interrupted.
 */
export class FollowCaseStatus extends DomainCommand<{ event: EventEnvelope }, void> {}

@CommandHandler(RecordHolder)
export class RecordHolderHandler implements ICommandHandler<RecordHolder> {
  constructor(@Inject(CaseMirror) private readonly mirror: CaseMirror) {}

  async execute({ data }: RecordHolder): Promise<void> {
    await this.mirror.recordHolder(data.organisationId, data.name, data.creditCode);
  }
}

@CommandHandler(RenameHolder)
export class RenameHolderHandler implements ICommandHandler<RenameHolder> {
  constructor(@Inject(CaseMirror) private readonly mirror: CaseMirror) {}

  async execute({ data }: RenameHolder): Promise<void> {
    const known = await this.mirror.holder(data.organisationId);
    if (known) await this.mirror.recordHolder(data.organisationId, data.name, known.creditCode);
  }
}

/** A change of the snapshot as the fact it is: its data checked against that fact's own schema (the snapshot's schema has checked it already). */
const isFact = (change: { type: CaseFactType; data: unknown }): change is CaseFact => caseFactSchemas[change.type].safeParse(change.data).success;

interface Step {
  /** One key per fact of the change: a redelivered snapshot repeats each step with the same key. */
  readonly eventId: string;
  readonly occurredAt: string;
  readonly fact: CaseFact;
}

@CommandHandler(FollowCaseStatus)
export class FollowCaseStatusHandler implements ICommandHandler<FollowCaseStatus> {
  constructor(
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(Timers) private readonly timers: Timers,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
    @Inject(AppealableDecisionsStore) private readonly appealable: AppealableDecisionsStore,
    @Inject(AuditedSitesStore) private readonly auditedSites: AuditedSitesStore,
  ) {}

  async execute({ data: { event }, context }: FollowCaseStatus): Promise<void> {
    const { changes } = caseStatusSchema.parse(event.data);
    const after = await this.mirror.apply(event);
    for (const [i, fact] of changes.entries()) {
      if (!isFact(fact)) throw new Error(`${fact.type} in snapshot ${event.eventId} does not match its schema`);
      const step: Step = { eventId: `${event.eventId}:${i}`, occurredAt: event.occurredAt, fact };
      await this.project(step, after, context);
      // The snapshot's version is unique to its change: timers planned again for it do not collide with fired ones.
      await this.timers.schedule(timersFor(step.fact.type, after, this.settings.timers, { key: `v${event.streamVersion}`, at: event.occurredAt }));
      await this.appealable.follow(step.fact, step.eventId, step.occurredAt, event.actor.id, after);
    }
  }

  private async project(step: Step, after: CaseView, context: CommandContext): Promise<void> {
    const { caseId, certificate } = after;
    if (!certificate) return;
    const issue = () => this.commands.execute(new IssueCertificate({ caseId, number: certificate.number, step: step.eventId }, context));
    if (step.fact.type === 'certification.certification-granted') {
      const holder = await this.mirror.holder(after.organisationId);
      if (!holder) throw new Error(`organisation ${after.organisationId} is not known here yet`);
      const previous = (await this.registry.ofCase(caseId)).find((e) => e.cycle === certificate.cycle - 1);
      await this.registry.issue(
        {
          _id: certificate.number,
          caseId,
          cycle: certificate.cycle,
          version: 1,
          holder: { name: holder.name, creditCode: holder.creditCode },
          level: certificate.level,
          // The outlets the cycle's confirmed audit plan visited are the certificate's audited sites (ADR 0037).
          scope: withAuditedSites(after.scope, await this.auditedSites.ofCycle(caseId, certificate.cycle)),
          issuingBody: this.settings.issuingBody,
          validFrom: certificate.validFrom,
          validUntil: certificate.validUntil,
          supersedes: previous?._id ?? null,
        },
        step.eventId,
      );
      if (previous) {
        const replaced = { eventId: step.eventId, at: certificate.validFrom, change: 'superseded', status: 'superseded' as const, reason: `replaced by ${certificate.number} on recertification`, ...reason('certificate.superseded', { by: certificate.number }) };
        await this.registry.record(previous._id, replaced, () => ({ supersededBy: certificate.number }));
      }
      return issue();
    }
    const change = registryChange(step.fact, after);
    if (!change) return;
    const rescoped = step.fact.type === 'certification.scope-changed';
    // A level decided again on appeal is the same certificate at the new level: a new version, like a scope change (ADR 0038).
    const relevelled = step.fact.type === 'certification.level-redecided';
    const audited = rescoped ? await this.auditedSites.ofCycle(caseId, certificate.cycle) : [];
    await this.registry.record(certificate.number, { ...change, eventId: step.eventId, at: step.occurredAt }, (entry) =>
      rescoped ? { version: entry.version + 1, scope: withAuditedSites(after.scope, audited) } : relevelled ? { version: entry.version + 1, level: certificate.level } : {},
    );
    if (rescoped || relevelled) await issue();
  }
}

export const lifecycleCommandHandlers = [RecordHolderHandler, RenameHolderHandler, FollowCaseStatusHandler];
