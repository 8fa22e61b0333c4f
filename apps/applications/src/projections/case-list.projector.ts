import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { certificationCaseEvents, EventRegistry, organisationEvents, Topics, type EventEnvelope } from '@gbt/contracts';
import { MongoEventStore } from '@gbt/event-store';
import { Consumers } from '@gbt/platform';
import { CaseStream } from '../cases/case-queries';
import { OrganisationMembers } from '../organisations/organisation-members';
import { OrganisationStream } from '../organisations/organisation-queries';
import { CaseIndex } from './case-index';
import { CaseListRow, MemberOrganisations, OrganisationCases, OrganisationEntry } from './read-models';
import { caseRow, organisationEntry } from './rows';

/**
 * Read models for case lists (ADR 0024): a row per case, an entry per organisation, the
 * organisations of each member and the cases of each organisation, all keyed by `_id`, and the
 * in-process CaseIndex. A row is recomputed from its stream whenever one of its events arrives:
 * correct whatever order or how often events arrive, and the whole read model can be dropped and
 * rebuilt. Every read and write here is by `_id`.
 */
@Injectable()
export class CaseListProjector implements OnApplicationBootstrap {
  constructor(
    @Inject(Consumers) private readonly consumers: Consumers,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(CaseIndex) private readonly index: CaseIndex,
    @InjectModel(CaseListRow.name) private readonly cases: Model<CaseListRow>,
    @InjectModel(OrganisationEntry.name) private readonly organisations: Model<OrganisationEntry>,
    @InjectModel(MemberOrganisations.name) private readonly memberships: Model<MemberOrganisations>,
    @InjectModel(OrganisationCases.name) private readonly organisationCases: Model<OrganisationCases>,
    @Inject(OrganisationMembers) private readonly members: OrganisationMembers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadIndex();
    await this.consumers.start('case-list', {
      topics: [Topics.certificationCase, Topics.organisation],
      registry: new EventRegistry([...certificationCaseEvents, ...organisationEvents]),
      handler: (event) => this.apply(event),
    });
  }

  /** The index from the read model: one pass over `case_list`, once, before any event is projected. */
  async loadIndex(): Promise<void> {
    const rows: CaseListRow[] = [];
    for await (const row of this.cases.find().lean<CaseListRow>().cursor()) rows.push(row);
    this.index.load(rows);
  }

  async apply(event: Pick<EventEnvelope, 'streamId'>): Promise<void> {
    if (event.streamId.startsWith('org-')) return this.applyOrganisation(event.streamId);
    const { state, version, events } = await this.queries.execute(new CaseStream({ caseId: event.streamId }));
    if (state.status === 'none') return;
    // Listed under its organisation before its name is read: a rename after this sees the case.
    await this.organisationCases.updateOne({ _id: state.organisationId }, { $addToSet: { caseIds: state.caseId } }, { upsert: true });
    const organisation = await this.queries.execute(new OrganisationStream({ organisationId: state.organisationId }));
    const row = caseRow(state, version, events, organisation.state.status === 'registered' ? organisation.state.name : null);
    await this.cases.replaceOne({ _id: row._id }, row, { upsert: true });
    this.index.set(row);
  }

  private async applyOrganisation(organisationId: string): Promise<void> {
    const { state, version } = await this.queries.execute(new OrganisationStream({ organisationId }));
    if (state.status !== 'registered') return;
    const entry = organisationEntry(state, version, await this.members.of(state));
    await this.organisations.replaceOne({ _id: organisationId }, entry, { upsert: true });
    // Members who left are taken off by OrganisationMembers when the directory says so; here lists only grow.
    await Promise.all(entry.members.map((member) => this.memberships.updateOne({ _id: member }, { $addToSet: { organisationIds: organisationId } }, { upsert: true })));
    const listed = await this.organisationCases.findById(organisationId).lean<OrganisationCases>();
    for (const caseId of listed?.caseIds ?? []) {
      await this.cases.updateOne({ _id: caseId }, { $set: { organisationName: state.name } });
      const row = this.index.get(caseId);
      if (row && row.organisationName !== state.name) this.index.set({ ...row, organisationName: state.name });
    }
  }

  /** Drops the read models and recomputes them from the event log (organisations first). */
  async rebuild(): Promise<{ organisations: number; cases: number }> {
    await Promise.all([this.cases.deleteMany({}), this.organisations.deleteMany({}), this.memberships.deleteMany({}), this.organisationCases.deleteMany({})]);
    this.index.clear();
    const streams = new Set<string>();
    for await (const e of this.store.scanAll()) streams.add(e.streamId);
    const organisations = [...streams].filter((s) => s.startsWith('org-'));
    const cases = [...streams].filter((s) => s.startsWith('case-'));
    for (const streamId of [...organisations, ...cases]) await this.apply({ streamId });
    return { organisations: organisations.length, cases: cases.length };
  }
}
