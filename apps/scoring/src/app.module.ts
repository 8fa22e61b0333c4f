import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, HOLDER_CHECK, type AuthConfig } from '@gbt/auth';
import { CaseAccess, caseHolderCheck } from '@gbt/case-access';
import { directoryPeopleProviders } from '@gbt/competence';
import { EventRegistry, scorecardEvents, scorecardRevisionEvents, Topics } from '@gbt/contracts';
import type { JsonLogger } from '@gbt/messaging';
import { CLOCK, HealthController, PlatformModule, systemClock, type Clock, type ServiceConfig } from '@gbt/platform';
import { CatalogueStore } from './catalogues/catalogue-store';
import { CataloguesController } from './catalogues/catalogues.controller';
import { ReviewResultsConsumer } from './scorecards/review-results.consumer';
import { ScorecardsController } from './scorecards/scorecards.controller';
import { MongooseModule } from '@nestjs/mongoose';
import { aggregateProvider } from '@gbt/platform';
import { PublishedCatalogue, PublishedCatalogueSchema } from './catalogues/published-catalogue.model';
import { scorecardCommandHandlers } from './scorecards/scorecard-commands';
import { scorecardQueryHandlers } from './scorecards/scorecard-queries';
import { SCORECARDS, scorecardsAggregate } from './scorecards/scorecards.aggregate';

export interface ScoringOptions {
  readonly config: ServiceConfig;
  readonly auth: AuthConfig;
  readonly clock?: Clock;
  readonly logger?: JsonLogger;
}

/** The scoring service: catalogue versions, scorecards from review results, what-if, corrections and re-scoring. */
@Module({})
export class ScoringModule {
  static forRoot(options: ScoringOptions): DynamicModule {
    return {
      module: ScoringModule,
      imports: [
        PlatformModule.forRoot({
          config: options.config,
          registry: new EventRegistry([...scorecardEvents, ...scorecardRevisionEvents]),
          topics: [Topics.scorecard],
          topicFor: () => Topics.scorecard,
          logger: options.logger,
        }),
        AuthModule.forRoot(options.auth, 'scoring'),
        MongooseModule.forFeature([{ name: PublishedCatalogue.name, schema: PublishedCatalogueSchema }]),
      ],
      controllers: [HealthController, CataloguesController, ScorecardsController],
      providers: [{ provide: CLOCK, useValue: options.clock ?? systemClock }, CatalogueStore, aggregateProvider(SCORECARDS, scorecardsAggregate), ...scorecardCommandHandlers, ...scorecardQueryHandlers, ReviewResultsConsumer, CaseAccess, ...directoryPeopleProviders, { provide: HOLDER_CHECK, inject: [CaseAccess], useFactory: (access: CaseAccess) => caseHolderCheck(access) }],
    };
  }
}
