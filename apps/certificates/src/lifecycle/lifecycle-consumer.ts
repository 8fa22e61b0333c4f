import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CASE_STATUS_CHANGED, caseStatusSchema, certificationCaseEvents, EventRegistry, organisationEvents, Topics, type CaseFact, type EventEnvelope } from '@gbt/contracts';
import { Consumers } from '@gbt/platform';
import { Issuance } from '../certificates/issuance';
import { Registry } from '../registry/registry';
import { registryChange } from '../registry/registry-entry';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from '../settings';
import { timersFor } from '../timers/timer-plan';
import { Timers } from '../timers/timers';
import { CaseMirror, type CaseView } from './case-mirror';

/**
 * Follows the lifecycle as the applications service publishes it: keeps the mirror and the
 * public registry, issues certificates when the lifecycle shows them granted, and plans timers.
 * Every step is idempotent, so a message redelivered after a crash between steps finishes the work.
 */
@Injectable()
export class LifecycleConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(CaseMirror) private readonly mirror: CaseMirror,
    @Inject(Registry) private readonly registry: Registry,
    @Inject(Issuance) private readonly issuance: Issuance,
    @Inject(Timers) private readonly timers: Timers,
    @Inject(CERTIFICATES_SETTINGS) private readonly settings: CertificatesSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start('lifecycle', {
      topics: [Topics.certificationCase, Topics.organisation],
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]),
      partitionsConsumedConcurrently: 4,
      // The organisation's registration travels on another topic and may arrive a little later.
      retry: { attempts: 15, initialDelayMs: 200, maxDelayMs: 5_000 },
      handler: (event) => this.handle(event),
    });
  }

  private async handle(event: EventEnvelope): Promise<void> {
    if (event.type === 'applications.organisation-registered') {
      return this.mirror.recordHolder(event.streamId, event.data.name as string, event.data.creditCode as string);
    }
    if (event.type === 'applications.organisation-updated') {
      const known = await this.mirror.holder(event.streamId);
      return known ? this.mirror.recordHolder(event.streamId, event.data.name as string, known.creditCode) : undefined;
    }
    // The lifecycle's facts travel on the topic too; the snapshot after them carries them and the case as it stands.
    if (event.type !== CASE_STATUS_CHANGED) return;
    const { changes } = caseStatusSchema.parse(event.data);
    const after = await this.mirror.apply(event);
    for (const [i, fact] of changes.entries()) {
      // One key per fact of the change: a redelivered snapshot repeats each step with the same key.
      const change = { eventId: `${event.eventId}:${i}`, occurredAt: event.occurredAt, fact: fact as CaseFact };
      await this.project(change, after);
      await this.timers.schedule(timersFor(change.fact.type, after, this.settings.timers));
    }
  }

  private async project(event: { eventId: string; occurredAt: string; fact: CaseFact }, after: CaseView): Promise<void> {
    const { caseId, certificate } = after;
    if (!certificate) return;
    if (event.fact.type === 'certification.certification-granted') {
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
          scope: after.scope,
          issuingBody: this.settings.issuingBody,
          validFrom: certificate.validFrom,
          validUntil: certificate.validUntil,
          supersedes: previous?._id ?? null,
        },
        event.eventId,
      );
      if (previous) {
        const replaced = { eventId: event.eventId, at: certificate.validFrom, change: 'superseded', status: 'superseded' as const, reason: `replaced by ${certificate.number} on recertification` };
        await this.registry.record(previous._id, replaced, () => ({ supersededBy: certificate.number }));
      }
      return this.issuance.issue(caseId, certificate.number, event.eventId);
    }
    const change = registryChange(event.fact, after);
    if (!change) return;
    const rescoped = event.fact.type === 'certification.scope-changed';
    await this.registry.record(certificate.number, { ...change, eventId: event.eventId, at: event.occurredAt }, (entry) => (rescoped ? { version: entry.version + 1, scope: after.scope } : {}));
    if (rescoped) await this.issuance.issue(caseId, certificate.number, event.eventId);
  }
}
