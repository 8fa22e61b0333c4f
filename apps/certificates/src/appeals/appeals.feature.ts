import { aggregateProvider } from '@gbt/platform';
import { AppealLists } from './appeal-lists';
import { appealCommandHandlers } from './appeal-commands';
import { appealQueryHandlers } from './appeal-queries';
import { appealTimerProviders } from './appeal-timers';
import { AppealableDecisionsStore } from './appealable-decisions';
import { APPEALS, appealsAggregate } from './appeals.aggregate';
import { AppealsController } from './appeals.controller';
import { AppealableDecisions, AppealableDecisionsSchema, AppealList, AppealListSchema } from './appeals.model';

/** Appeals (ADR 0033): what the certificates module registers for them, in one place. */
export const appealsFeature = {
  models: [
    { name: AppealableDecisions.name, schema: AppealableDecisionsSchema },
    { name: AppealList.name, schema: AppealListSchema },
  ],
  controllers: [AppealsController],
  providers: [aggregateProvider(APPEALS, appealsAggregate), AppealableDecisionsStore, AppealLists, ...appealCommandHandlers, ...appealQueryHandlers, ...appealTimerProviders],
};
