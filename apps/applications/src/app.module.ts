import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule, HOLDER_CHECK, type AuthConfig } from '@gbt/auth';
import { directoryPeopleProviders } from '@gbt/competence';
import { certificationCaseEvents, EventRegistry, organisationEvents, requestReplyEvents, Topics } from '@gbt/contracts';
import { JsonLogger } from '@gbt/messaging';
import { aggregateProvider, CLOCK, HealthController, PlatformModule, systemClock, type Clock, type ServiceConfig } from '@gbt/platform';
import { ApplicationsHolderCheck } from './access/holder-check';
import { CaseActionsController } from './cases/case-actions.controller';
import { caseCommandHandlers } from './cases/case-commands';
import { caseQueryHandlers } from './cases/case-queries';
import { caseAggregate, CASES } from './cases/case.aggregate';
import { CasesController } from './cases/cases.controller';
import { EvidenceController } from './evidence/evidence.controller';
import { EVIDENCE_FILES, LocalDiskFileStore, type EvidenceFileStore } from './evidence/file-store';
import { organisationCommandHandlers } from './organisations/organisation-commands';
import { DirectoryMembers, DirectoryMembersSchema, OrganisationMembers } from './organisations/organisation-members';
import { organisationQueryHandlers } from './organisations/organisation-queries';
import { organisationAggregate, ORGANISATIONS } from './organisations/organisation.aggregate';
import { OrganisationsController } from './organisations/organisations.controller';
import { LifecycleProcessManager } from './process-manager/lifecycle-process-manager';
import { AnswerRequestHandler, REPLIES, replyAggregate } from './process-manager/request-replies';
import { CaseIndex } from './projections/case-index';
import { caseListHandlers } from './projections/case-list-queries';
import { CaseListController } from './projections/case-list.controller';
import { CaseListProjector } from './projections/case-list.projector';
import { MyOrganisationsController, MyOrganisationsHandler } from './projections/my-organisations';
import { caseListModels } from './projections/read-models';

export interface ApplicationsOptions {
  readonly config: ServiceConfig;
  readonly auth: AuthConfig;
  readonly clock?: Clock;
  readonly files?: EvidenceFileStore;
  readonly logger?: JsonLogger;
}

export const applicationsRegistry = () => new EventRegistry([...certificationCaseEvents, ...organisationEvents, ...requestReplyEvents]);

/** Organisations, answers to other services' requests, and the lifecycle: each stream kind on its own topic. */
const topicOf = (streamId: string) => (streamId.startsWith('org-') ? Topics.organisation : streamId.startsWith('reply-') ? Topics.certificationReplies : Topics.certificationCase);

/** The applications service: organisations, applications and their documents, and the lifecycle stream it alone writes. */
@Module({})
export class ApplicationsModule {
  static forRoot(options: ApplicationsOptions): DynamicModule {
    const evidenceDir = process.env.EVIDENCE_DIR ?? join(process.cwd(), '.infra', 'evidence', options.config.database);
    return {
      module: ApplicationsModule,
      imports: [
        PlatformModule.forRoot({
          config: options.config,
          registry: applicationsRegistry(),
          topics: [Topics.certificationCase, Topics.organisation, Topics.certificationReplies],
          topicFor: (event) => topicOf(event.streamId),
          logger: options.logger,
        }),
        AuthModule.forRoot(options.auth, 'applications'),
        MongooseModule.forFeature([...caseListModels, { name: DirectoryMembers.name, schema: DirectoryMembersSchema }]),
      ],
      controllers: [HealthController, OrganisationsController, CasesController, CaseActionsController, EvidenceController, CaseListController, MyOrganisationsController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: EVIDENCE_FILES, useValue: options.files ?? new LocalDiskFileStore(evidenceDir) },
        aggregateProvider(CASES, caseAggregate),
        aggregateProvider(ORGANISATIONS, organisationAggregate),
        aggregateProvider(REPLIES, replyAggregate),
        ...caseCommandHandlers,
        ...caseQueryHandlers,
        ...organisationCommandHandlers,
        ...organisationQueryHandlers,
        AnswerRequestHandler,
        CaseIndex,
        CaseListProjector,
        ...caseListHandlers,
        MyOrganisationsHandler,
        LifecycleProcessManager,
        { provide: HOLDER_CHECK, useClass: ApplicationsHolderCheck },
        ...directoryPeopleProviders,
        OrganisationMembers,
      ],
    };
  }
}
