import { send, type Platform } from './http';
import { eventually } from './wait';

export interface ReviewView {
  /** 1 for the first evaluation, then one per recertification started. */
  readonly cycle: number;
  readonly status: 'none' | 'planned' | 'results-published' | 'cancelled';
  readonly tasks: Record<string, { requirementIds: string[]; onSite: boolean; completed: boolean }>;
  readonly nonconformities: Record<string, { requirementId: string; raisedBy: string; correctionSubmitted: boolean; closed: boolean }>;
  readonly [more: string]: unknown;
}

const reviewPath = (caseId: string, cycle?: number) => `/cases/${caseId}/review${cycle === undefined ? '' : `?cycle=${cycle}`}`;

/** The case's review in its current cycle, or in the one asked for. */
export const readReview = async (platform: Platform, user: string, caseId: string, cycle?: number) =>
  (await send<ReviewView>(platform, 'evidence-review', 'GET', reviewPath(caseId, cycle), { as: user, expect: 200 })).body;

/** The review service plans the tasks when it learns of the acceptance (cycle 1) or a recertification (the next cycle) from Kafka. */
export const waitForReviewPlan = (platform: Platform, user: string, caseId: string, cycle?: number) =>
  eventually(`the review of ${caseId}${cycle === undefined ? '' : ` in cycle ${cycle}`} to be planned`, async (note) => {
    const reply = await send<ReviewView>(platform, 'evidence-review', 'GET', reviewPath(caseId, cycle), { as: user, expect: [200, 404] });
    note(reply.body.status ?? reply.status);
    return reply.status === 200 && reply.body.status !== 'none' ? reply.body : undefined;
  });

/** The nonconformity a finding on a requirement opens. */
export const nonconformityId = (requirementId: string) => `nc-${requirementId}`;

export interface ReviewPlanOptions {
  /** The lead reviewer who reserves each task for the reviewer. */
  readonly lead: string;
  readonly reviewer: string;
  /** Findings by requirement id; every other requirement conforms. */
  readonly nonconformities?: Readonly<Record<string, string>>;
  /** Stop after this many tasks (a review still under way); all by default. */
  readonly tasks?: number;
  /** The review cycle to work on (a recertification's is 2 or more); the current one by default. */
  readonly cycle?: number;
}

/**
 * Claims one of `wanted` from a queue. The lead's reservations put them first in line for this
 * reviewer, but other tasks may share first place (reserved earlier, or due long ago). Those are
 * held while claiming on, so that each claim hands out the next task, and given back at the end.
 */
async function claimOneOf(platform: Platform, reviewer: string, queue: string, wanted: ReadonlySet<string>): Promise<string> {
  const held: string[] = [];
  try {
    return await eventually(`${reviewer} to claim one of ${[...wanted].join(', ')} from ${queue}`, async (note) => {
      const reply = await send<{ taskId: string }>(platform, 'evidence-review', 'POST', `/queues/${queue}/claim`, { as: reviewer, expect: [200, 204] });
      if (reply.status === 204) {
        note(`nothing (more) to claim; holding ${held.length} others`);
        return undefined;
      }
      if (wanted.has(reply.body.taskId)) return reply.body.taskId;
      held.push(reply.body.taskId);
      note(`claimed ${reply.body.taskId} instead`);
      return undefined;
    }, 60_000, 50);
  } finally {
    for (const taskId of held) await send(platform, 'evidence-review', 'POST', `/tasks/${taskId}/release`, { as: reviewer }).catch(() => undefined);
  }
}

/**
 * Works through the planned tasks as reviewers do: the lead reserves them for the reviewer, who
 * claims them from their queues, document review before on-site, assesses every requirement (a
 * finding where asked for, conforming otherwise) and completes each. Returns the tasks done.
 */
export async function reviewTasks(platform: Platform, caseId: string, options: ReviewPlanOptions): Promise<string[]> {
  const plan = await waitForReviewPlan(platform, options.lead, caseId, options.cycle);
  const todo = Object.entries(plan.tasks)
    .filter(([, t]) => !t.completed)
    .sort(([a, ta], [b, tb]) => Number(ta.onSite) - Number(tb.onSite) || a.localeCompare(b))
    .slice(0, options.tasks ?? Infinity);
  const queueOf = new Map<string, string>();
  for (const [taskId] of todo) {
    const reserved = await send<{ queue: string }>(platform, 'evidence-review', 'POST', `/tasks/${taskId}/reassign`, { as: options.lead, json: { reviewerId: options.reviewer }, expect: 200 });
    queueOf.set(taskId, reserved.body.queue);
  }
  const findings = options.nonconformities ?? {};
  const remaining = new Map(todo);
  const done: string[] = [];
  while (remaining.size) {
    // Any of the case's open tasks in the first one's queue will do: all of them are to be done.
    const [[first, { onSite }]] = remaining;
    const queue = queueOf.get(first) as string;
    const wanted = new Set([...remaining].filter(([id, t]) => queueOf.get(id) === queue && t.onSite === onSite).map(([id]) => id));
    const taskId = await claimOneOf(platform, options.reviewer, queue, wanted);
    for (const requirementId of remaining.get(taskId)?.requirementIds ?? []) {
      const finding = findings[requirementId];
      const assessment = finding ? { outcome: 'nonconformity', finding, severity: 'major' } : { outcome: 'conforming' };
      await send(platform, 'evidence-review', 'POST', `/tasks/${taskId}/assessments`, { as: options.reviewer, json: { requirementId, assessment }, expect: 200 });
    }
    await send(platform, 'evidence-review', 'POST', `/tasks/${taskId}/complete`, { as: options.reviewer, expect: 200 });
    remaining.delete(taskId);
    done.push(taskId);
  }
  return done;
}

export async function submitCorrection(platform: Platform, applicant: string, caseId: string, requirementId: string, note: string) {
  await send(platform, 'evidence-review', 'POST', `/cases/${caseId}/nonconformities/${nonconformityId(requirementId)}/corrections`, { as: applicant, json: { note, documentIds: [] }, expect: 201 });
}

/** Verified by another reviewer than the one who found it. */
export async function verifyCorrection(platform: Platform, verifier: string, caseId: string, requirementId: string) {
  await send(platform, 'evidence-review', 'POST', `/cases/${caseId}/nonconformities/${nonconformityId(requirementId)}/verification`, { as: verifier, json: { accepted: true }, expect: 200 });
}
