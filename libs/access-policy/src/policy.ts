import { ROLES, STAFF_ROLES, type DomainCondition, type Grant, type ResourceKind, type Role, type ServiceName, type ServicePolicy, type Rule } from './model';

const ANYONE: Rule = { grants: [{ who: 'anyone' }] };
const grantsOf = (roles: readonly Role[]): Grant[] => roles.map((who) => ({ who }));
const only = (roles: readonly Role[], conditions?: readonly DomainCondition[]): Rule => ({ grants: grantsOf(roles), ...(conditions ? { conditions } : {}) });
/** The applicant who belongs to the resource's organisation, and the given staff roles. */
const holderAnd = (kind: ResourceKind, param: string, roles: readonly Role[] = [], conditions?: readonly DomainCondition[]): Rule => ({
  grants: [{ who: 'applicant', relation: 'holder' }, ...grantsOf(roles)],
  resource: { kind, param },
  ...(conditions ? { conditions } : {}),
});

const STAFF = STAFF_ROLES;
const REVIEWERS: readonly Role[] = ['reviewer', 'lead-reviewer', 'administrator'];
const ACCEPTORS: readonly Role[] = ['administrator', 'lead-reviewer'];
const REPORTERS: readonly Role[] = ['administrator', 'decision-maker'];
/** Who handles complaints (ADR 0035): triage, requests to the holder, ordering surveillance; they alone read a complainant's contact details. */
const COMPLAINT_HANDLERS: readonly Role[] = ['decision-maker', 'administrator', 'lead-reviewer'];
/** Whoever reviews or decides a case: the directory's competence and impartiality checks (ADR 0032). */
const JUDGE: readonly DomainCondition[] = ['in-directory', 'qualified-for-scope', 'not-related-to-organisation'];

/** Every service answers these the same way: probes and Prometheus scrapes carry no token. */
const OPERATIONAL: ServicePolicy = {
  'GET /health': ANYONE,
  'GET /health/live': ANYONE,
  'GET /health/ready': ANYONE,
  'GET /metrics': ANYONE,
};

/**
 * The one access policy: who may call every operation of every service. The services' guard
 * enforces it (an operation missing here is refused), the console hides what it does not allow,
 * docs/access-matrix.md is generated from it, and a test calls every OpenAPI operation as every
 * kind of caller and compares the answers with it.
 */
export const ACCESS_POLICY: Readonly<Record<ServiceName, ServicePolicy>> = {
  applications: {
    ...OPERATIONAL,
    'POST /organisations': only(['applicant', 'administrator']),
    // Always the caller's own organisations: nothing of another organisation to hide.
    'GET /me/organisations': only(['applicant']),
    'GET /organisations/{id}': holderAnd('organisation', 'id', STAFF),
    'PUT /organisations/{id}': holderAnd('organisation', 'id', ['administrator']),
    'GET /cases': { ...only(['applicant', ...STAFF]), conditions: ['own-cases-only'] },
    'POST /cases': only(['applicant'], ['own-organisation']),
    'GET /cases/{id}': holderAnd('case', 'id', STAFF),
    'GET /cases/{id}/history': holderAnd('case', 'id', STAFF),
    'PUT /cases/{id}/scope': holderAnd('case', 'id'),
    'POST /cases/{id}/submit': holderAnd('case', 'id'),
    'POST /cases/{id}/withdraw': holderAnd('case', 'id'),
    'POST /cases/{id}/recertification': holderAnd('case', 'id'),
    'POST /cases/{id}/accept': only(ACCEPTORS),
    'POST /cases/{id}/refuse': only(ACCEPTORS),
    'POST /cases/{id}/conflicts-of-interest': only(STAFF),
    'POST /cases/{id}/evidence': holderAnd('case', 'id'),
    'GET /cases/{id}/evidence/{documentId}': holderAnd('case', 'id', STAFF),
    'DELETE /cases/{id}/evidence/{documentId}': holderAnd('case', 'id'),
    'POST /admin/read-models/rebuild': only(['administrator']),
  },
  'evidence-review': {
    ...OPERATIONAL,
    'GET /queues': only(REVIEWERS),
    'GET /work-list': only(REVIEWERS),
    'POST /queues/{queue}/claim': only(REVIEWERS, ['no-conflict-of-interest', ...JUDGE]),
    'GET /tasks/{taskId}': only(REVIEWERS),
    'POST /tasks/{taskId}/release': only(REVIEWERS, ['claim-holder']),
    'GET /tasks/{taskId}/eligible-reviewers': only(['lead-reviewer']),
    'POST /tasks/{taskId}/reassign': only(['lead-reviewer'], ['no-conflict-of-interest', ...JUDGE]),
    'POST /tasks/{taskId}/assessments': only(REVIEWERS, ['claim-holder']),
    'POST /tasks/{taskId}/special-items': only(REVIEWERS, ['claim-holder']),
    'POST /tasks/{taskId}/information-requests': only(REVIEWERS, ['claim-holder']),
    'POST /tasks/{taskId}/information': holderAnd('task', 'taskId'),
    'POST /tasks/{taskId}/complete': only(REVIEWERS, ['claim-holder']),
    'GET /cases/{caseId}/review': holderAnd('case', 'caseId', STAFF),
    'GET /cases/{caseId}/threads': holderAnd('case', 'caseId', STAFF),
    'POST /cases/{caseId}/nonconformities/{nonconformityId}/corrections': holderAnd('case', 'caseId'),
    'POST /cases/{caseId}/nonconformities/{nonconformityId}/verification': only(['reviewer', 'lead-reviewer'], ['not-finder']),
    'POST /cases/{caseId}/waiver': only(['lead-reviewer']),
    // Audit plans (issue 19, ADR 0027): the lead plans, the applicant confirms or asks for a change; team members are checked in the handler.
    'GET /cases/{caseId}/audit-plans': holderAnd('case', 'caseId', STAFF),
    'POST /cases/{caseId}/audit-plans/{kind}': only(['lead-reviewer']),
    'POST /cases/{caseId}/audit-plans/{kind}/confirmation': holderAnd('case', 'caseId'),
    'POST /cases/{caseId}/audit-plans/{kind}/change-requests': holderAnd('case', 'caseId'),
    'POST /cases/{caseId}/audit-plans/{kind}/cancellation': only(['lead-reviewer']),
    // The service also checks that the giver is an auditor of the plan's team.
    'POST /cases/{caseId}/audit-plans/{kind}/site-visits': only(['reviewer', 'lead-reviewer']),
    'GET /audit-plans/due': only(['lead-reviewer', 'administrator']),
    'GET /site-visits': only(['reviewer', 'lead-reviewer']),
    'GET /queues-dashboard': only(['lead-reviewer', 'administrator']),
  },
  scoring: {
    ...OPERATIONAL,
    'GET /catalogues': ANYONE,
    'GET /catalogues/{version}': ANYONE,
    'POST /catalogues': only(['administrator']),
    'GET /cases/{caseId}/scorecards': holderAnd('case', 'caseId', STAFF),
    'POST /cases/{caseId}/what-if': holderAnd('case', 'caseId', STAFF),
    'POST /cases/{caseId}/scorecards/{scorecardId}/corrections': only(ACCEPTORS),
    'POST /cases/{caseId}/rescore': only(ACCEPTORS),
  },
  certificates: {
    ...OPERATIONAL,
    'GET /cases/{caseId}/decision-basis': only(['decision-maker', 'administrator', 'lead-reviewer']),
    'POST /cases/{caseId}/decision': only(['decision-maker'], ['not-evaluator', 'no-conflict-of-interest', ...JUDGE]),
    'GET /cases/{caseId}/requests/{requestId}': holderAnd('case', 'caseId', STAFF),
    'POST /certificates/{number}/surveillance': only(['reviewer', 'lead-reviewer']),
    'POST /certificates/{number}/suspension': only(['decision-maker']),
    // Appeals (ADR 0033): the holder appeals a decision of its case; a decision maker who took no part in it handles the appeal.
    'GET /cases/{caseId}/appeals': holderAnd('case', 'caseId', STAFF),
    'POST /cases/{caseId}/appeals': holderAnd('case', 'caseId'),
    'POST /cases/{caseId}/appeals/{appealId}/handler': only(['decision-maker'], ['not-evaluator', 'no-conflict-of-interest', 'not-appealed-decider', ...JUDGE]),
    'POST /cases/{caseId}/appeals/{appealId}/outcome': only(['decision-maker'], ['appeal-handler']),
    'GET /appeals': only(['decision-maker', 'administrator']),
    'POST /certificates/{number}/reinstatement': only(['decision-maker']),
    'POST /certificates/{number}/withdrawal': only(['decision-maker']),
    // The holder asks; an administrator may record the holder's written request.
    'POST /certificates/{number}/cancellation': holderAnd('certificate', 'number', ['administrator']),
    'POST /certificates/{number}/scope': only(['decision-maker']),
    'GET /registry/certificates': ANYONE,
    'GET /registry/certificates/{number}': ANYONE,
    'GET /registry/certificates/{number}/validity': ANYONE,
    'GET /registry/certificates/{number}/certificate.json': ANYONE,
    'GET /registry/certificates/{number}/certificate.pdf': ANYONE,
    'GET /verify/{number}': ANYONE,
    'GET /.well-known/certificate-keys.json': ANYONE,
    // The public log of status changes (ADR 0030): anyone may audit the registry.
    'GET /log/tree-heads/latest': ANYONE,
    'GET /log/tree-heads/{size}': ANYONE,
    'GET /log/leaves': ANYONE,
    'GET /log/proofs/inclusion': ANYONE,
    'GET /log/proofs/consistency': ANYONE,
    'GET /log/certificates/{number}': ANYONE,
    'GET /.well-known/log-keys.json': ANYONE,
    // Reports to the regulator and registry exports (ADR 0029): the people who answer for the register.
    'GET /reports/monthly': only(REPORTERS),
    'POST /reports/monthly/{period}': only(REPORTERS),
    'GET /reports/monthly/{period}/{sequence}': only(REPORTERS),
    'GET /reports/monthly/{period}/{sequence}/report.xlsx': only(REPORTERS),
    'GET /exports/iaf-certsearch': only(REPORTERS),
    'GET /open-data/certificates': ANYONE,
    // Complaints (ADR 0035): anyone files one, rate limited per client address (COMPLAINT_RATE_LIMIT_PER_HOUR, 429);
    // the registry shows counts only; the holder sees its case's complaints and answers requests; a reviewer records
    // the extraordinary surveillance as any surveillance; a decision maker closes (a founded complaint may suspend).
    'POST /complaints': ANYONE,
    'GET /registry/certificates/{number}/complaints': ANYONE,
    'GET /complaints': only(COMPLAINT_HANDLERS),
    'GET /complaints/{reference}': only(COMPLAINT_HANDLERS),
    'POST /complaints/{reference}/triage': only(COMPLAINT_HANDLERS),
    'POST /complaints/{reference}/information-requests': only(COMPLAINT_HANDLERS),
    'POST /complaints/{reference}/extraordinary-surveillance': only(COMPLAINT_HANDLERS),
    'POST /complaints/{reference}/extraordinary-surveillance/result': only(['reviewer', 'lead-reviewer']),
    'POST /complaints/{reference}/closure': only(['decision-maker']),
    'GET /cases/{caseId}/complaints': holderAnd('case', 'caseId', COMPLAINT_HANDLERS),
    'POST /cases/{caseId}/complaints/{reference}/information': holderAnd('case', 'caseId'),
  },
  directory: {
    ...OPERATIONAL,
    // Sign-in is public; the directory throttles it per account and client address.
    'POST /auth/sign-in': ANYONE,
    'POST /auth/refresh': ANYONE,
    'POST /auth/sign-out': ANYONE,
    'POST /auth/registration': ANYONE,
    'POST /auth/password-reset': ANYONE,
    'POST /auth/password-reset/confirmation': ANYONE,
    'POST /auth/totp-enrolment': ANYONE,
    'POST /auth/totp-enrolment/confirmation': ANYONE,
    // Sign-in with the body's identity provider (OIDC): public like the password; the state, PKCE and the ID token are checked.
    'GET /auth/oidc': ANYONE,
    'POST /auth/oidc/authorization': ANYONE,
    'POST /auth/oidc/sign-in': ANYONE,
    'POST /invitations/acceptance': ANYONE,
    'GET /.well-known/jwks.json': ANYONE,
    'POST /demo/sign-in': { ...ANYONE, conditions: ['demo-mode-only'] },
    'GET /demo/mails': { ...ANYONE, conditions: ['demo-mode-only'] },
    'GET /me': only(ROLES),
    'POST /me/totp-enrolment': only(ROLES),
    // Staff declare their own relations (ISO/IEC 17065 4.2); retracting one stays the administrator's, so nobody clears their own conflict.
    'POST /me/relations': only(STAFF),
    'POST /staff': only(['administrator']),
    'GET /staff': only(['administrator']),
    'GET /people/{personId}': only(['administrator']),
    'GET /people/{personId}/history': only(['administrator']),
    'PUT /people/{personId}/name': only(['administrator']),
    'PUT /people/{personId}/roles': only(['administrator']),
    'POST /people/{personId}/disable': only(['administrator']),
    'POST /people/{personId}/enable': only(['administrator']),
    'POST /people/{personId}/removal': only(['administrator']),
    'POST /people/{personId}/qualifications': only(['administrator']),
    'POST /people/{personId}/qualifications/{qualificationId}/withdrawal': only(['administrator']),
    'POST /people/{personId}/relations': only(['administrator']),
    'POST /people/{personId}/relations/{relationId}/retraction': only(['administrator']),
    'GET /organisations/{organisationId}/members': holderAnd('organisation', 'organisationId', ['administrator']),
    'POST /organisations/{organisationId}/invitations': holderAnd('organisation', 'organisationId', ['administrator']),
    'POST /organisations/{organisationId}/invitations/{invitationId}/revocation': holderAnd('organisation', 'organisationId', ['administrator']),
    'POST /organisations/{organisationId}/members/{personId}/departure': holderAnd('organisation', 'organisationId', ['administrator']),
  },
  console: {
    'GET /health': ANYONE,
    'GET /auth/config': ANYONE,
    'GET /auth/demo-users': { ...ANYONE, conditions: ['demo-mode-only'] },
    'GET /{page}': ANYONE,
  },
};
