import { addMonths } from '@gbt/certification';
import {
  applyAndAccept,
  certificateOf,
  certify,
  draftWithEvidence,
  evaluate,
  eventually,
  recordSurveillance,
  reviewTasks,
  send,
  waitForCase,
  waitForDecisionBasis,
  waitForRegistry,
  type Cast,
  type ClockFile,
  type Platform,
} from '../scenario';

const DAY = 86_400_000;

/** One demo organisation at one stage of the lifecycle, as the seed leaves it. */
export interface DemoCase {
  readonly stage: string;
  readonly name: string;
  readonly applicant: string;
  readonly creditCode: string;
  readonly organisationId: string;
  readonly caseId: string;
  readonly certificateNumber: string | null;
}

type Seeded = Omit<DemoCase, 'stage'>;

export interface Seeding {
  readonly platform: Platform;
  readonly clock: ClockFile;
  readonly log: (line: string) => void;
}

const castFor = (applicant: string): Cast => ({ applicant, lead: 'lena.lead', reviewer: 'rita.reviewer', verifier: 'roy.reviewer', decider: 'dan.decider' });

const FINDINGS = {
  '5.1.2.2': '没有持证的售后服务管理师 no certified after-sales service manager',
  '5.1.1.1': '售后服务部门职责未成文 after-sales department duties not written down',
  '5.1.3.1': '售后服务经费未单列 no separate after-sales budget',
};
const pick = (...ids: (keyof typeof FINDINGS)[]) => Object.fromEntries(ids.map((id) => [id, FINDINGS[id]]));

/**
 * Certified a little over three years ago, every surveillance passed, never renewed: expired last
 * month. The demo clock is set back to the grant and walked forward through each surveillance to
 * the expiry, so every timer on the way fires as it would have; the caller returns it to real time.
 */
export async function expired({ platform, clock, log }: Seeding): Promise<Seeded> {
  const applicant = 'bob.applicant';
  await clock.setNow(addMonths(new Date(), -37));
  log(`the demo clock is at ${clock.now().toISOString().slice(0, 10)} for the expired certificate`);
  const issued = await certify(platform, castFor(applicant), { name: '厦门旧时光家电有限公司 Xiamen Old Times Appliances' }, pick('5.1.2.2', '5.1.1.1', '5.1.3.1'));
  const number = issued.certificateNumber;
  const validUntil = new Date(certificateOf(issued.view).validUntil);
  for (let round = 1; ; round++) {
    const certified = await waitForCase(platform, applicant, issued.caseId, 'to be certified', (c) => c.status === 'certified');
    const dueBy = certificateOf(certified).nextSurveillanceBy;
    if (new Date(dueBy) >= validUntil) break;
    await clock.setNow(new Date(new Date(dueBy).getTime() - 50 * DAY));
    await waitForCase(platform, applicant, issued.caseId, `to show surveillance ${round} due`, (c) => c.surveillanceDueBy === dueBy);
    await recordSurveillance(platform, 'roy.reviewer', number, { passed: true });
    await waitForCase(platform, applicant, issued.caseId, `to record surveillance ${round}`, (c) => c.certificate?.nextSurveillanceBy !== dueBy);
    log(`surveillance ${round} of ${number} passed on ${clock.now().toISOString().slice(0, 10)}`);
  }
  await clock.setNow(new Date(validUntil.getTime() + 3_600_000));
  await waitForCase(platform, applicant, issued.caseId, 'to expire', (c) => c.status === 'expired');
  await waitForRegistry(platform, number, 'expired');
  return { name: issued.name, applicant, creditCode: issued.creditCode, organisationId: issued.organisationId, caseId: issued.caseId, certificateNumber: number };
}

/** Every requirement conforming: 100 points, 五星级. */
export async function fiveStar({ platform }: Seeding): Promise<Seeded> {
  const applicant = 'alice.applicant';
  const issued = await certify(platform, castFor(applicant), { name: '深圳星辰电器有限公司 Shenzhen Xingchen Appliances' });
  if (issued.level !== 'five-star') throw new Error(`the five-star demo company was certified ${issued.level}`);
  return { name: issued.name, applicant, creditCode: issued.creditCode, organisationId: issued.organisationId, caseId: issued.caseId, certificateNumber: issued.certificateNumber };
}

/** Certified 四星级 with two corrected findings, then suspended by a failed surveillance. */
export async function suspended({ platform }: Seeding): Promise<Seeded> {
  const applicant = 'bob.applicant';
  const issued = await certify(platform, castFor(applicant), { name: '广州恒通电子有限公司 Guangzhou Hengtong Electronics' }, pick('5.1.2.2', '5.1.1.1'));
  await recordSurveillance(platform, 'roy.reviewer', issued.certificateNumber, { passed: false, reason: '投诉处理超时 complaints left unanswered for weeks' });
  await waitForCase(platform, applicant, issued.caseId, 'to be suspended', (c) => c.status === 'suspended');
  await waitForRegistry(platform, issued.certificateNumber, 'suspended');
  return { name: issued.name, applicant, creditCode: issued.creditCode, organisationId: issued.organisationId, caseId: issued.caseId, certificateNumber: issued.certificateNumber };
}

/** Reviewed with one corrected finding and scored 95: the decision maker's turn. */
export async function waitingForDecision({ platform }: Seeding): Promise<Seeded> {
  const applicant = 'alice.applicant';
  const cast = castFor(applicant);
  const applied = await applyAndAccept(platform, cast, { name: '杭州安达家居有限公司 Hangzhou Anda Home' });
  await evaluate(platform, cast, applied.caseId, pick('5.1.2.2'));
  return { name: applied.name, applicant, creditCode: applied.creditCode, organisationId: applied.organisationId, caseId: applied.caseId, certificateNumber: null };
}

/** Reviewed and denied by Dan; the applicant appealed (ADR 0033): Dora, who took no part, may handle it. */
export async function appealed({ platform }: Seeding): Promise<Seeded> {
  const applicant = 'alice.applicant';
  const cast = castFor(applicant);
  const applied = await applyAndAccept(platform, cast, { name: '福州闽江电器有限公司 Fuzhou Minjiang Appliances' });
  await evaluate(platform, cast, applied.caseId, pick('5.1.3.1'));
  const basis = await waitForDecisionBasis(platform, cast.decider, applied.caseId);
  const reasons = '售后服务经费证据不足 the after-sales budget is not shown convincingly';
  await send(platform, 'certificates', 'POST', `/cases/${applied.caseId}/decision`, { as: cast.decider, json: { outcome: 'deny', reasons, scorecardHash: basis.scorecard.hash, reviewReportHash: basis.reviewReport.hash }, expect: 201 });
  await waitForCase(platform, applicant, applied.caseId, 'to be denied', (c) => c.status === 'not-certified');
  const appealable = async () => (await send<{ appealable: unknown }>(platform, 'certificates', 'GET', `/cases/${applied.caseId}/appeals`, { as: applicant, expect: 200 })).body.appealable;
  await eventually('the denial to be appealable', appealable);
  const grounds = '预算已单列并附上了审批记录 the budget is separate and its approval was attached';
  await send(platform, 'certificates', 'POST', `/cases/${applied.caseId}/appeals`, { as: applicant, json: { grounds }, expect: 201 });
  return { name: applied.name, applicant, creditCode: applied.creditCode, organisationId: applied.organisationId, caseId: applied.caseId, certificateNumber: null };
}

/** Accepted, two review tasks done, the rest waiting in the reviewers' queues. */
export async function inReview({ platform }: Seeding): Promise<Seeded> {
  const applicant = 'bob.applicant';
  const cast = castFor(applicant);
  const applied = await applyAndAccept(platform, cast, { name: '南京顺和厨电有限公司 Nanjing Shunhe Kitchen Appliances' });
  await reviewTasks(platform, applied.caseId, { lead: cast.lead, reviewer: cast.reviewer, tasks: 2 });
  return { name: applied.name, applicant, creditCode: applied.creditCode, organisationId: applied.organisationId, caseId: applied.caseId, certificateNumber: null };
}

/** Drafted with evidence, not yet submitted. */
export async function draft({ platform }: Seeding): Promise<Seeded> {
  const applicant = 'alice.applicant';
  const drafted = await draftWithEvidence(platform, castFor(applicant), { name: '成都蓉城空调有限公司 Chengdu Rongcheng Air Conditioning' });
  return { name: drafted.name, applicant, creditCode: drafted.creditCode, organisationId: drafted.organisationId, caseId: drafted.caseId, certificateNumber: null };
}

/** In this order: the expired one first, while nothing else exists that the walk through three years could disturb. */
export const STAGES: readonly { readonly stage: string; readonly seed: (seeding: Seeding) => Promise<Seeded> }[] = [
  { stage: 'expired', seed: expired },
  { stage: 'certified 五星级', seed: fiveStar },
  { stage: 'suspended', seed: suspended },
  { stage: 'waiting for a decision', seed: waitingForDecision },
  { stage: 'denied and appealed', seed: appealed },
  { stage: 'in review', seed: inReview },
  { stage: 'draft', seed: draft },
];
