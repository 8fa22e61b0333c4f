import type { CaseCommandType } from './commands';
import type { CaseStatus } from './state';

export const CASE_STATUSES: readonly CaseStatus[] = [
  'none',
  'draft',
  'submitted',
  'refused',
  'application-withdrawn',
  'under-evaluation',
  'not-certified',
  'decision-pending',
  'certified',
  'suspended',
  'recertifying',
  'withdrawn',
  'cancelled',
  'expired',
];

export interface Transition {
  /** The states in which the command may be given; in any other it fails with NotAllowedInState. */
  readonly from: readonly CaseStatus[];
  /** From each of those states, the states it can lead to (which one depends on the data and the guards). */
  readonly to: Readonly<Partial<Record<CaseStatus, readonly CaseStatus[]>>>;
  readonly summary: string;
}

type Moves = Partial<Record<CaseStatus, readonly CaseStatus[]>>;

// Who may give each command is the access policy's (libs/access-policy), not repeated here.
const t = (summary: string, to: Moves): Transition => ({ from: Object.keys(to) as CaseStatus[], to, summary });
/** The command changes the case but not its status. */
const stays = (statuses: readonly CaseStatus[]): Moves => Object.fromEntries(statuses.map((s) => [s, [s]]));

const open: readonly CaseStatus[] = ['draft', 'submitted', 'under-evaluation', 'decision-pending', 'certified', 'suspended', 'recertifying'];
const evaluating: readonly CaseStatus[] = ['under-evaluation', 'recertifying'];

/** The lifecycle as data: the decider enforces it, the tests walk all of it, docs/lifecycle.md is generated from it. */
export const TRANSITIONS: Readonly<Record<CaseCommandType, Transition>> = {
  'draft-application': t('start an application for an organisation', { none: ['draft'] }),
  'edit-application': t('change the requested scope', stays(['draft'])),
  'attach-evidence': t('attach an evidence document to a catalogue requirement',
    stays(['draft', 'submitted', 'under-evaluation', 'recertifying']),
  ),
  'detach-evidence': t('remove a document before submission', stays(['draft'])),
  'submit-application': t('submit (needs a scope and at least one document)', { draft: ['submitted'] }),
  'withdraw-application': t('withdraw the application before a certificate exists', {
    draft: ['application-withdrawn'],
    submitted: ['application-withdrawn'],
    'under-evaluation': ['application-withdrawn'],
    'decision-pending': ['application-withdrawn'],
  }),
  'accept-application': t('application review passed: contract, evaluation starts', { submitted: ['under-evaluation'] }),
  'refuse-application': t('application review failed, with the reason', { submitted: ['refused'] }),
  'reopen-application': t('an appeal against the refusal was upheld: the application is reviewed again (not by who refused it)', { refused: ['submitted'] }),
  'declare-conflict-of-interest': t('bar a person from evaluating or deciding this case', stays(open)),
  'assign-evaluator': t('add a person to the evaluation team', stays(evaluating)),
  'complete-document-review': t('document review done; on-site evaluation next', stays(evaluating)),
  'complete-on-site-evaluation': t('on-site evaluation done; ready for scoring', stays(evaluating)),
  'record-nonconformity': t('a finding that needs corrective action by a date', stays(evaluating)),
  'close-nonconformity': t('corrective action verified (not by the finder)', stays(evaluating)),
  'record-score': t('the scorecard: < 70 or >= 5 special deductions fails', {
    'under-evaluation': ['decision-pending', 'not-certified'],
    recertifying: ['recertifying', 'certified'],
  }),
  'grant-certification': t('certify at a level the scorecard supports; a new 3-year certificate', {
    'decision-pending': ['certified'],
    recertifying: ['certified'],
  }),
  'deny-certification': t('refuse certification (a refused recertification leaves the running certificate)', {
    'decision-pending': ['not-certified'],
    recertifying: ['certified'],
  }),
  'reopen-decision': t('an appeal against the denial was upheld: the case is decided again (by another decision maker)', {
    'not-certified': ['decision-pending'],
  }),
  'reopen-level-decision': t('an appeal against the level granted was upheld: the level is decided again (by another decision maker); the certificate stays valid meanwhile', stays(['certified', 'suspended'])),
  'redecide-level': t('the level decided again after an upheld appeal (the scorecard bounds it): the same certificate re-issued at that level', stays(['certified', 'suspended'])),
  'set-aside-withdrawal': t('an appeal against the withdrawal was upheld: back to the status before it, if the validity has not ended', {
    withdrawn: ['certified', 'suspended'],
  }),
  'mark-surveillance-due': t('the yearly surveillance falls due', stays(['certified'])),
  'record-surveillance': t('surveillance passed, or failed and suspended', { certified: ['certified', 'suspended'] }),
  'suspend-certificate': t('temporarily invalid, with reason and deadline', { certified: ['suspended'] }),
  'reinstate-certificate': t('the fix was verified', { suspended: ['certified'] }),
  'withdraw-certificate': t('撤销: serious breach or unresolved suspension', { certified: ['withdrawn'], suspended: ['withdrawn'] }),
  'cancel-certificate': t("注销: at the holder's request", { certified: ['cancelled'], suspended: ['cancelled'] }),
  'expire-certificate': t('validity ended without recertification', {
    certified: ['expired'],
    suspended: ['expired'],
    recertifying: ['expired'],
  }),
  'change-scope': t('scope extension or reduction', stays(['certified'])),
  'start-recertification': t('start a new evaluation within the window before expiry', { certified: ['recertifying'] }),
  'reach-deadline': t('a timer: surveillance due or overdue (suspends), suspension deadline (withdraws), expiry; nothing if its date no longer holds', {
    certified: ['certified', 'suspended', 'expired'],
    suspended: ['suspended', 'withdrawn', 'expired'],
    recertifying: ['recertifying', 'expired'],
    withdrawn: ['withdrawn'],
    cancelled: ['cancelled'],
    expired: ['expired'],
  }),
};
