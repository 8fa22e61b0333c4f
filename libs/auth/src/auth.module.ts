import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ACCESS_POLICY, type ServiceName, type ServicePolicy } from '@gbt/access-policy';
import { ACCESS_RULES, AuthGuard, UNLISTED_PEOPLE } from './auth.guard';
import { TokenVerifier, type AuthConfig } from './token-verifier';

@Module({})
export class AuthModule {
  /** Guards every endpoint of `service` with its part of the access policy (a test may give its own rules). */
  static forRoot(config: AuthConfig, service: ServiceName, rules: ServicePolicy = ACCESS_POLICY[service]): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(config) },
        { provide: ACCESS_RULES, useValue: rules },
        { provide: UNLISTED_PEOPLE, useValue: config.unlistedPeople ?? 'refuse' },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier, ACCESS_RULES, UNLISTED_PEOPLE],
    };
  }
}
