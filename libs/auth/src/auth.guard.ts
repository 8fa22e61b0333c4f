import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { operationKey, verdict, type OperationKey, type ServicePolicy } from '@gbt/access-policy';
import { DomainRefusal, routePattern } from '@gbt/platform';
import { HOLDER_CHECK, type HolderCheck } from './holder-check';
import { PERSON_STANDING, type PersonStanding, type UnlistedPeople } from './person-standing';
import type { Principal } from './principal';
import { StandingCheck } from './standing-check';
import { AuthenticationError, TokenVerifier } from './token-verifier';

export const ACCESS_RULES = Symbol('AccessRules');
export const UNLISTED_PEOPLE = Symbol('UnlistedPeople');

interface GuardedRequest {
  method: string;
  baseUrl?: string;
  route?: { path?: unknown };
  params: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  principal?: Principal;
}

/** The operation a request is for, named as in the policy and the OpenAPI document. */
export const operationOf = (req: Pick<GuardedRequest, 'method' | 'baseUrl' | 'route'>): OperationKey =>
  operationKey(req.method, routePattern(req) ?? '');

/**
 * Enforces the access policy (libs/access-policy) on every endpoint: the operation's rule decides
 * whether a token is needed, which roles may call it, and whether the caller must belong to the
 * addressed resource's organisation. An operation without a rule is refused: new endpoints are
 * closed until the policy names who may use them.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(ACCESS_RULES) private readonly rules: ServicePolicy,
    @Inject(ModuleRef) private readonly modules: ModuleRef,
    @Inject(UNLISTED_PEOPLE) private readonly unlistedPeople: UnlistedPeople,
  ) {}

  private standingCheck?: StandingCheck;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const operation = operationOf(request);
    const rule = Object.prototype.hasOwnProperty.call(this.rules, operation) ? this.rules[operation] : undefined;
    if (verdict(rule, null).kind === 'allow') return true;
    if (!rule) throw new DomainRefusal('access.no-rule', `${operation} has no rule in the access policy, so nobody may call it`, 403, { operation });
    const principal = await this.authenticate(request);
    const v = verdict(rule, principal);
    if (v.kind === 'forbidden') throw new DomainRefusal('access.role', `this needs one of the roles: ${v.roles.join(', ')}`, 403, { roles: v.roles });
    if (v.kind === 'allow-if-holder') await this.requireHolder(principal, rule.resource, request.params);
    const grant = rule.grants.find((g) => g.who !== 'anyone' && principal.roles.includes(g.who) && (v.kind === 'allow-if-holder' || !('relation' in g && g.relation)));
    request.principal = { ...principal, ...(grant && grant.who !== 'anyone' ? { actingAs: grant.who } : {}) };
    return true;
  }

  private async authenticate(request: GuardedRequest): Promise<Principal> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new DomainRefusal('access.token-required', 'a bearer token is required (Authorization: Bearer <token>)', 401);
    let verified: Awaited<ReturnType<TokenVerifier['verifyIssued']>>;
    try {
      verified = await this.verifier.verifyIssued(token);
    } catch (err) {
      if (err instanceof AuthenticationError) throw new DomainRefusal('access.token-invalid', err.message, 401);
      throw err;
    }
    request.principal = await this.standing().principal(verified.principal, verified.issuedAt);
    return request.principal;
  }

  /**
   * The directory's word on the token's subject, from the read model the service's root module
   * provides as PERSON_STANDING. A service without one knows nobody, so it refuses every token
   * unless unlisted people are accepted (tests).
   */
  private standing(): StandingCheck {
    this.standingCheck ??= new StandingCheck(this.lookup<PersonStanding>(PERSON_STANDING), { unlistedPeople: this.unlistedPeople });
    return this.standingCheck;
  }

  /** Another organisation's resource answers exactly as a missing one, so its existence does not leak. */
  private async requireHolder(principal: Principal, resource: { kind: Parameters<HolderCheck['isHolder']>[1]; param: string } | undefined, params: GuardedRequest['params']) {
    const id = resource && params[resource.param];
    const holders = this.holderCheck();
    if (!resource || !id || !holders) throw new DomainRefusal('access.no-rule', 'the access policy names no resource to check the holder of', 403);
    if (!(await holders.isHolder(principal, resource.kind, id))) {
      throw new DomainRefusal('access.not-found', `${resource.kind} ${id} not found`, 404, { kind: resource.kind, id });
    }
  }

  /** The service's own answer to "does this person belong to it?", provided by its root module. */
  private holderCheck(): HolderCheck | undefined {
    return this.lookup<HolderCheck>(HOLDER_CHECK);
  }

  private lookup<T>(token: symbol): T | undefined {
    try {
      return this.modules.get<T>(token, { strict: false });
    } catch {
      return undefined;
    }
  }
}
