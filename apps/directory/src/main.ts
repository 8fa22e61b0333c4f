import { authConfigFromEnv } from '@gbt/auth';
import { runService } from '@gbt/platform';
import { DirectoryModule } from './app.module';

runService({
  service: 'directory',
  defaultPort: 3005,
  title: 'Directory service',
  description: 'People, roles, qualifications, declared relations and organisation members; built-in sign-in (password, TOTP, refresh tokens)',
  module: (config, logger, clock) => DirectoryModule.forRoot({ config, auth: authConfigFromEnv(), logger, clock }),
});
