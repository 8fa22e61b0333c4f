import {
  acceptApplication,
  attachEvidence,
  CAST,
  draftApplication,
  EVIDENCE,
  newCreditCode,
  readCase,
  registerOrganisation,
  send,
  submitApplication,
  UnexpectedReply,
  type DecisionBasis,
  type CaseView,
  type Platform,
  type ReviewView,
} from '../scenario';
import { persist, transient, type ReviewerPool } from './persist';

export interface CaseRun {
  readonly index: number;
  readonly creditCode: string;
  caseId?: string;
  certificateNumber?: string;
  status?: string;
  error?: string;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const refusedAs = (err: unknown, ...codes: string[]) => codes.some((c) => String(err).includes(c));

/**
 * Drives one application to an issued certificate by looking at where the case stands and doing
 * the next thing, so it carries on from wherever a crash left it (a step whose answer was lost is
 * seen as done on the next look rather than done twice).
 */
export async function driveToCertificate(platform: Platform, run: CaseRun, reviewers: ReviewerPool, counters: { retries: number }, deadline: number): Promise<void> {
  const p = <T>(what: string, step: () => Promise<T>) => persist(`case ${run.index} ${what}`, step, counters, deadline);
  const org = await p('register', () =>
    registerOrganisation(platform, CAST.applicant, { name: `演练企业 ${run.index} Drill Co ${run.index}`, creditCode: run.creditCode }).catch(async (err: unknown) => {
      // Registered already by an attempt whose answer was lost.
      if (err instanceof UnexpectedReply && err.status === 409) return { organisationId: `org-${run.creditCode}` };
      throw err;
    }),
  );
  run.caseId = (await p('draft', () => draftApplication(platform, CAST.applicant, org.organisationId))).caseId;
  const caseId = run.caseId;
  for (const [requirementId, fileName] of Object.entries(EVIDENCE)) await p(`attach ${requirementId}`, () => attachEvidence(platform, CAST.applicant, caseId, requirementId, fileName));

  while (Date.now() < deadline) {
    const view: CaseView = await p('read', () => readCase(platform, CAST.applicant, caseId));
    run.status = view.status;
    if (view.status === 'certified' && view.certificate) {
      run.certificateNumber = view.certificate.number;
      return;
    }
    // Each step is tried once per look: after a failure the case is read again, because the
    // step may have gone through before its answer was lost.
    try {
      if (view.status === 'draft') await submitApplication(platform, CAST.applicant, caseId);
      else if (view.status === 'submitted') await acceptApplication(platform, CAST.lead, caseId);
      else if (view.status === 'under-evaluation') await reviewers.run(run.index, (reviewer) => reviewRemaining(platform, caseId, reviewer));
      else if (view.status === 'decision-pending') await decide(platform, caseId);
      else throw new Error(`case ${run.index} reached ${view.status}, which this drill never leads to`);
    } catch (err) {
      if (!transient(err) && !refusedAs(err, 'NotAllowedInState', 'AlreadyDecided', 'AlreadyAssessed', 'TaskCompleted')) throw err;
      counters.retries++;
    }
    await pause(200);
  }
  throw new Error(`case ${run.index} (${caseId}) did not reach a certificate in time; last seen ${run.status}`);
}

/** Grants on the basis as it stands, if it is complete and still awaits a decision; otherwise the next look will tell. */
async function decide(platform: Platform, caseId: string) {
  const reply = await send<DecisionBasis>(platform, 'certificates', 'GET', `/cases/${caseId}/decision-basis`, { as: CAST.decider, expect: [200, 404] });
  const basis = reply.body;
  if (reply.status !== 200 || !basis.awaitingDecision || !basis.scorecard || !basis.reviewReport || !basis.score?.level) return;
  await send(platform, 'certificates', 'POST', `/cases/${caseId}/decision`, {
    as: CAST.decider,
    json: { outcome: 'grant', level: basis.score.level, reasons: '演练 drill', scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash },
    expect: 201,
  });
}

/** Every task not yet completed: reserved for the reviewer, claimed, each requirement assessed conforming, completed. */
async function reviewRemaining(platform: Platform, caseId: string, reviewer: string): Promise<void> {
  const reply = await send<ReviewView>(platform, 'evidence-review', 'GET', `/cases/${caseId}/review`, { as: CAST.lead, expect: [200, 404] });
  if (reply.status === 404 || reply.body.status === 'none') {
    await pause(500);
    return;
  }
  const open = Object.entries(reply.body.tasks)
    .filter(([, t]) => !t.completed)
    .sort(([a, ta], [b, tb]) => Number(ta.onSite) - Number(tb.onSite) || a.localeCompare(b));
  for (const [taskId, task] of open) {
    const held = await send<{ claimedBy: string | null }>(platform, 'evidence-review', 'GET', `/tasks/${taskId}`, { as: CAST.lead, expect: 200 });
    if (held.body.claimedBy !== reviewer) await claimFor(platform, taskId, reviewer);
    for (const requirementId of task.requirementIds) {
      await send(platform, 'evidence-review', 'POST', `/tasks/${taskId}/assessments`, { as: reviewer, json: { requirementId, assessment: { outcome: 'conforming' } }, expect: 200 }).catch(
        (err: unknown) => {
          if (!refusedAs(err, 'AlreadyAssessed')) throw err;
        },
      );
    }
    await send(platform, 'evidence-review', 'POST', `/tasks/${taskId}/complete`, { as: reviewer, expect: 200 }).catch((err: unknown) => {
      if (!refusedAs(err, 'TaskCompleted')) throw err;
    });
  }
}

async function claimFor(platform: Platform, taskId: string, reviewer: string): Promise<void> {
  const reserved = await send<{ queue: string }>(platform, 'evidence-review', 'POST', `/tasks/${taskId}/reassign`, { as: CAST.lead, json: { reviewerId: reviewer }, expect: 200 });
  for (let i = 0; i < 100; i++) {
    const claim = await send<{ taskId: string }>(platform, 'evidence-review', 'POST', `/queues/${reserved.body.queue}/claim`, { as: reviewer, expect: [200, 204] });
    if (claim.status === 200 && claim.body.taskId === taskId) return;
    if (claim.status === 200) await send(platform, 'evidence-review', 'POST', `/tasks/${claim.body.taskId}/release`, { as: reviewer, expect: 200 });
    else await pause(200);
  }
  throw new UnexpectedReply(503, `task ${taskId} could not be claimed`, 'claim', [200]);
}

export const newCaseRun = (index: number): CaseRun => ({ index, creditCode: newCreditCode() });
