import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ScoringInput } from '@gbt/catalogue';
import { DomainCommand, DomainRefusal } from '@gbt/platform';
import { CatalogueStore } from '../catalogues/catalogue-store';
import { SCORECARDS, type Scorecards } from './scorecards.aggregate';

/** Deterministic ids: the same review results always name the same scorecard. */
const scorecardIdFor = (...parts: string[]) => `sc-${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24)}`;

export interface ScorecardWritten {
  readonly caseId: string;
  readonly scorecardId: string;
  readonly version: number;
  readonly duplicate: boolean;
}

/** From the evidence review's published results; applied once per results event. */
export class IssueScorecard extends DomainCommand<
  { caseId: string; catalogueVersion: string; input: ScoringInput; openNonconformitiesWaived: boolean; reviewResultsEventId: string },
  ScorecardWritten
> {}

/** An auditor's correction of the findings behind a scorecard; the original stays. */
export class CorrectScorecard extends DomainCommand<{ caseId: string; previousScorecardId: string; input: ScoringInput; reason: string }, ScorecardWritten> {}

/** The current findings scored again under another catalogue version. */
export class RescoreCase extends DomainCommand<{ caseId: string; catalogueVersion: string }, ScorecardWritten> {}

const written = (caseId: string, scorecardId: string, outcome: { version: number; duplicate: boolean }): ScorecardWritten => ({
  caseId,
  scorecardId,
  version: outcome.version,
  duplicate: outcome.duplicate,
});

@CommandHandler(IssueScorecard)
export class IssueScorecardHandler implements ICommandHandler<IssueScorecard> {
  constructor(
    @Inject(SCORECARDS) private readonly scorecards: Scorecards,
    @Inject(CatalogueStore) private readonly catalogues: CatalogueStore,
  ) {}

  async execute({ data, context }: IssueScorecard): Promise<ScorecardWritten> {
    const catalogue = await this.catalogues.require(data.catalogueVersion);
    const scorecardId = scorecardIdFor(data.caseId, data.reviewResultsEventId);
    const outcome = await this.scorecards.execute(data.caseId, { type: 'issue', ...data, scorecardId, catalogue }, context);
    return written(data.caseId, scorecardId, outcome);
  }
}

@CommandHandler(CorrectScorecard)
export class CorrectScorecardHandler implements ICommandHandler<CorrectScorecard> {
  constructor(
    @Inject(SCORECARDS) private readonly scorecards: Scorecards,
    @Inject(CatalogueStore) private readonly catalogues: CatalogueStore,
  ) {}

  async execute({ data, context }: CorrectScorecard): Promise<ScorecardWritten> {
    const { state } = await this.scorecards.load(data.caseId);
    const previous = state.records.find((r) => r.scorecardId === data.previousScorecardId);
    if (!previous) throw new DomainRefusal('UnknownScorecard', `scorecard ${data.previousScorecardId} does not exist for ${data.caseId}`, 404);
    const catalogue = await this.catalogues.require(previous.scorecard.catalogueVersion);
    const scorecardId = scorecardIdFor(data.caseId, 'correction', String(context.expectedVersion));
    const outcome = await this.scorecards.execute(data.caseId, { type: 'correct', ...data, scorecardId, catalogue }, context);
    return written(data.caseId, scorecardId, outcome);
  }
}

@CommandHandler(RescoreCase)
export class RescoreCaseHandler implements ICommandHandler<RescoreCase> {
  constructor(
    @Inject(SCORECARDS) private readonly scorecards: Scorecards,
    @Inject(CatalogueStore) private readonly catalogues: CatalogueStore,
  ) {}

  async execute({ data, context }: RescoreCase): Promise<ScorecardWritten> {
    const catalogue = await this.catalogues.require(data.catalogueVersion);
    const scorecardId = scorecardIdFor(data.caseId, 'rescore', data.catalogueVersion, String(context.expectedVersion));
    const reason = `re-scored under catalogue ${data.catalogueVersion}`;
    const outcome = await this.scorecards.execute(data.caseId, { type: 'rescore', caseId: data.caseId, scorecardId, catalogue, reason }, context);
    return written(data.caseId, scorecardId, outcome);
  }
}

export const scorecardCommandHandlers = [IssueScorecardHandler, CorrectScorecardHandler, RescoreCaseHandler];
