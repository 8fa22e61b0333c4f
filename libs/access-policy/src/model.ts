export const ROLES = ['applicant', 'reviewer', 'lead-reviewer', 'decision-maker', 'administrator'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ['reviewer', 'lead-reviewer', 'decision-maker', 'administrator'];

export const SERVICES = ['applications', 'evidence-review', 'scoring', 'certificates', 'directory', 'console'] as const;
export type ServiceName = (typeof SERVICES)[number];
/** The services behind the console's /api/<service>/ prefix. */
export type BackendService = Exclude<ServiceName, 'console'>;

/** What a path parameter names, so "holder" can be decided: the organisation a case, task or certificate belongs to. */
export type ResourceKind = 'case' | 'organisation' | 'certificate' | 'task';

/**
 * Who may call an operation: anyone (no token), any person holding a role, or a person holding a
 * role who also belongs to the organisation the addressed resource belongs to (its holder).
 */
export type Grant = { readonly who: 'anyone' } | { readonly who: Role; readonly relation?: 'holder' };

/**
 * Conditions the owning service checks on top of the grant, each refused with its own code:
 * they depend on the resource's state (who found a nonconformity, who holds a task), not on who asks.
 */
export const DOMAIN_CONDITIONS = {
  'claim-holder': 'only the reviewer who holds the task claim',
  'not-finder': 'not the reviewer who raised the nonconformity',
  'not-evaluator': 'not a person who evaluated the case',
  'no-conflict-of-interest': 'not a person with a declared conflict of interest with the applicant',
  'in-directory': 'only a person the directory lists as active (NotInDirectory, PersonDisabled)',
  'qualified-for-scope': "only a person qualified, on that day in Shanghai, for every product category of the case's scope (NotQualified, QualificationExpired)",
  'not-related-to-organisation': 'not a person related to the applicant organisation now or within the impartiality window, 2 years by default (RelatedToOrganisation)',
  'not-appealed-decider': 'not the decision maker who took the decision appealed against',
  'appeal-handler': 'only the decision maker who handles the appeal',
  'own-organisation': 'only for an organisation the applicant is a member of',
  'own-cases-only': "an applicant sees only its organisations' cases",
  'demo-mode-only': 'only while demo mode is on; otherwise 404',
} as const;
export type DomainCondition = keyof typeof DOMAIN_CONDITIONS;

export interface Rule {
  readonly grants: readonly Grant[];
  /** Where "holder" is read from; required when a grant has relation "holder". */
  readonly resource?: { readonly kind: ResourceKind; readonly param: string };
  readonly conditions?: readonly DomainCondition[];
}

/** Operations are named as in the services' OpenAPI documents: "POST /cases/{id}/submit". */
export type OperationKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;
export type ServicePolicy = Readonly<Record<OperationKey, Rule>>;
