import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule, HOLDER_CHECK, PERSON_STANDING, type AuthConfig } from '@gbt/auth';
import { directoryEvents, EventRegistry, Topics } from '@gbt/contracts';
import { JsonLogger } from '@gbt/messaging';
import { aggregateProvider, CLOCK, HealthController, PlatformModule, systemClock, type Clock, type ServiceConfig } from '@gbt/platform';
import { accountModels } from './accounts/account.models';
import { AuthController } from './accounts/auth.controller';
import { KEYS, openKeys } from './accounts/keys';
import { LoginThrottle } from './accounts/login-throttle';
import { OneTimeTokens } from './accounts/one-time-tokens';
import { Onboarding } from './accounts/onboarding';
import { Sessions } from './accounts/sessions';
import { SignIn } from './accounts/sign-in';
import { DemoController } from './demo/demo.controller';
import { DemoSeed } from './demo/demo-seed';
import { MailOutbox } from './mail/mail-outbox';
import { OutboxMail, OutboxMailSchema } from './mail/mail.model';
import { memberCheck } from './memberships/member-check';
import { membershipCommandHandlers } from './memberships/membership-commands';
import { MEMBERSHIPS, membershipsAggregate, type Memberships } from './memberships/memberships.aggregate';
import { MembershipsController } from './memberships/memberships.controller';
import { OrganisationsConsumer } from './memberships/organisations.consumer';
import { ReportRemindersConsumer } from './mail/report-reminders.consumer';
import { OidcController } from './oidc/oidc.controller';
import { OidcSignIn } from './oidc/oidc-sign-in';
import { OidcSubject, OidcSubjectSchema } from './oidc/oidc-subject.model';
import { PendingAuthorizations } from './oidc/pending-authorizations';
import { PEOPLE, peopleAggregate, type People } from './people/people.aggregate';
import { peopleCommandHandlers } from './people/people-commands';
import { PeopleController } from './people/people.controller';
import { peopleStanding } from './people/person-standing';
import { StaffRoster, StaffRosterDocument, StaffRosterSchema } from './people/staff-roster';
import { RedisConnection } from './redis-connection';
import { DIRECTORY_SETTINGS, settingsFromEnv, type DirectorySettings } from './settings';

export interface DirectoryOptions {
  readonly config: ServiceConfig;
  readonly auth: AuthConfig;
  readonly settings?: DirectorySettings;
  /** Where Redis keys start (throttle counts, the mail queue); test runs use one of their own. */
  readonly redisPrefix?: string;
  readonly clock?: Clock;
  readonly logger?: JsonLogger;
}

/** The directory service: people, roles, competence, relations, organisations' members, and built-in sign-in. */
@Module({})
export class DirectoryModule {
  static forRoot(options: DirectoryOptions): DynamicModule {
    const settings = options.settings ?? settingsFromEnv();
    return {
      module: DirectoryModule,
      imports: [
        PlatformModule.forRoot({
          config: options.config,
          registry: new EventRegistry(directoryEvents),
          topics: [Topics.directory],
          topicFor: () => Topics.directory,
          logger: options.logger,
        }),
        AuthModule.forRoot(options.auth, 'directory'),
        MongooseModule.forFeature([...accountModels, { name: OutboxMail.name, schema: OutboxMailSchema }, { name: StaffRosterDocument.name, schema: StaffRosterSchema }, { name: OidcSubject.name, schema: OidcSubjectSchema }]),
      ],
      controllers: [HealthController, AuthController, OidcController, PeopleController, MembershipsController, DemoController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: DIRECTORY_SETTINGS, useValue: settings },
        { provide: KEYS, inject: [JsonLogger], useFactory: (logger: JsonLogger) => openKeys(settings, logger) },
        { provide: RedisConnection, useFactory: () => new RedisConnection(options.config.redisUrl, options.redisPrefix ?? process.env.DIRECTORY_REDIS_PREFIX ?? 'directory') },
        aggregateProvider(PEOPLE, peopleAggregate),
        aggregateProvider(MEMBERSHIPS, membershipsAggregate),
        { provide: HOLDER_CHECK, inject: [MEMBERSHIPS], useFactory: (memberships: Memberships) => memberCheck(memberships) },
        { provide: PERSON_STANDING, inject: [PEOPLE], useFactory: (people: People) => peopleStanding(people) },
        ...peopleCommandHandlers,
        ...membershipCommandHandlers,
        Sessions,
        StaffRoster,
        SignIn,
        LoginThrottle,
        OneTimeTokens,
        Onboarding,
        MailOutbox,
        OrganisationsConsumer,
        ReportRemindersConsumer,
        DemoSeed,
        PendingAuthorizations,
        OidcSignIn,
      ],
    };
  }
}
