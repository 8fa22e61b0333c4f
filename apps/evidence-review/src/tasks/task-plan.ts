import type { Catalogue } from '@gbt/catalogue';

export const QUEUES = {
  '5.1': 'review-service-system',
  '5.2': 'review-product-service',
  '5.3': 'review-customer-service',
  'on-site': 'review-on-site',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];
export const isQueueName = (name: string): name is QueueName => QUEUE_NAMES.some((q) => q === name);

export interface PlannedTask {
  readonly taskId: string;
  readonly queue: QueueName;
  readonly indicatorId: string | null;
  readonly requirementIds: string[];
  readonly onSite: boolean;
}

/**
 * What every task id of a case's review in a cycle starts with: the case id for the first evaluation
 * (cycle 1, the ids from before recertifications had reviews), `<caseId>.c<cycle>` for a
 * recertification. Catalogue indicator ids start with a digit, so `c<n>` cannot be mistaken for one.
 */
export const taskIdPrefix = (caseId: string, cycle = 1) => (cycle === 1 ? caseId : `${caseId}.c${cycle}`);

/**
 * One task per indicator for its document and sampling requirements, on its category's specialism
 * queue, and one on-site task for everything the catalogue says is evaluated on site. Requirements
 * worth no points (explanations) are not assessed. Task ids derive from the case and the cycle, so
 * planning the same cycle twice plans the same tasks, and each cycle plans its own.
 */
export function planTasks(caseId: string, catalogue: Catalogue, cycle = 1): PlannedTask[] {
  const prefix = taskIdPrefix(caseId, cycle);
  const tasks: PlannedTask[] = [];
  const onSite: string[] = [];
  for (const category of catalogue.categories) {
    const queue = QUEUES[category.id as '5.1' | '5.2' | '5.3'] ?? QUEUES['5.1'];
    for (const indicator of category.indicators) {
      const scored = indicator.requirements.filter((r) => r.scored);
      onSite.push(...scored.filter((r) => r.method === 'on-site').map((r) => r.id));
      const documents = scored.filter((r) => r.method !== 'on-site').map((r) => r.id);
      if (documents.length) tasks.push({ taskId: `${prefix}.${indicator.id}`, queue, indicatorId: indicator.id, requirementIds: documents, onSite: false });
    }
  }
  if (onSite.length) tasks.push({ taskId: `${prefix}.on-site`, queue: QUEUES['on-site'], indicatorId: null, requirementIds: onSite, onSite: true });
  return tasks;
}

/** A sampled outlet's visit in a cycle's review: `<prefix>.site.<outletId>`, on the on-site queue. */
export const siteTaskId = (caseId: string, cycle: number, outletId: string) => `${taskIdPrefix(caseId, cycle)}.site.${outletId}`;

/** The site tasks of an audit plan's sample: nothing to assess of their own, the visit is the work (findings go on the on-site task's requirements). */
export const planSiteTasks = (caseId: string, cycle: number, outletIds: readonly string[]): PlannedTask[] =>
  outletIds.map((outletId) => ({ taskId: siteTaskId(caseId, cycle, outletId), queue: QUEUES['on-site'], indicatorId: null, requirementIds: [], onSite: true }));
