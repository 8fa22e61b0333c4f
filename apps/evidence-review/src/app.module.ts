import { Inject, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AuthModule, HOLDER_CHECK, StandingCheck, TokenVerifier, UNLISTED_PEOPLE, type AuthConfig, type UnlistedPeople } from '@gbt/auth';
import { BusinessCalendar, CHINA_PUBLIC_HOLIDAYS } from '@gbt/business-calendar';
import { CaseAccess, caseHolderCheck } from '@gbt/case-access';
import { DirectoryPeople, directoryPeopleProviders, IMPARTIALITY_POLICY, impartialityPolicyFromEnv, StaffCompetence, type ImpartialityPolicy } from '@gbt/competence';
import { auditPlanEvents, EventRegistry, reviewEvents, reviewRecordEvents, Topics } from '@gbt/contracts';
import type { JsonLogger } from '@gbt/messaging';
import { MongooseModule } from '@nestjs/mongoose';
import { aggregateProvider, CLOCK, HealthController, PlatformModule, systemClock, type Clock, type ServiceConfig } from '@gbt/platform';
import { AUDIT_PLANS, auditPlanAggregate } from './audit-plans/audit-plan.aggregate';
import { auditPlanCommandHandlers } from './audit-plans/audit-plan-commands';
import { auditPlanQueryHandlers } from './audit-plans/audit-plan-queries';
import { siteVisitsProviders } from './audit-plans/site-visits';
import { siteVisitsDueFeature } from './audit-plans/site-visits-due';
import { AuditPlansController } from './audit-plans/audit-plans.controller';
import { plansDueFeature } from './audit-plans/plans-due';
import { AuditPlanEventsConsumer, PlanSiteTasksHandler } from './audit-plans/site-tasks';
import { ForgetPlansDueHandler, RecordSurveillanceDueHandler } from './audit-plans/surveillance-due';
import { CaseEventsConsumer } from './review/case-events.consumer';
import { ESCALATION_OPTIONS, escalationSweepIntervalFromEnv, Escalations, type EscalationOptions } from './review/escalations';
import { HolidayCoverage } from './review/holiday-coverage';
import { REVIEWS, reviewAggregate } from './review/review.aggregate';
import { ReviewCase, ReviewCaseSchema } from './review/review-case.model';
import { ReviewCaseStore } from './review/review-case-store';
import { ReviewOrganisation, ReviewOrganisationSchema } from './review/review-organisation.model';
import { reviewCommandHandlers } from './review/review-commands';
import { caseOfTask } from './review/review-cycles';
import { REVIEW_POLICY, ReviewDeadlines, type ReviewPolicy } from './review/review-deadlines';
import { reviewQueryHandlers } from './review/review-queries';
import { ReviewController } from './review/review.controller';
import { queuesDashboard } from './tasks/dashboard';
import { taskCommandHandlers } from './tasks/task-commands';
import { taskQueryHandlers } from './tasks/task-queries';
import { ReleaseOnRelation } from './tasks/release-on-relation';
import { ReviewerEligibility } from './tasks/reviewer-eligibility';
import { TasksController } from './tasks/tasks.controller';
import { workListQueryHandlers } from './tasks/work-list';
import { REVIEW_QUEUE_OPTIONS, WorkQueues, type ReviewQueueOptions } from './tasks/work-queues';

export interface EvidenceReviewOptions {
  readonly config: ServiceConfig;
  readonly auth: AuthConfig;
  readonly clock?: Clock;
  readonly logger?: JsonLogger;
  readonly queues?: Partial<ReviewQueueOptions>;
  readonly escalations?: Partial<EscalationOptions>;
  readonly policy?: Partial<ReviewPolicy>;
  /** How long a relation to an organisation bars judging it; default IMPARTIALITY_RELATION_YEARS or 2 years. */
  readonly impartiality?: ImpartialityPolicy;
}

/** The evidence review service: reviewer work queues, assessments, corrective actions and SLAs. */
@Module({})
export class EvidenceReviewModule implements NestModule {
  constructor(
    @Inject(WorkQueues) private readonly queues: WorkQueues,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(DirectoryPeople) private readonly people: DirectoryPeople,
    @Inject(UNLISTED_PEOPLE) private readonly unlistedPeople: UnlistedPeople,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(queuesDashboard(this.queues, this.verifier, new StandingCheck(this.people, { unlistedPeople: this.unlistedPeople }))).forRoutes('*');
  }

  static forRoot(options: EvidenceReviewOptions): DynamicModule {
    const queues: ReviewQueueOptions = {
      claimTimeoutMs: Number(process.env.REVIEW_CLAIM_TIMEOUT_MS ?? 30 * 60_000),
      prefix: process.env.REVIEW_QUEUE_PREFIX ?? 'gbt',
      ...options.queues,
    };
    const escalations: EscalationOptions = { sweepIntervalMs: options.escalations?.sweepIntervalMs ?? escalationSweepIntervalFromEnv() };
    const policy: ReviewPolicy = { slaWorkingDays: 10, rectificationWorkingDays: 20, ...options.policy };
    return {
      module: EvidenceReviewModule,
      imports: [
        PlatformModule.forRoot({
          config: options.config,
          registry: new EventRegistry([...reviewEvents, ...reviewRecordEvents, ...auditPlanEvents]),
          topics: [Topics.review, Topics.auditPlan],
          topicFor: (event) => (event.type.startsWith('audit-plan.') ? Topics.auditPlan : Topics.review),
          logger: options.logger,
        }),
        AuthModule.forRoot(options.auth, 'evidence-review'),
        MongooseModule.forFeature([
          { name: ReviewCase.name, schema: ReviewCaseSchema },
          { name: ReviewOrganisation.name, schema: ReviewOrganisationSchema },
          ...plansDueFeature.models,
          ...siteVisitsDueFeature.models,
        ]),
      ],
      controllers: [HealthController, TasksController, ReviewController, AuditPlansController, ...plansDueFeature.controllers, ...siteVisitsDueFeature.controllers],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: REVIEW_QUEUE_OPTIONS, useValue: queues },
        { provide: ESCALATION_OPTIONS, useValue: escalations },
        { provide: REVIEW_POLICY, useValue: policy },
        { provide: IMPARTIALITY_POLICY, useValue: options.impartiality ?? impartialityPolicyFromEnv() },
        ...directoryPeopleProviders,
        StaffCompetence,
        ReviewerEligibility,
        ReleaseOnRelation,
        { provide: BusinessCalendar, useValue: new BusinessCalendar(CHINA_PUBLIC_HOLIDAYS) },
        HolidayCoverage,
        WorkQueues,
        Escalations,
        ReviewCaseStore,
        ReviewDeadlines,
        aggregateProvider(REVIEWS, reviewAggregate),
        aggregateProvider(AUDIT_PLANS, auditPlanAggregate),
        ...auditPlanCommandHandlers,
        ...auditPlanQueryHandlers,
        ...siteVisitsProviders,
        ...siteVisitsDueFeature.providers,
        PlanSiteTasksHandler,
        AuditPlanEventsConsumer,
        RecordSurveillanceDueHandler,
        ForgetPlansDueHandler,
        ...plansDueFeature.providers,
        ...reviewCommandHandlers,
        ...reviewQueryHandlers,
        ...taskCommandHandlers,
        ...taskQueryHandlers,
        ...workListQueryHandlers,
        CaseEventsConsumer,
        CaseAccess,
        { provide: HOLDER_CHECK, inject: [CaseAccess], useFactory: (access: CaseAccess) => caseHolderCheck(access, { task: caseOfTask }) },
      ],
    };
  }
}
