import { authConfigFromEnv } from '@gbt/auth';
import { runService } from '@gbt/platform';
import { EvidenceReviewModule } from './app.module';

runService({
  service: 'evidence-review',
  defaultPort: 3002,
  title: 'Evidence review service',
  description: 'Reviewer work queues, assessments per requirement, corrective actions and SLAs on a business calendar',
  module: (config, logger, clock) => EvidenceReviewModule.forRoot({ config, auth: authConfigFromEnv(), logger, clock }),
});
