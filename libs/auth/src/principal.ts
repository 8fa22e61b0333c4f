export const ROLES = ['applicant', 'reviewer', 'lead-reviewer', 'decision-maker', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated person behind a request. */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

export const STAFF_ROLES: readonly Role[] = ['reviewer', 'lead-reviewer', 'decision-maker', 'administrator'];

export const hasRole = (p: Principal, ...roles: readonly Role[]): boolean => p.roles.some((r) => roles.includes(r));
export const isStaff = (p: Principal): boolean => hasRole(p, ...STAFF_ROLES);
