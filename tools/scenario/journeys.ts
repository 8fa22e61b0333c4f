import { acceptApplication, attachEvidence, draftApplication, registerOrganisation, submitApplication, waitForCase, type OrganisationInput } from './applications';
import { grant, waitForCertificate } from './certificates';
import type { Platform } from './http';
import { reviewTasks, submitCorrection, verifyCorrection } from './review';

/** Who does what in a scenario: demo users with the roles each step needs. */
export interface Cast {
  readonly applicant: string;
  readonly lead: string;
  /** Assesses the requirements and raises the nonconformities. */
  readonly reviewer: string;
  /** Verifies corrective actions: never the reviewer who raised them. */
  readonly verifier: string;
  readonly decider: string;
}

export const CAST: Cast = { applicant: 'alice.applicant', lead: 'lena.lead', reviewer: 'rita.reviewer', verifier: 'roy.reviewer', decider: 'dan.decider' };

/** Evidence for a few requirements of every category, the documents an applicant typically uploads first. */
export const EVIDENCE: Readonly<Record<string, string>> = {
  '5.1.1.1': '售后服务部门设置 after-sales department.pdf',
  '5.1.2.2': '售后服务管理师证书 certified managers.pdf',
  '5.2.4.3': '备件价格表 spare parts and charges.pdf',
  '5.3.2.2': '投诉处理制度 complaint procedure.pdf',
};

/** Registered, drafted with evidence: an application not yet submitted. */
export async function draftWithEvidence(platform: Platform, cast: Cast, organisation: OrganisationInput) {
  const org = await registerOrganisation(platform, cast.applicant, organisation);
  const { caseId } = await draftApplication(platform, cast.applicant, org.organisationId);
  for (const [requirementId, fileName] of Object.entries(EVIDENCE)) await attachEvidence(platform, cast.applicant, caseId, requirementId, fileName);
  return { ...org, caseId };
}

/** Submitted and accepted: the review service plans the work. */
export async function applyAndAccept(platform: Platform, cast: Cast, organisation: OrganisationInput) {
  const drafted = await draftWithEvidence(platform, cast, organisation);
  await submitApplication(platform, cast.applicant, drafted.caseId);
  await acceptApplication(platform, cast.lead, drafted.caseId);
  return drafted;
}

/**
 * The whole review up to a decision: every task assessed, a finding on each requirement named in
 * `findings`, each corrected by the applicant and verified by another reviewer, then scored.
 */
export async function evaluate(platform: Platform, cast: Cast, caseId: string, findings: Readonly<Record<string, string>> = {}) {
  await reviewTasks(platform, caseId, { lead: cast.lead, reviewer: cast.reviewer, nonconformities: findings });
  for (const requirementId of Object.keys(findings)) {
    await waitForCase(platform, cast.applicant, caseId, `to record the nonconformity on ${requirementId}`, (c) => c.nonconformities[`nc-${requirementId}`]?.open === true);
    await submitCorrection(platform, cast.applicant, caseId, requirementId, `已整改 corrected: ${findings[requirementId]}`);
    await verifyCorrection(platform, cast.verifier, caseId, requirementId);
  }
  return waitForCase(platform, cast.applicant, caseId, 'to wait for a decision', (c) => c.status === 'decision-pending', 90_000);
}

/** From registration to an issued certificate at the level the findings leave. */
export async function certify(platform: Platform, cast: Cast, organisation: OrganisationInput, findings: Readonly<Record<string, string>> = {}) {
  const applied = await applyAndAccept(platform, cast, organisation);
  const scored = await evaluate(platform, cast, applied.caseId, findings);
  const level = scored.score?.level;
  if (!level) throw new Error(`case ${applied.caseId} scored ${scored.score?.score} and cannot be certified`);
  const { certificateNumber } = await grant(platform, cast.decider, applied.caseId, level);
  const issued = await waitForCertificate(platform, cast.applicant, applied.caseId, certificateNumber);
  return { ...applied, certificateNumber, level, view: issued.view, entry: issued.entry };
}
