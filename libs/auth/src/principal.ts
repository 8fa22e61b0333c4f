import { STAFF_ROLES, type Role } from '@gbt/access-policy';

export { ROLES, STAFF_ROLES, type Role } from '@gbt/access-policy';

/** The authenticated person behind a request. */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** The role the access policy let this request through with: what events record as the actor's role. */
  readonly actingAs?: Role;
}

/** The role a person acts in: the one the access policy granted the request, else their first. */
export const actingRole = (p: Principal): Role | undefined => p.actingAs ?? p.roles[0];

export const hasRole = (p: Principal, ...roles: readonly Role[]): boolean => p.roles.some((r) => roles.includes(r));
export const isStaff = (p: Principal): boolean => hasRole(p, ...STAFF_ROLES);
