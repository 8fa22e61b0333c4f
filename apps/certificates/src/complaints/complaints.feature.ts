import { CaseComplaintsController } from './case-complaints.controller';
import { aggregateProvider } from '@gbt/platform';
import { COMPLAINTS, complaintAggregate } from './complaint.aggregate';
import { complaintCommandHandlers } from './complaint-commands';
import { ComplaintHandling } from './complaint-handling';
import { complaintModels } from './complaint.model';
import { ComplaintRateLimit } from './complaint-rate-limit';
import { ComplaintReferences } from './complaint-references';
import { COMPLAINT_SETTINGS, type ComplaintSettings } from './complaint-settings';
import { ComplaintTallyController } from './complaint-tally.controller';
import { complaintTimerProviders } from './complaint-timers';
import { ComplaintViews } from './complaint-views';
import { ComplaintsController } from './complaints.controller';

/**
 * Complaints (ADR 0035), for the certificates module to add: it uses that module's registry,
 * lifecycle requests, Redis (rate limit), timers and business calendar.
 */
export const complaintsFeature = (settings: ComplaintSettings) => ({
  models: complaintModels,
  controllers: [ComplaintsController, CaseComplaintsController, ComplaintTallyController],
  providers: [
    { provide: COMPLAINT_SETTINGS, useValue: settings },
    aggregateProvider(COMPLAINTS, complaintAggregate),
    ComplaintReferences,
    ComplaintViews,
    ComplaintHandling,
    ComplaintRateLimit,
    ...complaintCommandHandlers,
    ...complaintTimerProviders,
  ],
});
