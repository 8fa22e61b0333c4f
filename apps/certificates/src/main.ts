import { authConfigFromEnv } from '@gbt/auth';
import { runService } from '@gbt/platform';
import { CertificatesModule } from './app.module';
import { settingsFromEnv } from './settings';

runService({
  service: 'certificates',
  defaultPort: 3004,
  title: 'Certificates service',
  description: 'Certification decisions, signed certificates and their PDFs, the public registry and verification, surveillance and renewal timers',
  module: (config, logger) => CertificatesModule.forRoot({ config, auth: authConfigFromEnv(), logger, settings: settingsFromEnv() }),
});
