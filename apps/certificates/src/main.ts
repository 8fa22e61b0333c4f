import { authConfigFromEnv } from '@gbt/auth';
import { runService } from '@gbt/platform';
import { CertificatesModule } from './app.module';
import { settingsFromEnv, timerSweepIntervalFromEnv } from './settings';

runService({
  service: 'certificates',
  defaultPort: 3004,
  title: 'Certificates service',
  description: 'Certification decisions, signed certificates and their PDFs, the public registry and verification, surveillance and renewal timers',
  module: (config, logger, clock) => CertificatesModule.forRoot({ config, auth: authConfigFromEnv(), logger, clock, settings: settingsFromEnv(), timers: { sweepIntervalMs: timerSweepIntervalFromEnv() } }),
});
