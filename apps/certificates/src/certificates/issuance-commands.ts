import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, DomainCommand, type Clock } from '@gbt/platform';
import { Registry } from '../registry/registry';
import { causedBy, CERTIFICATES, CERTIFICATES_SYSTEM, type Certificates } from './certificates.aggregate';
import { Issuance, renderKey, type RenderJob } from './issuance';

/**
 * The lifecycle shows a certificate granted or its scope changed (`step`: that fact of the
 * consumed snapshot): sign the version the registry entry now has, record it, queue its PDF.
 * Every step is idempotent, so a redelivered snapshot finishes what a crash interrupted.
 */
export class IssueCertificate extends DomainCommand<{ caseId: string; number: string; step: string }, void> {}

/** A queued version's PDF: render, seal and keep it, and record that it exists. */
export class RenderCertificate extends DomainCommand<RenderJob, void> {}

@CommandHandler(IssueCertificate)
export class IssueCertificateHandler implements ICommandHandler<IssueCertificate> {
  constructor(
    @Inject(CERTIFICATES) private readonly certificates: Certificates,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(Issuance) private readonly issuance: Issuance,
  ) {}

  async execute({ data, context }: IssueCertificate): Promise<void> {
    const { caseId, number } = data;
    const entry = await this.registry.get(number);
    if (!entry) throw new Error(`registry entry ${number} is missing`);
    const certificate = await this.issuance.keep(entry);
    const issued = { type: 'issue', caseId, number, version: entry.version, cycle: entry.cycle, supersedes: entry.supersedes, certificate } as const;
    await causedBy(`${data.step}:issue`, () => this.certificates.execute(caseId, issued, context));
    await this.issuance.queueRendering({ caseId, number, version: entry.version });
  }
}

@CommandHandler(RenderCertificate)
export class RenderCertificateHandler implements ICommandHandler<RenderCertificate> {
  constructor(
    @Inject(CERTIFICATES) private readonly certificates: Certificates,
    @Inject(Issuance) private readonly issuance: Issuance,
  ) {}

  async execute({ data, context }: RenderCertificate): Promise<void> {
    const { caseId, number, version } = data;
    const { sha256, bytes } = await this.issuance.render(number, version);
    await causedBy(`render:${renderKey(number, version)}`, () => this.certificates.execute(caseId, { type: 'record-rendering', caseId, number, version, sha256, bytes }, context));
  }
}

/** Turns each queued rendering into a RenderCertificate command. */
@Injectable()
export class RenderingWorker implements OnApplicationBootstrap {
  constructor(
    @Inject(Issuance) private readonly issuance: Issuance,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.issuance.startRendering((job) => this.commands.execute(new RenderCertificate(job, { actor: CERTIFICATES_SYSTEM, at: this.clock.now() })));
  }
}

export const issuanceCommandHandlers = [IssueCertificateHandler, RenderCertificateHandler, RenderingWorker];
