import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, HOLDER_CHECK, type AuthConfig } from '@gbt/auth';
import { CaseAccess, caseHolderCheck } from '@gbt/case-access';
import { EventRegistry, scorecardEvents, scorecardRevisionEvents, Topics } from '@gbt/contracts';
import type { JsonLogger } from '@gbt/messaging';
import { CLOCK, HealthController, PlatformModule, systemClock, type Clock, type ServiceConfig } from '@gbt/platform';
import { CatalogueStore } from './catalogues/catalogue-store';
import { CataloguesController } from './catalogues/catalogues.controller';
import { ReviewResultsConsumer } from './scorecards/review-results.consumer';
import { ScorecardsController } from './scorecards/scorecards.controller';
import { ScorecardsService } from './scorecards/scorecards.service';

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
      ],
      controllers: [HealthController, CataloguesController, ScorecardsController],
      providers: [{ provide: CLOCK, useValue: options.clock ?? systemClock }, CatalogueStore, ScorecardsService, ReviewResultsConsumer, CaseAccess, { provide: HOLDER_CHECK, inject: [CaseAccess], useFactory: (access: CaseAccess) => caseHolderCheck(access) }],
    };
  }
}
