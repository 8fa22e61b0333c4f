import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { certificationCaseEvents, EventRegistry, organisationEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { Consumers, MONGO_DB } from '@gbt/platform';
import { CasesService } from '../cases/cases.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { caseRow, organisationRow, type CaseRow, type OrganisationRow } from './rows';

/**
 * Read models for case lists: one row per case and per organisation, recomputed from the stream
 * whenever one of its events arrives. Recomputing (rather than patching) makes a row correct
 * whatever order or how often events arrive, and lets the whole read model be dropped and rebuilt.
 */
@Injectable()
export class CaseListProjector implements OnApplicationBootstrap {
  readonly cases: Collection<CaseRow>;
  readonly organisations: Collection<OrganisationRow>;

  constructor(
    @Inject(MONGO_DB) db: Db,
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(CasesService) private readonly caseService: CasesService,
    @Inject(OrganisationsService) private readonly organisationService: OrganisationsService,
  ) {
    this.cases = db.collection<CaseRow>('case_list');
    this.organisations = db.collection<OrganisationRow>('organisation_directory');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.cases.createIndex({ organisationId: 1, updatedAt: -1 });
    await this.cases.createIndex({ status: 1, updatedAt: -1 });
    await this.organisations.createIndex({ members: 1 });
    await this.consumers.start('case-list', {
      topics: [Topics.certificationCase, Topics.organisation],
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]),
      handler: (event) => this.apply(event),
    });
  }

  async apply(event: Pick<EventEnvelope, 'streamId'>): Promise<void> {
    if (event.streamId.startsWith('org-')) {
      const { state, version } = await this.organisationService.load(event.streamId);
      if (state.status !== 'registered') return;
      await this.organisations.replaceOne({ _id: event.streamId }, organisationRow(state, version), { upsert: true });
      await this.cases.updateMany({ organisationId: event.streamId }, { $set: { organisationName: state.name } });
      return;
    }
    const { state, version, events } = await this.caseService.load(event.streamId);
    if (state.status === 'none') return;
    const organisation = await this.organisationService.load(state.organisationId);
    const name = organisation.state.status === 'registered' ? organisation.state.name : null;
    await this.cases.replaceOne({ _id: event.streamId }, caseRow(state, version, events, name), { upsert: true });
  }

  /** Drops both read models and recomputes them from the event log. */
  async rebuild(): Promise<{ organisations: number; cases: number }> {
    await this.cases.deleteMany({});
    await this.organisations.deleteMany({});
    const streams = new Set<string>();
    for await (const e of this.store.scanAll()) streams.add(e.streamId);
    const ordered = [...streams].sort((a, b) => Number(b.startsWith('org-')) - Number(a.startsWith('org-')));
    for (const streamId of ordered) await this.apply({ streamId });
    return { organisations: ordered.filter((s) => s.startsWith('org-')).length, cases: ordered.filter((s) => s.startsWith('case-')).length };
  }
}
