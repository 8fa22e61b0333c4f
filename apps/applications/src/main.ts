import { authConfigFromEnv } from '@gbt/auth';
import { runService } from '@gbt/platform';
import { ApplicationsModule } from './app.module';

runService({
  service: 'applications',
  defaultPort: 3001,
  title: 'Applications service',
  description: 'Organisations, applications and evidence, and the certification lifecycle (GB/T 27922-2011)',
  module: (config, logger, clock) => ApplicationsModule.forRoot({ config, auth: authConfigFromEnv(), logger, clock }),
});
