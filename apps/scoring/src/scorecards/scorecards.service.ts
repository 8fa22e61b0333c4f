import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ScoringInput } from '@gbt/catalogue';
import { handleCommand, loadStream, MongoEventStore } from '@gbt/event-store';
import { CLOCK, DomainRefusal, metadataFor, type Clock } from '@gbt/platform';
import { CatalogueStore } from '../catalogues/catalogue-store';
import { compareScorecards } from './compare';
import { scorecardsDecider, type ScorecardRecord, type ScorecardsCommand, type ScorecardsEvent, type ScorecardsState } from './scorecards.decider';

export const scorecardStream = (caseId: string) => `scorecards-${caseId}`;

/** Deterministic ids: the same review results always name the same scorecard. */
const scorecardIdFor = (...parts: string[]) => `sc-${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24)}`;

type Actor = { id: string; role?: string };

@Injectable()
export class ScorecardsService {
  constructor(
    @Inject(MongoEventStore) private readonly store: MongoEventStore,
    @Inject(CatalogueStore) private readonly catalogues: CatalogueStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(caseId: string): Promise<{ state: ScorecardsState; version: number }> {
    const { state, version } = await loadStream(this.store, scorecardStream(caseId), scorecardsDecider);
    return { state, version };
  }

  /** Every scorecard of the case with who produced it and when; a correction or re-scoring shows its original beside it. */
  async history(caseId: string) {
    const events = await this.store.readStream(scorecardStream(caseId));
    let state = scorecardsDecider.initialState;
    return events.map((e) => {
      state = scorecardsDecider.evolve(state, e as unknown as ScorecardsEvent);
      // evolve appends exactly one record per event
      const record = state.records[state.records.length - 1] as ScorecardRecord;
      const original = state.records.find((r) => r.scorecardId === record.previousScorecardId);
      return {
        ...record,
        by: e.actor,
        at: e.occurredAt,
        current: false,
        original: original ? { scorecardId: original.scorecardId, score: original.scorecard.score, level: original.scorecard.level, passed: original.scorecard.passed } : null,
        difference: original ? compareScorecards(original.scorecard, record.scorecard) : null,
      };
    }).map((view) => ({ ...view, current: view.scorecardId === state.current }));
  }

  async catalogue(version: string) {
    const catalogue = await this.catalogues.get(version);
    if (!catalogue) throw new DomainRefusal('UnknownCatalogueVersion', `catalogue version ${version} is not published`, 422);
    return catalogue;
  }

  /** From the evidence review's published results; applied once per results event. */
  async issueFromReview(actor: Actor, at: Date, results: { caseId: string; catalogueVersion: string; input: ScoringInput; openNonconformitiesWaived: boolean; eventId: string }) {
    const catalogue = await this.catalogue(results.catalogueVersion);
    return this.run(actor, at, {
      type: 'issue',
      caseId: results.caseId,
      scorecardId: scorecardIdFor(results.caseId, results.eventId),
      catalogue,
      input: results.input,
      openNonconformitiesWaived: results.openNonconformitiesWaived,
      reviewResultsEventId: results.eventId,
    });
  }

  async correct(actor: Actor, caseId: string, previousScorecardId: string, input: ScoringInput, reason: string, expectedVersion: number) {
    const { state } = await this.load(caseId);
    const previous = state.records.find((r) => r.scorecardId === previousScorecardId);
    if (!previous) throw new DomainRefusal('UnknownScorecard', `scorecard ${previousScorecardId} does not exist for ${caseId}`, 404);
    const catalogue = await this.catalogue(previous.scorecard.catalogueVersion);
    const scorecardId = scorecardIdFor(caseId, 'correction', String(expectedVersion));
    return this.run(actor, this.clock.now(), { type: 'correct', caseId, scorecardId, catalogue, previousScorecardId, input, reason }, expectedVersion);
  }

  async rescore(actor: Actor, caseId: string, catalogueVersion: string, expectedVersion: number) {
    const catalogue = await this.catalogue(catalogueVersion);
    const scorecardId = scorecardIdFor(caseId, 'rescore', catalogueVersion, String(expectedVersion));
    return this.run(actor, this.clock.now(), { type: 'rescore', caseId, scorecardId, catalogue, reason: `re-scored under catalogue ${catalogueVersion}` }, expectedVersion);
  }

  private async run(actor: Actor, at: Date, command: ScorecardsCommand, expectedVersion?: number) {
    const outcome = await handleCommand(this.store, scorecardStream(command.caseId), scorecardsDecider, command, { ...metadataFor(actor, at), expectedVersion });
    if (!outcome.ok) throw new DomainRefusal(outcome.failure.error, outcome.failure.message, outcome.failure.error === 'UnknownScorecard' ? 404 : 422);
    return { caseId: command.caseId, scorecardId: command.scorecardId, version: outcome.version, duplicate: outcome.duplicate };
  }
}
