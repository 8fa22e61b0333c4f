import { authConfigFromEnv } from '@gbt/auth';
import { runService } from '@gbt/platform';
import { ScoringModule } from './app.module';

runService({
  service: 'scoring',
  defaultPort: 3003,
  title: 'Scoring service',
  description: 'GB/T 27922-2011 criteria catalogues and clause 6.2 scorecards with explanations',
  module: (config, logger, clock) => ScoringModule.forRoot({ config, auth: authConfigFromEnv(), logger, clock }),
});
