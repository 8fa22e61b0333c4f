import { ruleFor, rolesOf } from './decide';
import type { OperationKey, ServiceName } from './model';

type Via = { readonly service: ServiceName; readonly operation: OperationKey };
const via = (service: ServiceName, operation: OperationKey): Via => ({ service, operation });

/**
 * Which request gives each lifecycle command (the applications service runs them; the others
 * cause theirs through events), or "system" for what timers and other services' results do.
 */
export const COMMAND_SOURCES: Readonly<Record<string, readonly Via[] | 'system'>> = {
  'draft-application': [via('applications', 'POST /cases')],
  'edit-application': [via('applications', 'PUT /cases/{id}/scope')],
  'attach-evidence': [via('applications', 'POST /cases/{id}/evidence')],
  'detach-evidence': [via('applications', 'DELETE /cases/{id}/evidence/{documentId}')],
  'submit-application': [via('applications', 'POST /cases/{id}/submit')],
  'withdraw-application': [via('applications', 'POST /cases/{id}/withdraw')],
  'accept-application': [via('applications', 'POST /cases/{id}/accept')],
  'refuse-application': [via('applications', 'POST /cases/{id}/refuse')],
  'declare-conflict-of-interest': [via('applications', 'POST /cases/{id}/conflicts-of-interest')],
  'assign-evaluator': [via('evidence-review', 'POST /queues/{queue}/claim')],
  'complete-document-review': [via('evidence-review', 'POST /tasks/{taskId}/complete')],
  'complete-on-site-evaluation': [via('evidence-review', 'POST /tasks/{taskId}/complete')],
  'record-nonconformity': [via('evidence-review', 'POST /tasks/{taskId}/assessments')],
  'close-nonconformity': [via('evidence-review', 'POST /cases/{caseId}/nonconformities/{nonconformityId}/verification')],
  'record-score': 'system',
  'grant-certification': [via('certificates', 'POST /cases/{caseId}/decision')],
  'deny-certification': [via('certificates', 'POST /cases/{caseId}/decision')],
  'reopen-decision': [via('certificates', 'POST /cases/{caseId}/appeals/{appealId}/outcome')],
  'reopen-application': [via('certificates', 'POST /cases/{caseId}/appeals/{appealId}/outcome')],
  'reopen-level-decision': [via('certificates', 'POST /cases/{caseId}/appeals/{appealId}/outcome')],
  'redecide-level': [via('certificates', 'POST /cases/{caseId}/decision')],
  'set-aside-withdrawal': [via('certificates', 'POST /cases/{caseId}/appeals/{appealId}/outcome')],
  'mark-surveillance-due': 'system',
  'record-surveillance': [via('certificates', 'POST /certificates/{number}/surveillance'), via('certificates', 'POST /complaints/{reference}/extraordinary-surveillance/result')],
  'suspend-certificate': [via('certificates', 'POST /certificates/{number}/suspension'), via('certificates', 'POST /complaints/{reference}/closure')],
  'reinstate-certificate': [via('certificates', 'POST /certificates/{number}/reinstatement')],
  'withdraw-certificate': [via('certificates', 'POST /certificates/{number}/withdrawal')],
  'cancel-certificate': [via('certificates', 'POST /certificates/{number}/cancellation')],
  'expire-certificate': 'system',
  'change-scope': [via('certificates', 'POST /certificates/{number}/scope')],
  'start-recertification': [via('applications', 'POST /cases/{id}/recertification')],
  'reach-deadline': 'system',
};

/** Who may give a command, in the policy's words: "applicant (holder), administrator", or "system". */
export function whoGives(command: string): string {
  const sources = COMMAND_SOURCES[command];
  if (!sources) throw new Error(`the access policy does not say who gives ${command}`);
  if (sources === 'system') return 'system';
  const who = new Set<string>();
  for (const { service, operation } of sources) {
    const rule = ruleFor(service, operation);
    if (!rule) throw new Error(`${command} is given by ${service} ${operation}, which has no rule`);
    for (const role of rolesOf(rule)) who.add(rule.grants.some((g) => g.who === role && 'relation' in g && g.relation === 'holder') ? `${role} (holder)` : role);
  }
  return [...who].join(', ');
}
