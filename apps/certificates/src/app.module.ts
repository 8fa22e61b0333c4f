import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule, HOLDER_CHECK, type AuthConfig } from '@gbt/auth';
import { CaseAccess, caseHolderCheck } from '@gbt/case-access';
import { directoryPeopleProviders, IMPARTIALITY_POLICY, impartialityPolicyFromEnv, StaffCompetence, type ImpartialityPolicy } from '@gbt/competence';
import { appealEvents, certificateEvents, certificateRecordEvents, complaintEvents, EventRegistry, reportReminderEvents, Topics } from '@gbt/contracts';
import type { JsonLogger } from '@gbt/messaging';
import { aggregateProvider, CLOCK, HealthController, PlatformModule, SERVICE_CONFIG, systemClock, type Clock, type ServiceConfig } from '@gbt/platform';
import { appealsFeature } from './appeals/appeals.feature';
import { auditSitesFeature } from './audit-sites/audited-sites';
import { CertificateActionsController } from './certificates/certificate-actions.controller';
import { complaintSettingsFromEnv, type ComplaintSettings } from './complaints/complaint-settings';
import { complaintsFeature } from './complaints/complaints.feature';
import { CertificateDocument, CertificateDocumentSchema, CertificatePdf, CertificatePdfSchema } from './certificates/certificate-document.model';
import { AllocatedNumber, AllocatedNumberSchema, NumberAssignment, NumberAssignmentSchema, NumberHint, NumberHintSchema } from './certificates/certificate-number.model';
import { certificateCommandHandlers } from './certificates/certificate-commands';
import { certificateQueryHandlers } from './certificates/certificate-queries';
import { CERTIFICATES, certificatesAggregate } from './certificates/certificates.aggregate';
import { decisionCommandHandlers } from './certificates/decision-commands';
import { DecisionsController } from './certificates/decisions.controller';
import { Issuance } from './certificates/issuance';
import { issuanceCommandHandlers } from './certificates/issuance-commands';
import { NumberAllocator } from './certificates/number-allocator';
import { evaluationCommandHandlers } from './evaluation/evaluation-commands';
import { EvaluationConsumer } from './evaluation/evaluation-consumer';
import { EvaluationRecord, EvaluationRecordSchema } from './evaluation/evaluation-record.model';
import { EvaluationRecords } from './evaluation/evaluation-records';
import { KeysController, SIGNING_KEYS } from './keys/keys.controller';
import { SigningKeys } from './keys/signing-keys';
import { CaseMirror } from './lifecycle/case-mirror';
import { CaseSnapshot, CaseSnapshotSchema, Holder, HolderSchema } from './lifecycle/case-mirror.model';
import { lifecycleCommandHandlers } from './lifecycle/lifecycle-commands';
import { LifecycleConsumer } from './lifecycle/lifecycle-consumer';
import { publicLogControllers, publicLogProviders } from './log/public-log';
import { reportsFeature } from './reports/reports.feature';
import { reportSettingsFromEnv, type ReportSettings } from './reports/report-settings';
import { RequestRepliesConsumer } from './lifecycle/request-replies-consumer';
import { registryRateLimitProviders } from './registry/rate-limit.guard';
import { Registry } from './registry/registry';
import { RegistryController } from './registry/registry.controller';
import { VerifyPageController } from './registry/verify-page.controller';
import { RedisConnection } from './redis-connection';
import { CERTIFICATES_SETTINGS, type CertificatesSettings } from './settings';
import { timerCommandHandlers } from './timers/timer-firing';
import { TIMER_OPTIONS, Timers, type TimerOptions } from './timers/timers';

export interface CertificatesOptions {
  readonly config: ServiceConfig;
  readonly auth: AuthConfig;
  readonly settings: CertificatesSettings;
  readonly clock?: Clock;
  readonly logger?: JsonLogger;
  readonly timers?: Partial<TimerOptions & { prefix: string }>;
  /** The monthly report's template and the body's identifiers (default: from the environment). */
  readonly reports?: ReportSettings;
  /** How long a relation to an organisation bars deciding on it; default IMPARTIALITY_RELATION_YEARS or 2 years. */
  readonly impartiality?: ImpartialityPolicy;
  /** Complaint deadlines and the public form's rate limit (default: from the environment). */
  readonly complaints?: ComplaintSettings;
}

/** The certificates service: decisions, issuance and PDFs, the public registry, and the timers that keep certificates alive. */
@Module({})
export class CertificatesModule {
  static forRoot(options: CertificatesOptions): DynamicModule {
    const clock = options.clock ?? systemClock;
    const { prefix = process.env.CERTIFICATE_QUEUE_PREFIX ?? 'gbt', ...timerOptions } = options.timers ?? {};
    const timers: TimerOptions = { sweepIntervalMs: 60_000, ...timerOptions };
    const reports = reportsFeature(options.reports ?? reportSettingsFromEnv());
    const complaints = complaintsFeature(options.complaints ?? complaintSettingsFromEnv());
    return {
      module: CertificatesModule,
      imports: [
        PlatformModule.forRoot({
          config: options.config,
          registry: new EventRegistry([...certificateEvents, ...certificateRecordEvents, ...complaintEvents, ...appealEvents, ...reportReminderEvents]),
          topics: [Topics.certificate],
          topicFor: () => Topics.certificate,
          logger: options.logger,
        }),
        AuthModule.forRoot(options.auth, 'certificates'),
        MongooseModule.forFeature([
          { name: CaseSnapshot.name, schema: CaseSnapshotSchema },
          { name: Holder.name, schema: HolderSchema },
          { name: EvaluationRecord.name, schema: EvaluationRecordSchema },
          { name: CertificateDocument.name, schema: CertificateDocumentSchema },
          { name: CertificatePdf.name, schema: CertificatePdfSchema },
          { name: AllocatedNumber.name, schema: AllocatedNumberSchema },
          { name: NumberAssignment.name, schema: NumberAssignmentSchema },
          { name: NumberHint.name, schema: NumberHintSchema },
          ...reports.models,
          ...complaints.models,
          ...appealsFeature.models,
          ...auditSitesFeature.models,
        ]),
      ],
      controllers: [HealthController, KeysController, DecisionsController, CertificateActionsController, RegistryController, VerifyPageController, ...publicLogControllers, ...reports.controllers, ...complaints.controllers, ...appealsFeature.controllers],
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: CERTIFICATES_SETTINGS, useValue: options.settings },
        { provide: TIMER_OPTIONS, useValue: timers },
        { provide: RedisConnection, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => new RedisConnection(config.redisUrl, prefix) },
        { provide: SIGNING_KEYS, useFactory: () => SigningKeys.fromDirectory(options.settings.keysDir, { generateIfMissing: options.settings.generateKeys, now: clock.now() }) },
        CaseMirror,
        { provide: IMPARTIALITY_POLICY, useValue: options.impartiality ?? impartialityPolicyFromEnv() },
        ...directoryPeopleProviders,
        StaffCompetence,
        EvaluationRecords,
        NumberAllocator,
        Registry,
        Timers,
        Issuance,
        aggregateProvider(CERTIFICATES, certificatesAggregate),
        ...decisionCommandHandlers,
        ...certificateCommandHandlers,
        ...issuanceCommandHandlers,
        ...evaluationCommandHandlers,
        ...lifecycleCommandHandlers,
        ...timerCommandHandlers,
        ...certificateQueryHandlers,
        LifecycleConsumer,
        RequestRepliesConsumer,
        EvaluationConsumer,
        ...registryRateLimitProviders,
        ...publicLogProviders(options.settings.log, options.settings.generateKeys, clock),
        ...reports.providers,
        ...complaints.providers,
        ...appealsFeature.providers,
        ...auditSitesFeature.providers,
        CaseAccess,
        {
          provide: HOLDER_CHECK,
          inject: [CaseAccess, Registry],
          useFactory: (access: CaseAccess, registry: Registry) => caseHolderCheck(access, { certificate: async (number) => (await registry.get(number))?.caseId }),
        },
      ],
    };
  }
}
