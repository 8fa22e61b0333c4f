import { ACCESS_POLICY } from './policy';
import { ROLES, type OperationKey, type Role, type Rule, type ServiceName } from './model';

/** What the policy says of one caller for one operation, before any resource is looked at. */
export type Verdict =
  | { readonly kind: 'allow' }
  /** Allowed only if the caller belongs to the addressed resource's organisation. */
  | { readonly kind: 'allow-if-holder' }
  | { readonly kind: 'unauthenticated' }
  | { readonly kind: 'forbidden'; readonly roles: readonly Role[] }
  | { readonly kind: 'no-rule' };

/** A caller without a token is null. */
export interface Caller {
  readonly roles: readonly Role[];
}

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** "POST" and "/cases/:id/submit" (an Express route) or "/cases/{id}/submit" (OpenAPI) → "POST /cases/{id}/submit". */
export function operationKey(method: string, path: string): OperationKey {
  const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/(.)\/$/, '$1');
  // HEAD is GET without the body (Express routes it so): the same rule.
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return `${verb} ${openApiPath}` as OperationKey;
}

export function ruleFor(service: ServiceName, key: OperationKey): Rule | undefined {
  const rules = ACCESS_POLICY[service];
  return Object.prototype.hasOwnProperty.call(rules, key) ? rules[key] : undefined;
}

/** The roles a rule names, in the order of ROLES. */
export const rolesOf = (rule: Rule): Role[] => ROLES.filter((role) => rule.grants.some((g) => g.who === role));

export function verdict(rule: Rule | undefined, caller: Caller | null): Verdict {
  if (!rule) return { kind: 'no-rule' };
  if (rule.grants.some((g) => g.who === 'anyone')) return { kind: 'allow' };
  if (!caller) return { kind: 'unauthenticated' };
  const mine = rule.grants.filter((g) => g.who !== 'anyone' && caller.roles.includes(g.who));
  if (mine.some((g) => !('relation' in g && g.relation))) return { kind: 'allow' };
  if (mine.length > 0) return { kind: 'allow-if-holder' };
  return { kind: 'forbidden', roles: rolesOf(rule) };
}

/** For a UI: may someone with these roles do this at all (a holder check may still apply)? */
export function mayAttempt(service: ServiceName, key: OperationKey, roles: readonly string[]): boolean {
  const v = verdict(ruleFor(service, key), { roles: roles.filter(isRole) });
  return v.kind === 'allow' || v.kind === 'allow-if-holder';
}
